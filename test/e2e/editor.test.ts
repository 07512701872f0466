import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { openWorkbench, Workbench } from './workbench';
import { fakeAccountSid, fakeAuthToken } from '../support/fakeCredentials';

describe('Workbench: a hardcoded token in the editor', function () {
  this.timeout(240_000);
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench();
    // Written at run time: generated values, so nothing credential-shaped is committed.
    fs.writeFileSync(
      path.join(wb.workspace, 'src', 'sms.js'),
      `const twilio = require('twilio');\n\nconst client = twilio('${fakeAccountSid()}', '${fakeAuthToken()}');\n\nmodule.exports = client;\n`,
    );
  });
  after(async () => wb?.close());

  it('shows the CodeLens above the line and the quick fixes on it', async () => {
    await wb.page.keyboard.press('Control+P');
    const input = wb.page.locator('.quick-input-widget input');
    await input.fill('sms.js');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'sms.js' }).first().waitFor();
    await input.press('Enter');
    const lens = wb.page.locator('.codelens-decoration', { hasText: 'Hardcoded Twilio Auth Token' });
    await lens.waitFor({ timeout: 60_000 });
    assert.match(await lens.innerText(), /Move to \.env.*Ignore/s);
    await wb.screenshot('codelens');
    // The squiggle's line: put the cursor in the token and open the quick fix menu.
    await wb.page.locator('.view-line', { hasText: 'twilio(' }).first().click();
    await wb.page.keyboard.press('End');
    await wb.page.keyboard.press('ArrowLeft');
    await wb.page.keyboard.press('ArrowLeft');
    await wb.page.keyboard.press('ArrowLeft');
    await wb.page.keyboard.press('ArrowLeft');
    // The TypeScript server may still be analysing the file; ask again until the menu lists ours.
    const menu = wb.page.locator('.action-widget', { hasText: 'Move Twilio Auth Token to .env' });
    for (let attempt = 0; attempt < 10 && !(await menu.isVisible()); attempt++) {
      await wb.page.keyboard.press('Escape');
      await wb.page.keyboard.press('Control+.');
      await menu.waitFor({ timeout: 3_000 }).catch(() => undefined);
    }
    await menu.waitFor({ timeout: 5_000 });
    await wb.screenshot('quick-fix');
    await wb.page.keyboard.press('Escape');
  });
});
