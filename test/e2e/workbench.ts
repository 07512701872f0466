// Drives the real VS Code workbench (code-server) in Debian's Chromium, as a user would.
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { startCodeServer, CodeServer, CodeServerOptions } from '../runner/codeServer';
import { launchChromium, launchPersistentChromium } from '../runner/browser';
import { repoRoot, copyFixtureWorkspace } from '../runner/paths';
import { startEmulator, Emulator } from '../emulator/server';
import { API_ORIGIN_ENV } from '../../src/core/twilio/origin';

export const screenshotDir = path.join(repoRoot, 'test-results', 'screenshots');

export interface Workbench {
  page: Page;
  server: CodeServer;
  workspace: string;
  screenshot(name: string): Promise<string>;
  /** Where screenshot(name) saves, for pages other than the main one. */
  screenshotPath(name: string): string;
  /** Runs a command through the command palette by its title, as a user types it. */
  runCommand(title: string): Promise<void>;
  openView(): Promise<void>;
  close(): Promise<void>;
}

export interface WorkbenchOptions extends CodeServerOptions {
  /** Load the extension from the repo (development mode); false when testing an installed .vsix. */
  developmentExtension?: boolean;
  workspace?: string;
  /** Keep the browser profile (where the web workbench stores its state) in this folder, to search it. */
  browserProfileDir?: string;
}

