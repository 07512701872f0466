import * as assert from 'assert';
import type { Emulator } from '../emulator/server';
import { openEmulatedWorkbench, Workbench, answer, choose, contextMenu, connectThroughPalette, notification, noToastSaying, answerModal, createKeyThroughPalette, treeRow } from './workbench';

describe('Workbench: rotation and Access Tokens', function () {
  this.timeout(300_000);
  let em: Emulator;
  let wb: Workbench;

  before(async () => {
    ({ em, wb } = await openEmulatedWorkbench(3));
    await wb.openView();
    await connectThroughPalette(wb.page, 'Production', em.accountSid, em.authToken);
    // A key created here, so its secret is stored and it can sign tokens.
    await createKeyThroughPalette(wb.page, 'payments service');
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot(`failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  after(async () => {
    await wb?.close();
    await em?.close();
  });

  it('rotates a key from its context menu, confirming the old key\'s deletion in a modal', async () => {
    await contextMenu(wb.page, 'payments service', 'Rotate API Key');
    // First a modal says what the rotation does.
    assert.match(await answerModal(wb.page, 'Rotate the API key "payments service"', 'Rotate Key'), /Once the new key works, you are asked before the old key is deleted/);
    const dialog = wb.page.locator('.monaco-dialog-box', { hasText: 'The new key works' });
    await dialog.waitFor({ timeout: 30_000 });
    // No modal over a progress notification: the "Rotating" toast is gone while the question is open.
    await noToastSaying(wb.page, 'Rotating', 5_000);
    assert.ok(await dialog.isVisible(), 'the question is still open');
    await wb.screenshot('rotate-confirm');
    await dialog.locator('.monaco-button', { hasText: 'Delete Old Key' }).click();
    await treeRow(wb.page, 'payments service (rotated').waitFor({ timeout: 30_000 });
    await notification(wb.page, 'the old key is deleted');
    await noToastSaying(wb.page, 'Rotating', 15_000);
    await wb.screenshot('rotate-done');
    const names = [...em.state.keys.values()].map((k) => k.friendlyName);
    assert.ok(names.some((n) => /^payments service \(rotated /.test(String(n))));
    assert.ok(!names.includes('payments service'));
  });

  it('creates an Access Token with the rotated key through its prompts', async () => {
    await contextMenu(wb.page, 'payments service (rotated', 'Create Access Token');
    await answer(wb.page, 'alice');
    await choose(wb.page, '1 hour');
    const video = wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Video' }).first();
    await video.waitFor();
    await video.click();
    await wb.screenshot('access-token-grants');
    await wb.page.locator('.quick-input-widget .quick-input-action .monaco-button', { hasText: 'OK' }).click();
    await answer(wb.page, 'standup');
    // The token leaves the editor only through the modal's answer.
    await answerModal(wb.page, 'The Access Token for "alice" is ready', 'Copy');
    await notification(wb.page, 'Access Token for "alice" copied');
    await wb.screenshot('access-token-done');
  });
});

