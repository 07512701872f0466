import * as assert from 'assert';
import { openWorkbench, Workbench } from './workbench';

describe('Workbench: the Twilio Credentials view', function () {
  this.timeout(180_000);
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench();
  });
  after(async () => wb?.close());

  it('shows the activity-bar view with its welcome content until an account is connected', async () => {
    await wb.openView();
    const welcome = wb.page.locator('.welcome-view-content', { hasText: 'Connect a Twilio account' });
    await welcome.waitFor({ timeout: 30_000 });
    const button = wb.page.locator('.welcome-view-content a.monaco-button', { hasText: 'Connect Account' });
    assert.strictEqual(await button.count(), 1, 'the welcome view offers a Connect Account button');
    await wb.screenshot('view-welcome');
  });

  it('runs a command from the command palette', async () => {
    await wb.runCommand('Twilio: Connect Account…');
    // The first prompt of the connect flow is the account label input.
    const prompt = wb.page.locator('.quick-input-widget', { hasText: 'Connect Twilio Account' });
    await prompt.waitFor({ timeout: 30_000 });
    await wb.screenshot('palette-connect-account');
    await wb.page.keyboard.press('Escape');
  });
});
