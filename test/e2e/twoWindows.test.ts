// Two windows of one VS Code on the same folder (two tabs of the code-server workbench).
// Desktop VS Code tells every window when SecretStorage or global state changes; the web
// workbench served by code-server shares the storage between tabs but does not announce changes,
// so here the other window sees them after a reload. What must hold everywhere: neither window's
// writes undo the other's, and every stored secret stays usable from both.
import * as assert from 'assert';
import type { Page } from 'playwright-core';
import type { Emulator } from '../emulator/server';
import { openEmulatedWorkbench, Workbench, treeRow, contextMenu, connectThroughPalette, showView, rightClickRow, createKeyThroughPalette } from './workbench';

async function reload(page: Page): Promise<void> {
  await page.bringToFront();
  await page.reload();
  await showView(page);
}

async function offersCopySecret(page: Page, name: string): Promise<boolean> {
  await page.bringToFront();
  await rightClickRow(page, name);
  const copy = page.locator('.monaco-menu .action-label', { hasText: 'Copy Key Secret' });
  const offered = await copy.waitFor({ timeout: 5_000 }).then(() => true, () => false);
  await page.keyboard.press('Escape');
  return offered;
}

describe('Workbench: two windows at once', function () {
  this.timeout(300_000);
  let em: Emulator;
  let wb: Workbench;
  let second: Page;

  before(async () => {
    ({ em, wb } = await openEmulatedWorkbench(2));
    second = await wb.page.context().newPage();
    await second.goto(wb.page.url());
    await reload(second);
    await wb.page.bringToFront();
    await wb.openView();
  });
  after(async () => {
    await wb?.close();
    await em?.close();
  });

  it('an account connected in one window is there in the other', async () => {
    await connectThroughPalette(wb.page, 'Shared', em.accountSid, em.authToken);
    await reload(second);
    await treeRow(second, 'Seeded key 1').waitFor({ timeout: 30_000 });
  });

  it('keys created in each window keep both stored secrets, usable from both', async () => {
    await createKeyThroughPalette(wb.page, 'made in window one');
    // The second window has not seen that key: its own write must not undo the first's.
    await second.bringToFront();
    await createKeyThroughPalette(second, 'made in window two');
    await reload(wb.page);
    await reload(second);
    for (const page of [wb.page, second]) {
      for (const name of ['made in window one', 'made in window two']) {
        assert.ok(await offersCopySecret(page, name), `${name}: its secret is usable from ${page === second ? 'window two' : 'window one'}`);
      }
    }
    await second.screenshot({ path: wb.screenshotPath('two-windows') });
  });

  it('a key deleted in one window is gone from the other', async () => {
    await second.bringToFront();
    await contextMenu(second, 'made in window one', 'Delete (Revoke) API Key');
    const button = second.locator('.monaco-dialog-box .monaco-button', { hasText: 'Delete Key' });
    await button.waitFor({ timeout: 15_000 }).catch(async (e) => {
      await second.screenshot({ path: wb.screenshotPath('two-windows-delete-debug') });
      throw e;
    });
    await button.click();
    await treeRow(second, 'made in window one').waitFor({ state: 'detached', timeout: 30_000 });
    await reload(wb.page);
    await treeRow(wb.page, 'made in window two').waitFor({ timeout: 30_000 });
    assert.strictEqual(await treeRow(wb.page, 'made in window one').count(), 0);
    assert.ok(![...em.state.keys.values()].some((k) => k.friendlyName === 'made in window one'));
  });
});
