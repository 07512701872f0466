// Keyboard only: connect, browse, delete and cancel without touching the mouse.
import * as assert from 'assert';
import type { Emulator } from '../emulator/server';
import { openEmulatedWorkbench, treeSettled, Workbench } from './workbench';

describe('Workbench: keyboard only', function () {
  this.timeout(300_000);
  let em: Emulator;
  let wb: Workbench;

  before(async () => {
    ({ em, wb } = await openEmulatedWorkbench(1));
  });
  after(async () => {
    await wb?.close();
    await em?.close();
  });

  async function palette(command: string): Promise<void> {
    const exact = new RegExp(`^${command.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    const row = wb.page.locator('.quick-input-list .monaco-list-row .label-name').filter({ hasText: exact }).first();
    // Commands appear once the extension host has registered the extension: ask again until then.
    for (let attempt = 0; ; attempt++) {
      await wb.page.keyboard.press('F1');
      await wb.page.locator('.quick-input-widget input').waitFor();
      await wb.page.keyboard.type(command.replace(/…$/, ''));
      if (await row.waitFor({ timeout: 5_000 }).then(() => true, () => false)) break;
      await wb.page.keyboard.press('Escape');
      if (attempt === 5) throw new Error(`no command "${command}" in the palette`);
    }
    // Fuzzy matching also lists longer titles: arrow down to the exact one, as a user would.
    const focused = wb.page.locator('.quick-input-list .monaco-list-row.focused .monaco-icon-label-container .label-name >> visible=true').first();
    await focused.waitFor({ timeout: 15_000 });
    for (let i = 0; i < 10; i++) {
      const was = (await focused.innerText()).trim();
      if (was === command) break;
      await wb.page.keyboard.press('ArrowDown');
      // Wait until the focus has moved (the row's label changed), not for a fixed time.
      await focused.filter({ hasNotText: new RegExp(`^${was.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).waitFor({ timeout: 15_000 });
    }
    assert.strictEqual((await focused.innerText()).trim(), command);
    await wb.page.keyboard.press('Enter');
  }

  /** Waits for the prompt titled `title`, then types into it (when text is given) and presses Enter. */
  async function step(title: string, text?: string): Promise<void> {
    await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ timeout: 15_000 });
    if (text === undefined) await wb.page.locator('.quick-input-widget .monaco-list-row.focused').waitFor({ timeout: 15_000 });
    else await wb.page.keyboard.type(text);
    await wb.page.keyboard.press('Enter');
  }

  it('connects an account with the keyboard alone', async () => {
    await palette('Twilio: Connect Account…');
    await step('(1/5)', 'Keyboard');
    await step('(2/5)', em.accountSid);
    await step('(3/5)'); // Auth Token is the first choice
    await step('(4/5)', em.authToken);
    await step('(5/5)'); // us1 is the first region
    await palette('Twilio Credentials: Focus on Accounts View');
    await wb.page.locator('.sidebar .monaco-list-row', { hasText: 'Seeded key 1' }).waitFor({ timeout: 30_000 });
  });

  it('deletes a key from the tree with arrows, the context-menu key and Enter', async () => {
    const tree = wb.page.locator('.sidebar .monaco-list');
    await palette('Twilio Credentials: Focus on Accounts View');
    // Move down to the seeded key.
    for (let i = 0; i < 6; i++) {
      if (await wb.page.locator('.sidebar .monaco-list-row.focused', { hasText: 'Seeded key 1' }).count()) break;
      await wb.page.keyboard.press('ArrowDown');
    }
    await wb.page.locator('.sidebar .monaco-list-row.focused', { hasText: 'Seeded key 1' }).waitFor({ timeout: 5_000 });
    await wb.page.keyboard.press('Shift+F10');
    await wb.page.locator('.monaco-menu').waitFor();
    await wb.page.keyboard.press('End'); // the last entry: Delete (Revoke) API Key…
    await wb.page.keyboard.press('Enter');
    const dialog = wb.page.locator('.monaco-dialog-box', { hasText: 'Seeded key 1' });
    await dialog.waitFor({ timeout: 15_000 });
    await wb.page.keyboard.press('Enter'); // the primary button, Delete Key
    await wb.page.locator('.sidebar .monaco-list-row', { hasText: 'Seeded key 1' }).waitFor({ state: 'detached', timeout: 30_000 });
    assert.ok(![...em.state.keys.values()].some((k) => k.friendlyName === 'Seeded key 1'));
    assert.ok(await tree.isVisible());
  });

  it('cancels a slow verification from its notification, storing nothing', async () => {
    const other = em.state.addAccount({ friendlyName: 'Slow account' });
    em.faults.hangNext(1, { method: 'GET' });
    await palette('Twilio: Connect Account…');
    await step('(1/5)', 'Slow');
    await step('(2/5)', other.sid);
    await step('(3/5)');
    await step('(4/5)', other.authToken);
    await step('(5/5)');
    const progress = wb.page.locator('.notification-toast', { hasText: 'Verifying credentials' });
    await progress.waitFor({ timeout: 15_000 });
    await wb.screenshot('cancel-verification');
    await progress.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await progress.waitFor({ state: 'detached', timeout: 15_000 });
    // Wait until the tree has stopped changing (no fixed time), then look for the account.
    await treeSettled(wb.page, 1_000, 60_000);
    assert.strictEqual(await wb.page.locator('.sidebar .monaco-list-row', { hasText: 'Slow' }).count(), 0, 'no account was added');
    assert.strictEqual(await wb.page.locator('.notification-toast', { hasText: /error|failed/i }).count(), 0, 'cancelling is not an error');
    em.faults.clear();
  });
});
