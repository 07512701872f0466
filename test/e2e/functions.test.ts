import * as assert from 'assert';
import type { Emulator } from '../emulator/server';
import { openEmulatedWorkbench, Workbench, choose, treeRow, treeSettled, contextMenu, connectThroughPalette, createKeyThroughPalette, widenSidebar } from './workbench';
import { fakeKeySecret } from '../support/fakeCredentials';

describe('Workbench: Twilio Functions in the tree, driven like a user', function () {
  this.timeout(300_000);
  let em: Emulator;
  let wb: Workbench;
  const stranger = fakeKeySecret();

  before(async () => {
    ({ em, wb } = await openEmulatedWorkbench(0));
    em.state.addService(em.accountSid, {
      uniqueName: 'notify-app',
      friendlyName: 'Notify app',
      environments: [
        {
          uniqueName: 'production',
          domainSuffix: 'prod',
          variables: {
            TWILIO_ACCOUNT_SID: em.accountSid,
            TWILIO_AUTH_TOKEN: em.authToken,
            SENDGRID_API_KEY: stranger,
            WEBHOOK_URL: 'https://example.org/hooks/sms',
            SENDER_NAME: 'Notify',
          },
        },
        { uniqueName: 'staging', domainSuffix: 'stage' },
      ],
    });
    await wb.openView();
    await widenSidebar(wb);
  });
  after(async () => {
    await wb?.close();
    await em?.close();
  });

  it('shows the Functions group with what each variable holds, never a value', async () => {
    await connectThroughPalette(wb.page, 'Emulated', em.accountSid, em.authToken);
    await treeRow(wb.page, 'Functions').click();
    await treeRow(wb.page, 'Notify app').click();
    await treeRow(wb.page, 'production').click();
    await treeRow(wb.page, 'TWILIO_AUTH_TOKEN').waitFor({ timeout: 30_000 });
    await treeRow(wb.page, 'SENDGRID_API_KEY').waitFor({ timeout: 30_000 });
    await treeSettled(wb.page);
    const sidebar = await wb.page.locator('.sidebar').innerText();
    assert.match(sidebar, /the Auth Token/);
    assert.match(sidebar, /an unknown 32-character secret/);
    assert.doesNotMatch(sidebar, /WEBHOOK_URL|SENDER_NAME/, 'only credentials are listed');
    for (const value of [em.authToken, stranger]) assert.ok(!sidebar.includes(value), 'a value is shown');
    await wb.page.mouse.move(1, 700);
    await wb.screenshot('functions-tree');
  });

  it('writes a key into an environment from its row, after a confirmation naming it', async () => {
    await createKeyThroughPalette(wb.page, 'functions e2e');
    await contextMenu(wb.page, 'staging', 'Use Key in Functions…');
    await choose(wb.page, 'functions e2e');
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 30_000 });
    const text = await dialog.innerText();
    assert.match(text, /"staging" of "Notify app"/);
    assert.match(text, /Will create: TWILIO_ACCOUNT_SID, TWILIO_API_KEY, TWILIO_API_SECRET/);
    await wb.screenshot('functions-use-key-confirm');
    await dialog.locator('.monaco-button', { hasText: 'Write Variables' }).click();
    await wb.page.locator('.notification-toast', { hasText: 'now uses the key' }).waitFor({ timeout: 30_000 });
    const staging = em.state.environmentsOf(em.state.servicesOf(em.accountSid)[0].sid).find((e) => e.uniqueName === 'staging')!;
    assert.deepStrictEqual(em.state.variablesOf(staging.sid).map((v) => v.key), ['TWILIO_ACCOUNT_SID', 'TWILIO_API_KEY', 'TWILIO_API_SECRET']);
  });
});
