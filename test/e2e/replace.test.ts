import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Emulator } from '../emulator/server';
import { openEmulatedWorkbench, Workbench, answer, choose, connectThroughPalette, notification, answerModal } from './workbench';
import { fakeAuthToken } from '../support/fakeCredentials';

describe('Workbench: replace a hardcoded Auth Token with an API key', function () {
  this.timeout(300_000);
  let em: Emulator;
  let wb: Workbench;

  before(async () => {
    ({ em, wb } = await openEmulatedWorkbench(1));
    await wb.openView();
    await connectThroughPalette(wb.page, 'Production', em.accountSid, em.authToken);
    // Written at run time: a generated token, so nothing credential-shaped is committed.
    fs.writeFileSync(
      path.join(wb.workspace, 'src', 'notify.js'),
      `const twilio = require('twilio');\n\nconst client = twilio('${em.accountSid}', '${fakeAuthToken()}');\n\nmodule.exports = client;\n`,
    );
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot(`failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  after(async () => {
    await wb?.close();
    await em?.close();
  });

  it('from the quick fix: a key created and written to .env, the client rewritten to use it', async () => {
    await wb.page.keyboard.press('Control+P');
    const input = wb.page.locator('.quick-input-widget input');
    await input.fill('notify.js');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'notify.js' }).first().waitFor();
    await input.press('Enter');
    await wb.page.locator('.codelens-decoration', { hasText: 'Hardcoded Twilio Auth Token' }).waitFor({ timeout: 60_000 });
    await wb.page.locator('.view-line', { hasText: 'twilio(' }).first().click();
    await wb.page.keyboard.press('End');
    for (let i = 0; i < 4; i++) await wb.page.keyboard.press('ArrowLeft');
    const item = wb.page.locator('.action-widget .monaco-list-row', { hasText: 'Replace the Auth Token with an API key' });
    for (let attempt = 0; attempt < 10 && !(await item.isVisible()); attempt++) {
      await wb.page.keyboard.press('Escape');
      await wb.page.keyboard.press('Control+.');
      await item.waitFor({ timeout: 3_000 }).catch(() => undefined);
    }
    await item.waitFor({ timeout: 5_000 });
    await wb.screenshot('replace-quick-fix');
    // The menu takes the keyboard (a pointer shield lies over it): walk down to the item.
    const focused = wb.page.locator('.action-widget .monaco-list-row.focused');
    for (let i = 0; i < 20 && !/Replace the Auth Token/.test((await focused.textContent().catch(() => '')) ?? ''); i++) {
      await wb.page.keyboard.press('ArrowDown');
    }
    await wb.page.keyboard.press('Enter');
    await answer(wb.page, 'notify service');
    await choose(wb.page, 'Standard');
    // One modal says all of it before the key is created: the key, the .env, the client rewrite.
    assert.match(await answerModal(wb.page, 'Create the Standard API key "notify service"', 'Create Key'), /rewritten/);
    await choose(wb.page, 'src/.env');
    await notification(wb.page, /API key SK[0-9a-f]{32} is in src\/\.env and the code uses it/, 60_000);
    await wb.page.locator('.view-line', { hasText: 'process.env.TWILIO_API_KEY' }).first().waitFor({ timeout: 30_000 });
    await wb.screenshot('replace-done');
    const key = [...em.state.keys.values()].find((k) => k.friendlyName === 'notify service');
    assert.ok(key, 'the key exists in the emulator');
    assert.strictEqual(
      fs.readFileSync(path.join(wb.workspace, 'src', '.env'), 'utf8'),
      `TWILIO_ACCOUNT_SID=${em.accountSid}\nTWILIO_API_KEY=${key.sid}\nTWILIO_API_SECRET=${key.secret}\n`,
    );
  });
});
