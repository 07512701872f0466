import * as assert from 'assert';
import type { Emulator } from '../emulator/server';
import { openEmulatedWorkbench, Workbench, choose, treeRow, contextMenu, connectThroughPalette, answerModal } from './workbench';

describe('Workbench: accounts and keys, driven like a user', function () {
  this.timeout(300_000);
  let em: Emulator;
  let wb: Workbench;

  before(async () => {
    ({ em, wb } = await openEmulatedWorkbench(8));
    await wb.openView();
  });
  after(async () => {
    await wb?.close();
    await em?.close();
  });

  it('connects an account through the command palette and shows its keys in the tree', async () => {
    await connectThroughPalette(wb.page, 'Emulated', em.accountSid, em.authToken);
    await treeRow(wb.page, 'Standard key (emulator)').waitFor({ timeout: 30_000 });
    assert.ok(await treeRow(wb.page, 'Main key (emulator)').isVisible());
    await wb.screenshot('tree');
  });

  it('creates a key from the view title button, through the quick picks', async () => {
    await wb.page.locator('.sidebar .composite.title').hover();
    await wb.page.locator('.sidebar .title-actions .action-label[aria-label^="Create API Key"]').first().click();
    const input = wb.page.locator('.quick-input-widget input.input');
    await input.waitFor();
    await input.fill('e2e created key');
    await wb.screenshot('create-key-name');
    await input.press('Enter');
    await choose(wb.page, 'Standard');
    // A modal says what will be created before it is.
    const dialog = wb.page.locator('.monaco-dialog-box', { hasText: 'Create the Standard API key "e2e created key"' });
    await dialog.waitFor({ timeout: 30_000 });
    await wb.screenshot('create-key-confirm');
    await dialog.locator('.monaco-button', { hasText: 'Create Key' }).click();
    // Then a modal offers what to do with the stored secret; Escape keeps it in secret storage only.
    // Before it: the first Twilio call loads the Twilio library, then the key is created and
    // stored; on a busy machine that took over 30 s, so the limit is generous.
    const next = wb.page.locator('.monaco-dialog-box', { hasText: 'Its secret is stored' });
    await next.waitFor({ timeout: 180_000 });
    await wb.screenshot('create-key-done');
    await next.locator('.monaco-button', { hasText: 'Copy Secret' }).waitFor();
    await answerModal(wb.page, 'Its secret is stored');
    await treeRow(wb.page, 'e2e created key').waitFor({ timeout: 30_000 });
    assert.ok([...em.state.keys.values()].some((k) => k.friendlyName === 'e2e created key'));
  });

  it('deletes a key from its context menu after a modal confirmation', async () => {
    const row = treeRow(wb.page, 'e2e created key');
    await contextMenu(wb.page, 'e2e created key', 'Delete (Revoke) API Key');
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 15_000 });
    assert.match(await dialog.innerText(), /e2e created key/);
    await wb.screenshot('delete-confirmation');
    await dialog.locator('.monaco-button', { hasText: 'Delete Key' }).click();
    await row.waitFor({ state: 'detached', timeout: 30_000 });
    assert.ok(![...em.state.keys.values()].some((k) => k.friendlyName === 'e2e created key'));
  });
});
