import * as assert from 'assert';
import * as vscode from 'vscode';
import { cleanSlate, connectEmulator, writeWorkspaceFile, inSecretStorage } from './helpers';
import { scriptUi, ScriptedUi } from './ui';
import { fakeAuthToken } from '../support/fakeCredentials';

describe('Connect an account', () => {
  let ui: ScriptedUi | undefined;
  afterEach(() => ui?.restore());

  it('connects with an Auth Token entered at the prompts, verifying it with Twilio first', async () => {
    const { t, em } = await cleanSlate();
    ui = scriptUi()
      .input('Production', em.accountSid, em.authToken)
      .pick('Auth Token', 'us1');
    const sid = await vscode.commands.executeCommand('twilioCredentials.connectAccount');
    assert.strictEqual(sid, em.accountSid);
    const record = t.accounts.get(em.accountSid);
    assert.strictEqual(record?.label, 'Production');
    assert.strictEqual(record?.auth, 'authToken');
    const creds = await t.accounts.credentials(em.accountSid);
    assert.deepStrictEqual(creds?.auth, { kind: 'authToken', authToken: em.authToken });
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
    await vscode.commands.executeCommand('twilioCredentials.connectAccount');
    const record = t.accounts.get(em.accountSid);
    assert.strictEqual(record?.auth, 'apiKey');
    assert.strictEqual(record?.apiKeySid, em.mainKey.sid);
    const tree = t.keysFeature.tree;
    await t.keys.load(em.accountSid);
    const [account] = await tree.getChildren();
    const keys = await tree.getChildren(account);
    const main = keys.find((n) => n.kind === 'key' && n.key.sid === em.mainKey.sid)!;
    const item = tree.getTreeItem(main);
    assert.match(String(item.description), /used by this extension/);
    assert.match(String(item.contextValue), /\.self/);
  });

  it('validates the Account SID while typing', async () => {
    await cleanSlate();
    ui = scriptUi().input('Label', 'AC123', undefined);
    await vscode.commands.executeCommand('twilioCredentials.connectAccount');
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
      const result = await vscode.commands.executeCommand('twilioCredentials.connectAccount');
      assert.strictEqual(result, undefined);
      assert.deepStrictEqual(t.accounts.list(), []);
      assert.strictEqual(await inSecretStorage(t, { kind: 'authToken', accountSid: em.accountSid }), undefined);
      assert.ok(!ui.prompts.some((p) => p.kind === 'error'), 'cancelling is not an error');
    });
  }

  it('rejects wrong credentials with a clear message and stores nothing', async () => {
    const { t, em } = await cleanSlate();
    ui = scriptUi();
    const wrong = fakeAuthToken();
    await vscode.commands.executeCommand('twilioCredentials.connectAccount', { label: 'X', accountSid: em.accountSid, authToken: wrong, region: 'us1' });
    const error = ui.prompts.find((p) => p.kind === 'error');
    assert.ok(error, 'an error message is shown');
    assert.match(error.text, /credential|authenticat/i);
    assert.ok(!error.text.includes(wrong), 'the message does not repeat the token');
    assert.deepStrictEqual(t.accounts.list(), []);
  });

  it('explains that a Standard key cannot manage keys, and stores nothing', async () => {
    const { t, em } = await cleanSlate();
    ui = scriptUi();
    await vscode.commands.executeCommand('twilioCredentials.connectAccount', {
      label: 'Std',
      accountSid: em.accountSid,
      apiKeySid: em.standardKey.sid,
      apiKeySecret: em.standardKey.secret,
      region: 'us1',
    });
    const error = ui.prompts.find((p) => p.kind === 'error');
    assert.ok(error, 'an error message is shown');
    assert.match(error.text, /standard/i);
    assert.deepStrictEqual(t.accounts.list(), []);
  });

  it('rejects an invalid argument object with a clear error', async () => {
    const { t } = await cleanSlate();
    ui = scriptUi();
    await vscode.commands.executeCommand('twilioCredentials.connectAccount', { accountSid: 'not-a-sid', authToken: fakeAuthToken() });
    assert.ok(ui.prompts.some((p) => p.kind === 'error' && /AC/.test(p.text)));
    assert.deepStrictEqual(t.accounts.list(), []);
  });

  it('disconnects an account and removes every secret stored for it', async () => {
    const { t, em } = await cleanSlate();
    await connectEmulator(em);
    const created = await vscode.commands.executeCommand<{ keySid: string }>('twilioCredentials.createKey', {
      accountSid: em.accountSid,
      friendlyName: 'to be forgotten',
      type: 'standard',
      then: 'done',
    });
    assert.ok(await t.accounts.getKeySecret(em.accountSid, created.keySid));
    ui = scriptUi().message('Disconnect');
    assert.strictEqual(await vscode.commands.executeCommand('twilioCredentials.disconnectAccount', { accountSid: em.accountSid }), true);
    assert.deepStrictEqual(t.accounts.list(), []);
    assert.strictEqual(await inSecretStorage(t, { kind: 'authToken', accountSid: em.accountSid }), undefined);
    assert.strictEqual(await t.accounts.getKeySecret(em.accountSid, created.keySid), undefined);
  });

  it('offers credentials found in a workspace .env, and connects only after asking', async () => {
    const { t, em } = await cleanSlate();
    writeWorkspaceFile('.env', `TWILIO_ACCOUNT_SID=${em.accountSid}\nTWILIO_AUTH_TOKEN=${em.authToken}\n`);
    await t.envIndex.refresh(vscode.Uri.file(`${vscode.workspace.workspaceFolders![0].uri.fsPath}/.env`));
    ui = scriptUi().message(undefined); // dismissed: nothing happens
    await vscode.commands.executeCommand('twilioCredentials.connectFromEnvironment');
    assert.deepStrictEqual(t.accounts.list(), []);
    assert.match(ui.prompts[0].text, new RegExp(em.accountSid));
    ui.restore();
    ui = scriptUi().message('Connect');
    await vscode.commands.executeCommand('twilioCredentials.connectFromEnvironment');
    assert.strictEqual(t.accounts.get(em.accountSid)?.auth, 'authToken');
  });

  it('a second account with another SID is listed beside the first', async () => {
    const { t, em } = await cleanSlate();
    await connectEmulator(em, 'First');
    const other = em.state.addAccount({ friendlyName: 'Second account' });
    await vscode.commands.executeCommand('twilioCredentials.connectAccount', { label: 'Second', accountSid: other.sid, authToken: other.authToken, region: 'us1' });
    assert.deepStrictEqual(t.accounts.list().map((a) => a.label).sort(), ['First', 'Second']);
  });
});
