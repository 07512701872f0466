// Issue 20: an account's "Account credentials" and "Push credentials" groups in the tree, and the
// credential report opened in the editor, as a user sees them (README screenshots). Never a secret
// on screen: every secret the test seeded is searched for in the page's text.
import * as assert from 'assert';
import type { Page } from 'playwright-core';
import type { Emulator } from '../emulator/server';
import { openEmulatedWorkbench, Workbench, choose, treeRow, treeSettled, connectThroughPalette, widenSidebar } from './workbench';
import { fakeFcmLegacyServerKey } from '../support/fakeCredentials';

const DAY = 86_400_000;

/** Moves the mouse off the tree, as a user would before looking, and waits for any row's tooltip to hide. */
async function moveMouseAway(page: Page): Promise<void> {
  await page.mouse.move(640, 790);
  const shown = `[...document.querySelectorAll('.workbench-hover, .monaco-hover')].some((e) => e.checkVisibility())`;
  await page.waitForFunction(`!${shown}`, undefined, { timeout: 15_000 });
}

/** What the window shows as text (Monaco renders spaces as no-break spaces). */
async function pageText(page: Page): Promise<string> {
  return (await page.locator('body').innerText()).replace(/\u00a0/g, ' ');
}

describe('Workbench: account and push credentials, and the credential report, driven like a user', function () {
  this.timeout(300_000);
  let em: Emulator;
  let wb: Workbench;
  const secrets = new Map<string, string>();

  before(async () => {
    ({ em, wb } = await openEmulatedWorkbench(0));
    const old = new Date(Date.now() - 800 * DAY).toISOString();
    const publicKey = em.state.addAccountCredential(em.accountSid, { kind: 'publicKey', friendlyName: 'request signing', dateCreated: new Date(Date.now() - 400 * DAY).toISOString() });
    const aws = em.state.addAccountCredential(em.accountSid, { kind: 'aws', friendlyName: 'recordings bucket', dateCreated: old });
    const gcm = em.state.addPushCredential(em.accountSid, { type: 'gcm', friendlyName: 'android (gcm)', dateCreated: old });
    const fcm = em.state.addPushCredential(em.accountSid, { type: 'fcm', friendlyName: 'android (fcm)', secret: fakeFcmLegacyServerKey(), dateCreated: old, dateUpdated: '2023-05-01T00:00:00Z' });
    const apn = em.state.addPushCredential(em.accountSid, { type: 'apn', friendlyName: 'ios app', sandbox: true });
    for (const [label, value] of [
      ['auth token', em.authToken],
      ['main key secret', em.mainKey.secret],
      ['standard key secret', em.standardKey.secret],
      ['public key', publicKey.material.split('\n')[1]],
      ['AWS secret', aws.material.split(':')[1]],
      ['GCM api key', gcm.apiKey!],
      ['legacy FCM key', fcm.secret!],
      ['APN private key', apn.privateKey!],
      ['APN certificate', apn.certificate!],
    ] as const) secrets.set(label, value);
    await wb.openView();
    await widenSidebar(wb);
  });
  after(async () => {
    await wb?.close();
    await em?.close();
  });

  /** Also with every space and line break dropped: the editor may wrap a long token across lines. */
  function assertNoSecret(text: string): void {
    const joined = text.replace(/\s+/g, '');
    for (const [label, value] of secrets) assert.ok(!text.includes(value) && !joined.includes(value), `the ${label} is on screen`);
  }

  it('shows the account and push credentials groups, with a broken GCM credential flagged', async () => {
    await connectThroughPalette(wb.page, 'Emulated', em.accountSid, em.authToken);
    await treeRow(wb.page, 'Account credentials').click();
    await treeRow(wb.page, 'recordings bucket').waitFor({ timeout: 30_000 });
    await treeRow(wb.page, 'Push credentials').click();
    await treeRow(wb.page, 'android (gcm)').waitFor({ timeout: 30_000 });
    await treeSettled(wb.page);
    const sidebar = (await wb.page.locator('.sidebar').innerText()).replace(/\u00a0/g, ' ');
    assert.match(sidebar, /Account credentials\s*1 public key · 1 AWS/);
    assert.match(sidebar, /Push credentials\s*3 · 2 to fix/);
    assert.match(sidebar, /request signing\s*public key · 1y/);
    assert.match(sidebar, /android \(gcm\)\s*GCM · 2y · broken: no longer delivers/);
    assert.match(sidebar, /android \(fcm\)\s*FCM · 2y · broken if it holds a legacy server key/);
    await wb.runCommand('Notifications: Clear All Notifications');
    await moveMouseAway(wb.page);
    assertNoSecret(await pageText(wb.page));
    await wb.screenshot('credentials-tree');
  });

  it('opens the credential report in the editor, naming what to rotate first and no secret', async () => {
    await wb.runCommand('Twilio: Credential Report (Markdown and CSV)');
    await choose(wb.page, 'Open in the editor');
    const heading = wb.page.locator('.editor-group-container.active .view-line', { hasText: /Twilio\s+credential\s+report/ });
    await heading.first().waitFor({ timeout: 120_000 });
    // Room for the report (Markdown wraps its long table rows by default).
    await wb.runCommand('View: Toggle Primary Side Bar Visibility');
    await wb.page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: 15_000 });
    await wb.page.locator('.editor-group-container.active .view-line', { hasText: /delivers/ }).first().waitFor({ timeout: 30_000 });
    await wb.runCommand('Notifications: Clear All Notifications');
    await moveMouseAway(wb.page);
    // A wrapped row spans several screen lines: read the words, not the lines.
    const text = (await pageText(wb.page)).replace(/\s+/g, ' ');
    assert.match(text, /# Twilio credential report/);
    assert.match(text, /## Rotate first/);
    assert.match(text, /GCM push credential: android \(gcm\)/);
    assert.match(text, /broken: no longer delivers/);
    assertNoSecret(text);
    await wb.screenshot('credential-report');
  });
});
