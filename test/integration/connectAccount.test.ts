import * as assert from 'assert';
import * as vscode from 'vscode';
import { scriptUi, ScriptedUi, BACK } from './ui';
import { cleanSlate, connectEmulator, writeWorkspaceFile, accountRows, runOurs, storedKeySecret, fp } from './helpers';
import { fakeAuthToken } from '../support/fakeCredentials';
import { secretId } from '../../src/services/secretStore';

describe('Connect an account', () => {
  let ui: ScriptedUi | undefined;
  afterEach(() => ui?.restore());

  it('connects with an Auth Token entered at the prompts, verifying it with Twilio first', async () => {
    const { t, em } = await cleanSlate();
    ui = scriptUi()
      .input('Production', em.accountSid, em.authToken)
      .pick('Auth Token', 'us1');
    const sid = await runOurs('twilioCredentials.connectAccount');
    assert.strictEqual(sid, em.accountSid);
    const record = (await t.account(em.accountSid));
    assert.strictEqual(record?.label, 'Production');
    assert.strictEqual(record?.auth, 'authToken');
    assert.strictEqual(record?.secrets.credential, fp(em.authToken), 'the Auth Token is what it authenticates with');
    // The token prompt hides what is typed.
    const tokenPrompt = ui.prompts.filter((p) => p.kind === 'input')[2];
    assert.strictEqual((tokenPrompt.options as vscode.InputBoxOptions).password, true);
    assert.ok(em.requests.some((r) => r.method === 'GET' && r.path === `/2010-04-01/Accounts/${em.accountSid}.json`), 'the account was fetched to verify');
  });

  it('connects with a Main API key and marks that key as the one the extension uses', async () => {
    const { t, em } = await cleanSlate();
    ui = scriptUi()
      .input('Main key account', em.accountSid, em.mainKey.sid, em.mainKey.secret)
      .pick('Main API key', 'us1');
    await runOurs('twilioCredentials.connectAccount');
    const record = (await t.account(em.accountSid));
    assert.strictEqual(record?.auth, 'apiKey');
    assert.strictEqual(record?.apiKeySid, em.mainKey.sid);
    const item = (await accountRows(t)).find((n) => n.kind === 'key' && n.keySid === em.mainKey.sid);
    assert.match(String(item?.description), /used by this extension/);
    assert.match(String(item?.contextValue), /\.self/);
  });

  it('goes Back through the Main key steps, never showing the secret again, and connects with the Auth Token chosen instead', async () => {
    const { t, em } = await cleanSlate();
    ui = scriptUi()
      .input('Changed my mind', em.accountSid, em.mainKey.sid, em.mainKey.secret)
      .pick('Main API key', BACK) // Back at the region
      .input(BACK, BACK) // Back at the secret (shown again, empty), then at the key SID
      .pick('Auth Token')
      .input(em.authToken)
      .pick('us1');
    const sid = await runOurs('twilioCredentials.connectAccount');
    assert.strictEqual(sid, em.accountSid);
    const title = (p: { options?: unknown }) => String((p.options as { title?: string }).title).replace('Connect Twilio Account ', '');
    assert.deepStrictEqual(
      ui.prompts.filter((p) => p.kind !== 'info').map((p) => `${title(p)}${p.back ? ' <' : ''}`),
      ['(1/5)', '(2/5) <', '(3/5) <', '(4/6) <', '(5/6) <', '(6/6) <', '(5/6) <', '(4/6) <', '(3/6) <', '(4/5) <', '(5/5) <'],
      'true counts on each path, Back on every step after the first',
    );
    const inputs = ui.prompts.filter((p) => p.kind === 'input').map((p) => p.options as vscode.InputBoxOptions);
    const secretPrompts = inputs.filter((o) => o.password);
    assert.strictEqual(secretPrompts.length, 3, 'the key secret twice, then the Auth Token');
    for (const o of secretPrompts) assert.strictEqual(o.value, '', 'a secret prompt opens empty, even after Back');
    assert.strictEqual(inputs[5].value, em.mainKey.sid, 'the key SID step shows its earlier answer after Back');
    assert.ok(!JSON.stringify(ui.prompts).includes(em.mainKey.secret), 'no prompt carries the secret');
    assert.strictEqual((await t.account(em.accountSid))?.auth, 'authToken');
    assert.strictEqual((await t.account(em.accountSid))?.label, 'Changed my mind');
  });

  it('goes Back to earlier steps, which show their answers; Escape after Back stores nothing', async () => {
    const { t, em } = await cleanSlate();
    // label → SID → method (Back) → SID (Back) → label (changed) → SID (kept) → method (Escape)
    ui = scriptUi().input('First', em.accountSid, BACK, 'Second', em.accountSid).pick(BACK, undefined);
    const result = await runOurs('twilioCredentials.connectAccount');
    assert.strictEqual(result, undefined);
    assert.deepStrictEqual((await t.accounts()), []);
    assert.ok(!ui.prompts.some((p) => p.kind === 'error'), 'cancelling is not an error');
    const shown = ui.prompts.map((p) => `${String((p.options as { title?: string }).title).slice(-5)}${p.back ? ' <' : ''}`);
    assert.deepStrictEqual(shown, ['(1/5)', '(2/5) <', '(3/5) <', '(2/5) <', '(1/5)', '(2/5) <', '(3/5) <']);
    const values = ui.prompts.filter((p) => p.kind === 'input').map((p) => (p.options as vscode.InputBoxOptions).value);
    assert.deepStrictEqual(values, ['', '', em.accountSid, 'First', em.accountSid]);
  });

  it('counts only the steps the arguments leave: Update Credentials asks two (Auth Token) or three (Main key)', async () => {
    const { em } = await cleanSlate();
    await connectEmulator(em, 'Prod');
    ui = scriptUi().pick('Main API key', 'Auth Token').input(BACK, em.authToken);
    assert.strictEqual(await runOurs('twilioCredentials.updateCredentials', { accountSid: em.accountSid }), em.accountSid);
    assert.deepStrictEqual(
      ui.prompts.filter((p) => p.kind !== 'info').map((p) => String((p.options as { title?: string }).title)),
      ['Connect Twilio Account (1/2)', 'Connect Twilio Account (2/3)', 'Connect Twilio Account (1/3)', 'Connect Twilio Account (2/2)'],
    );
  });

  it('validates the Account SID while typing', async () => {
    await cleanSlate();
    ui = scriptUi().input('Label', 'AC123', undefined);
    await runOurs('twilioCredentials.connectAccount');
    assert.strictEqual(ui.validation[0], undefined, 'the label is fine');
    assert.match(String(ui.validation[1]), /32 hexadecimal/, 'a malformed SID gets a validation message');
  });

  for (const [step, script] of [
    ['label', (u: ScriptedUi) => u.input(undefined)],
    ['Account SID', (u: ScriptedUi) => u.input('L', undefined)],
    ['credential type', (u: ScriptedUi, sid: string) => u.input('L', sid).pick(undefined)],
    ['Auth Token', (u: ScriptedUi, sid: string) => u.input('L', sid, undefined).pick('Auth Token')],
    ['region', (u: ScriptedUi, sid: string, token: string) => u.input('L', sid, token).pick('Auth Token', undefined)],
  ] as const) {
    it(`stores nothing when cancelled at the ${step} prompt`, async () => {
      const { t, em } = await cleanSlate();
      ui = scriptUi();
      (script as (u: ScriptedUi, sid: string, token: string) => ScriptedUi)(ui, em.accountSid, em.authToken);
      const result = await runOurs('twilioCredentials.connectAccount');
      assert.strictEqual(result, undefined);
      assert.deepStrictEqual((await t.accounts()), []);
      assert.strictEqual(await t.storedSecret(secretId({ kind: 'authToken', accountSid: em.accountSid })), undefined, 'nothing in SecretStorage');
      assert.ok(!ui.prompts.some((p) => p.kind === 'error'), 'cancelling is not an error');
    });
  }

  it('rejects wrong credentials with a clear message and stores nothing', async () => {
    const { t, em } = await cleanSlate();
    ui = scriptUi();
    const wrong = fakeAuthToken();
    await runOurs('twilioCredentials.connectAccount', { label: 'X', accountSid: em.accountSid, authToken: wrong, region: 'us1' });
    const error = ui.prompts.find((p) => p.kind === 'error');
    assert.ok(error, 'an error message is shown');
    assert.match(error.text, /credential|authenticat/i);
    assert.ok(!error.text.includes(wrong), 'the message does not repeat the token');
    assert.deepStrictEqual((await t.accounts()), []);
  });

  it('explains that a Standard key cannot manage keys, and stores nothing', async () => {
    const { t, em } = await cleanSlate();
    ui = scriptUi();
    await runOurs('twilioCredentials.connectAccount', {
      label: 'Std',
      accountSid: em.accountSid,
      apiKeySid: em.standardKey.sid,
      apiKeySecret: em.standardKey.secret,
      region: 'us1',
    });
    const error = ui.prompts.find((p) => p.kind === 'error');
    assert.ok(error, 'an error message is shown');
    assert.match(error.text, /standard/i);
    assert.deepStrictEqual((await t.accounts()), []);
  });

  it('rejects an invalid argument object with a clear error', async () => {
    const { t } = await cleanSlate();
    ui = scriptUi();
    await runOurs('twilioCredentials.connectAccount', { accountSid: 'not-a-sid', authToken: fakeAuthToken() });
    assert.ok(ui.prompts.some((p) => p.kind === 'error' && /AC/.test(p.text)));
    assert.deepStrictEqual((await t.accounts()), []);
  });

  it('disconnects an account and removes every secret stored for it', async () => {
    const { t, em } = await cleanSlate();
    await connectEmulator(em);
    const created = await runOurs<{ keySid: string }>('twilioCredentials.createKey', {
      confirm: true,
      accountSid: em.accountSid,
      friendlyName: 'to be forgotten',
      type: 'standard',
      then: 'done',
    });
    assert.ok(await storedKeySecret(t, em.accountSid, created.keySid));
    ui = scriptUi().message('Disconnect');
    assert.strictEqual(await runOurs('twilioCredentials.disconnectAccount', { accountSid: em.accountSid }), true);
    assert.deepStrictEqual((await t.accounts()), []);
    assert.strictEqual(await t.storedSecret(secretId({ kind: 'authToken', accountSid: em.accountSid })), undefined);
    assert.strictEqual(await storedKeySecret(t, em.accountSid, created.keySid), undefined);
  });

  it('offers credentials found in a workspace .env, and connects only after asking', async () => {
    const { t, em } = await cleanSlate();
    writeWorkspaceFile('.env', `TWILIO_ACCOUNT_SID=${em.accountSid}\nTWILIO_AUTH_TOKEN=${em.authToken}\n`);
    await t.envIndex(vscode.Uri.file(`${vscode.workspace.workspaceFolders![0].uri.fsPath}/.env`));
    ui = scriptUi().message(undefined); // dismissed: nothing happens
    await runOurs('twilioCredentials.connectFromEnvironment');
    assert.deepStrictEqual((await t.accounts()), []);
    assert.match(ui.prompts[0].text, new RegExp(em.accountSid));
    ui.restore();
    ui = scriptUi().message('Connect');
    await runOurs('twilioCredentials.connectFromEnvironment');
    assert.strictEqual((await t.account(em.accountSid))?.auth, 'authToken');
  });

  it('a second account with another SID is listed beside the first', async () => {
    const { t, em } = await cleanSlate();
    await connectEmulator(em, 'First');
    const other = em.state.addAccount({ friendlyName: 'Second account' });
    await runOurs('twilioCredentials.connectAccount', { label: 'Second', accountSid: other.sid, authToken: other.authToken, region: 'us1' });
    assert.deepStrictEqual((await t.accounts()).map((a) => a.label).sort(), ['First', 'Second']);
  });
});
