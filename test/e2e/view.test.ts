import * as assert from 'assert';
import { openWorkbench, Workbench, answer, choose } from './workbench';
import { fakeAccountSid } from '../support/fakeCredentials';

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

  it('goes Back a step of Connect with the Back button, which the first step does not show', async () => {
    await wb.runCommand('Twilio: Connect Account…');
    const widget = wb.page.locator('.quick-input-widget');
    const title = (text: string) => widget.locator('.quick-input-title', { hasText: text }).waitFor({ timeout: 15_000 });
    const back = widget.locator('.quick-input-left-action-bar .action-label');
    await title('(1/5)');
    assert.strictEqual(await back.count(), 0, 'no Back on the first step');
    await answer(wb.page, 'Back and forth');
    await answer(wb.page, fakeAccountSid());
    await choose(wb.page, 'Main API key');
    await title('(4/6)'); // the Main key path has six steps
    await back.first().waitFor({ timeout: 15_000 });
    await wb.screenshot('connect-step-back-button');
    await back.first().click();
    await title('(3/6)');
    await wb.page.keyboard.press('Escape');
    await widget.waitFor({ state: 'hidden', timeout: 15_000 });
  });
});
