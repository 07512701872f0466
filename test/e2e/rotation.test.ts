import * as assert from 'assert';
import { startEmulator, Emulator } from '../emulator/server';
import { openWorkbench, Workbench } from './workbench';

async function answer(wb: Workbench, text: string): Promise<void> {
  const input = wb.page.locator('.quick-input-widget input.input');
  await input.waitFor();
  await input.fill(text);
  await input.press('Enter');
}

async function choose(wb: Workbench, label: string): Promise<void> {
  const row = wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ timeout: 15_000 });
  await row.click();
}

function treeRow(wb: Workbench, text: string) {
  return wb.page.locator('.sidebar .monaco-list-row', { hasText: text }).first();
}

async function contextMenu(wb: Workbench, row: string, item: string): Promise<void> {
  await treeRow(wb, row).click({ button: 'right' });
  const entry = wb.page.locator('.monaco-menu .action-label', { hasText: item });
  await entry.waitFor({ timeout: 15_000 });
  await entry.click();
}

describe('Workbench: rotation and Access Tokens', function () {
  this.timeout(300_000);
  let em: Emulator;
  let wb: Workbench;

  before(async () => {
    em = await startEmulator({ keys: 3 });
    wb = await openWorkbench({ env: { TWILIO_CREDENTIALS_API_ORIGIN: em.url } });
    await wb.openView();
    await wb.runCommand('Twilio: Connect Account…');
    await answer(wb, 'Production');
    await answer(wb, em.accountSid);
    await choose(wb, 'Auth Token');
    await answer(wb, em.authToken);
    await choose(wb, 'us1');
    await treeRow(wb, 'Production').waitFor({ timeout: 30_000 });
    // A key created here, so its secret is stored and it can sign tokens.
    await wb.runCommand('Twilio: Create API Key…');
    await answer(wb, 'payments service');
    await choose(wb, 'Standard');
    await treeRow(wb, 'payments service').waitFor({ timeout: 30_000 });
    await wb.page.keyboard.press('Escape');
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
    await wb.page.locator('.notification-toast', { hasText: 'Rotated' }).first().waitFor({ timeout: 30_000 });
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
    await wb.page.locator('.notification-toast', { hasText: 'Access Token for "alice" copied' }).waitFor({ timeout: 30_000 });
    await wb.screenshot('access-token-done');
  });
});
