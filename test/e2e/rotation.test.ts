import * as assert from 'assert';
import { startEmulator, Emulator } from '../emulator/server';
import { openWorkbench, Workbench, answer as answerIn, choose as chooseIn, treeRow as rowIn, contextMenu as menuIn, connectThroughPalette, notification } from './workbench';

const answer = (wb: Workbench, text: string) => answerIn(wb.page, text);
const choose = (wb: Workbench, label: string) => chooseIn(wb.page, label);
const treeRow = (wb: Workbench, text: string) => rowIn(wb.page, text);
const contextMenu = (wb: Workbench, row: string, item: string) => menuIn(wb.page, row, item);

describe('Workbench: rotation and Access Tokens', function () {
  this.timeout(300_000);
  let em: Emulator;
  let wb: Workbench;

  before(async () => {
    em = await startEmulator({ keys: 3 });
    wb = await openWorkbench({ env: { TWILIO_CREDENTIALS_API_ORIGIN: em.url } });
    await wb.openView();
    await connectThroughPalette(wb.page, 'Production', em.accountSid, em.authToken);
    // A key created here, so its secret is stored and it can sign tokens.
    await wb.runCommand('Twilio: Create API Key…');
    await answer(wb, 'payments service');
    await choose(wb, 'Standard');
    await treeRow(wb, 'payments service').waitFor({ timeout: 30_000 });
    await wb.page.keyboard.press('Escape');
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot(`failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  after(async () => {
    await wb?.close();
    await em?.close();
  });

  it('rotates a key from its context menu, confirming the old key\'s deletion in a modal', async () => {
    await contextMenu(wb, 'payments service', 'Rotate API Key');
    const dialog = wb.page.locator('.monaco-dialog-box', { hasText: 'The new key works' });
    await dialog.waitFor({ timeout: 30_000 });
    await wb.screenshot('rotate-confirm');
    await dialog.locator('.monaco-button', { hasText: 'Delete Old Key' }).click();
    await treeRow(wb, 'payments service (rotated').waitFor({ timeout: 30_000 });
    await notification(wb.page, 'the old key is deleted');
    await wb.page.locator('.notification-toast', { hasText: 'Rotating' }).waitFor({ state: 'detached', timeout: 15_000 });
    await wb.screenshot('rotate-done');
    const names = [...em.state.keys.values()].map((k) => k.friendlyName);
    assert.ok(names.some((n) => /^payments service \(rotated /.test(String(n))));
    assert.ok(!names.includes('payments service'));
  });

  it('creates an Access Token with the rotated key through its prompts', async () => {
    await contextMenu(wb, 'payments service (rotated', 'Create Access Token');
    await answer(wb, 'alice');
    await choose(wb, '1 hour');
    const video = wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Video' }).first();
    await video.waitFor();
    await video.click();
    await wb.screenshot('access-token-grants');
    await wb.page.locator('.quick-input-widget .quick-input-action .monaco-button', { hasText: 'OK' }).click();
    await answer(wb, 'standup');
    await notification(wb.page, 'Access Token for "alice" copied');
    await wb.screenshot('access-token-done');
  });
});