export async function openWorkbench(opts: WorkbenchOptions = {}): Promise<Workbench> {
  const workspace = opts.workspace ?? copyFixtureWorkspace();
  const server = await startCodeServer(opts);
  let browser: Browser | undefined;
  let persistent: import('playwright-core').BrowserContext | undefined;
  try {
    const viewport = { width: 1280, height: 800 };
    if (opts.browserProfileDir) persistent = await launchPersistentChromium(opts.browserProfileDir, viewport);
    else browser = await launchChromium();
    // A context of our own, so a test can open a second window (tab) sharing its storage.
    const context = persistent ?? (await browser!.newContext({ viewport }));
    const page = persistent?.pages()[0] ?? (await context.newPage());
    const payload: Array<[string, string]> = [['skipWelcome', 'true']];
    if (opts.developmentExtension !== false) {
      payload.push(['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${repoRoot}`]);
    }
    const q = new URLSearchParams({ folder: workspace, payload: JSON.stringify(payload) });
    // The first load compiles the workbench's scripts: far slower than 30 s on a busy machine.
    await page.goto(`${server.url}/?${q.toString()}`, { timeout: 180_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.activitybar').waitFor({ timeout: 60_000 });
    const b = persistent ?? browser!;
    const wb: Workbench = {
      page,
      server,
      workspace,
      screenshotPath(name) {
        fs.mkdirSync(screenshotDir, { recursive: true });
        return path.join(screenshotDir, `${name}.png`);
      },
      async screenshot(name) {
        fs.mkdirSync(screenshotDir, { recursive: true });
        const file = path.join(screenshotDir, `${name}.png`);
        await page.screenshot({ path: file });
        return file;
      },
      runCommand: (title) => runCommandIn(page, title),
      openView: () => showView(page),
      async close() {
        await b.close().catch(() => undefined);
        await server.stop();
        fs.rmSync(path.dirname(workspace), { recursive: true, force: true });
        fs.rmSync(server.userDataDir, { recursive: true, force: true });
        fs.rmSync(server.extensionsDir, { recursive: true, force: true });
      },
    };
    return wb;
  } catch (e) {
    await (persistent ?? browser)?.close().catch(() => undefined);
    await server.stop();
    throw e;
  }
}

/** The Twilio emulator with `keys` extra keys, and a workbench whose extension sends its Twilio calls there. */
export async function openEmulatedWorkbench(keys: number): Promise<{ em: Emulator; wb: Workbench }> {
  const em = await startEmulator({ keys });
  try {
    return { em, wb: await openWorkbench({ env: { [API_ORIGIN_ENV]: em.url } }) };
  } catch (e) {
    await em.close();
    throw e;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Shows the Twilio Credentials view in this window. Clicking the activity-bar item of the container
 * that is already open closes it, and after a (re)load the workbench may restore the view a moment
 * after the item appears, so one check-then-click can undo the restore: look, click, and look again
 * until the view stays open.
 */
export async function showView(page: Page): Promise<void> {
  // The whole activity-bar entry, not its inner link: while the view loads, a progress badge lies
  // over the link and takes the click (a user's click lands on the entry all the same).
  const item = page
    .locator('.activitybar li.action-item')
    .filter({ has: page.locator('[aria-label^="Twilio Credentials"]') })
    .first();
  await item.waitFor({ timeout: 60_000 });
  // A container with one view shows the view's name in the sidebar title, not a pane header.
  const title = page.locator('.sidebar .composite.title', { hasText: /Twilio Credentials/i });
  const shown = (ms: number) => title.waitFor({ timeout: ms }).then(() => true, () => false);
  for (let attempt = 0; attempt < 10; attempt++) {
    if (await shown(attempt === 0 ? 1_500 : 3_000)) return;
    await item.click();
  }
  await title.waitFor({ timeout: 1_000 });
}

/** Drags the sidebar's edge, as a user would, so the rows' descriptions show in full. */
export async function widenSidebar(wb: Workbench, to = 660): Promise<void> {
  const box = await wb.page.locator('.part.sidebar').boundingBox();
  if (!box) return;
  const y = box.y + box.height / 2;
  await wb.page.mouse.move(box.x + box.width - 1, y);
  await wb.page.mouse.down();
  await wb.page.mouse.move(to, y, { steps: 10 });
  await wb.page.mouse.up();
}

/** Types into the open quick input and accepts. */
export async function answer(page: Page, text: string): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input.input');
  await input.waitFor();
  const title = await widget.locator('.quick-input-title').innerText().catch(() => '');
  await input.fill(text);
  // validateInput runs in the extension host; on a loaded machine an Enter that arrives before
  // its answer is ignored. Press again until the prompt moves on, as an impatient user would, but
  // only while this prompt still shows what was typed: a multi-step input's next prompt comes
  // from the extension host, and an Enter meant for this step must not answer that one.
  const stillHere = `(() => { const w = document.querySelector('.quick-input-widget');
    return !!w && w.style.display !== 'none' && (w.querySelector('.quick-input-title')?.textContent ?? '') === ${JSON.stringify(title)}
      && w.querySelector('input.input')?.value === ${JSON.stringify(text)}; })()`;
  for (let attempt = 0; attempt < 20; attempt++) {
    if (attempt > 0 && !(await page.evaluate(stillHere))) return;
    await input.press('Enter').catch(() => undefined);
    if (await movedOn(page, title, Math.min(750 * 2 ** attempt, 5_000))) return;
  }
  throw new Error(`the prompt "${title}" did not accept the answer`);
}

/** Resolves true once the quick input titled `title` is hidden or replaced by another prompt. */
function movedOn(page: Page, title: string, timeout: number): Promise<boolean> {
  // Evaluated in the page: the prompt is hidden, or another prompt (another title) replaced it.
  return page
    .waitForFunction(
      `(() => { const w = document.querySelector('.quick-input-widget');
         return !w || w.style.display === 'none' || (w.querySelector('.quick-input-title')?.textContent ?? '') !== ${JSON.stringify(title)}; })()`,
      undefined,
      { timeout },
    )
    .then(() => true, () => false);
}

/**
 * Clicks the quick pick entry with this label, then waits for the pick to close or give way to
 * the next step (which the extension host shows a moment later), so what follows does not type
 * into this pick.
 */
export async function choose(page: Page, label: string): Promise<void> {
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ timeout: 15_000 });
  const title = await page.locator('.quick-input-widget .quick-input-title').innerText().catch(() => '');
  await row.click();
  await movedOn(page, title, 15_000);
}

/** A row of the sidebar tree. */
export function treeRow(page: Page, text: string) {
  return page.locator('.sidebar .monaco-list-row', { hasText: text }).first();
}

/**
 * Resolves once the sidebar tree has not changed for `quietMs` (or after `maxMs`). A refresh
 * re-resolves the tree's elements in the extension host; a context-menu command that lands in
 * that moment gets no element, as it would for a user clicking during a refresh.
 */
export async function treeSettled(page: Page, quietMs = 400, maxMs = 5_000): Promise<void> {
  // Evaluated in the page (a string: this project's TypeScript has no DOM types).
  await page.evaluate(`new Promise((resolve) => {
    const list = document.querySelector('.sidebar .monaco-list');
    if (!list) return resolve();
    let timer;
    const done = () => { observer.disconnect(); clearTimeout(timer); clearTimeout(cap); resolve(); };
    const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, ${quietMs}); });
    const cap = setTimeout(done, ${maxMs});
    timer = setTimeout(done, ${quietMs});
    observer.observe(list, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['aria-label', 'data-index'] });
  })`);
}

/**
 * A notification with this text: its toast, or (toasts hide after a while) its entry in the
 * notification center, which this opens when the toast is gone.
 */
export async function notification(page: Page, text: string | RegExp, timeout = 120_000): Promise<void> {
  const toast = page.locator('.notification-toast', { hasText: text }).first();
  if (await toast.waitFor({ timeout }).then(() => true, () => false)) return;
  await runCommandIn(page, 'Notifications: Show Notifications');
  await page.locator('.notifications-center .notification-list-item', { hasText: text }).first().waitFor({ timeout: 5_000 });
  await page.keyboard.press('Escape');
}

/** Waits until no notification toast holds the text (a flow may show several in turn, one fading as the next opens). */
export async function noToastSaying(page: Page, text: string, timeout: number): Promise<void> {
  const script = `![...document.querySelectorAll('.notification-toast')].some((e) => (e.textContent || '').includes(${JSON.stringify(text)}))`;
  await page.waitForFunction(script, undefined, { timeout });
}

/**
 * Right-clicks a tree row once the tree has settled. The rich tooltip of a row hovered a moment
 * ago can lie over this one and take the click: then move the mouse away, as a user would, and
 * try again.
 */
export async function rightClickRow(page: Page, row: string): Promise<void> {
  await treeRow(page, row).waitFor({ timeout: 30_000 });
  await treeSettled(page);
  for (let attempt = 0; ; attempt++) {
    const clicked = await treeRow(page, row).click({ button: 'right', timeout: 3_000 }).then(() => true, (e: unknown) => {
      if (attempt >= 5) throw e;
      return false;
    });
    if (clicked) return;
    await page.mouse.move(1, 400);
    await page.keyboard.press('Escape');
    // The tooltip that took the click hides once the mouse has left: wait for that, not for a time.
    await page.locator('.monaco-hover').first().waitFor({ state: 'hidden', timeout: 15_000 }).catch(() => undefined);
  }
}

/** Opens a tree row's context menu and picks an entry. */
export async function contextMenu(page: Page, row: string, item: string): Promise<void> {
  await rightClickRow(page, row);
  const entry = page.locator('.monaco-menu .action-label', { hasText: item });
  await entry.waitFor({ timeout: 15_000 });
  await entry.click();
  // A click that lands while the menu animates in is ignored: then choose it by keyboard.
  const menu = page.locator('.monaco-menu');
  if (await menu.waitFor({ state: 'hidden', timeout: 1_000 }).then(() => false, () => true)) {
    await entry.hover();
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden', timeout: 5_000 });
  }
}

/**
 * Answers the modal that says what a command will do before it does it: waits for the dialog
 * holding `text`, then presses its button `verb` (or, without one, Escape). Returns the dialog's text.
 */
export async function answerModal(page: Page, text: string | RegExp, verb?: string, timeout = 120_000): Promise<string> {
  const dialog = page.locator('.monaco-dialog-box', { hasText: text }).last();
  await dialog.waitFor({ timeout });
  const said = await dialog.innerText();
  if (verb) await dialog.locator('.monaco-button', { hasText: verb }).first().click();
  else await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached', timeout: 15_000 });
  return said;
}

/** Creates a key through the palette as a user does: name, Standard, the modal, then keeps the secret in secret storage only. */
export async function createKeyThroughPalette(page: Page, name: string): Promise<void> {
  await runCommandIn(page, 'Twilio: Create API Key…');
  await answer(page, name);
  await choose(page, 'Standard');
  await answerModal(page, `Create the Standard API key "${name}"`, 'Create Key');
  await answerModal(page, `Key "${name}" created`);
  await treeRow(page, name).waitFor({ timeout: 30_000 });
}

/** Runs a command by its exact title from the command palette of this window. */
export async function runCommandIn(page: Page, title: string): Promise<void> {
  await page.bringToFront(); // background tabs are throttled
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill('>' + title);
  // Pick the row whose label is exactly the title: fuzzy matching also lists longer titles.
  const label = page.locator('.quick-input-list .monaco-list-row .label-name').filter({ hasText: new RegExp(`^${escapeRegExp(title)}$`) });
  await label.first().waitFor({ timeout: 15_000 });
  await label.first().click();
}

/** Connects the emulator's account through the palette, as a user types it. */
export async function connectThroughPalette(page: Page, label: string, accountSid: string, authToken: string): Promise<void> {
  await runCommandIn(page, 'Twilio: Connect Account…');
  await answer(page, label);
  await answer(page, accountSid);
  await choose(page, 'Auth Token');
  await answer(page, authToken);
  await choose(page, 'us1');
  await treeRow(page, label).waitFor({ timeout: 30_000 });
}
