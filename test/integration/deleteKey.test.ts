import * as assert from 'assert';
import * as vscode from 'vscode';
import * as fs from 'fs';
import * as path from 'path';
import { cleanSlate, connectEmulator, workspaceRoot, runOurs, storedKeySecret } from './helpers';
import { scriptUi, ScriptedUi } from './ui';

async function createStandard(em: { accountSid: string }, name: string, envFile?: string): Promise<string> {
  const r = await runOurs<{ keySid: string }>('twilioCredentials.createKey', {
    confirm: true,
    accountSid: em.accountSid,
    friendlyName: name,
    type: 'standard',
    ...(envFile ? { envFile } : { then: 'done' }),
  });
  return r.keySid;
}

describe('Delete (revoke) and rename a key', () => {
  let ui: ScriptedUi | undefined;
  afterEach(() => ui?.restore());

  it('asks in a modal that names the key, then deletes it and its stored secret', async () => {
    const { t, em } = await cleanSlate();
    await connectEmulator(em);
    const sid = await createStandard(em, 'leaked key');
    ui = scriptUi().message('Delete Key');
    assert.strictEqual(await runOurs('twilioCredentials.deleteKey', { accountSid: em.accountSid, keySid: sid }), true);
    const modal = ui.prompts[0];
    assert.strictEqual((modal.options as { modal?: boolean }).modal, true);
    assert.match(modal.text, /leaked key/);
    assert.ok(modal.text.includes(sid));
    assert.strictEqual(em.state.keys.has(sid), false, 'deleted on Twilio');
    assert.strictEqual(await storedKeySecret(t, em.accountSid, sid), undefined, 'secret removed');
    assert.strictEqual((await t.keys(em.accountSid)).items.find((k) => k.sid === sid), undefined, 'gone from the tree');
  });

  it('does nothing when the confirmation is dismissed', async () => {
    const { em } = await cleanSlate();
    await connectEmulator(em);
    const sid = await createStandard(em, 'keep me');
    ui = scriptUi().message(undefined);
    assert.strictEqual(await runOurs('twilioCredentials.deleteKey', { accountSid: em.accountSid, keySid: sid }), false);
    assert.ok(em.state.keys.has(sid));
  });

  it('warns about .env files that reference the key and offers to remove its lines', async () => {
    const { t, em } = await cleanSlate();
    await connectEmulator(em);
    const env = path.join(workspaceRoot(), 'svc', '.env');
    fs.mkdirSync(path.dirname(env), { recursive: true });
    fs.writeFileSync(env, '# service config\r\nPORT=8080\r\n');
    ui = scriptUi().message(undefined);
    const sid = await createStandard(em, 'svc key', env);
    await t.envIndex(vscode.Uri.file(env));
    ui.restore();
    ui = scriptUi().message('Delete Key', 'Remove Lines');
    await runOurs('twilioCredentials.deleteKey', { accountSid: em.accountSid, keySid: sid });
    assert.match(String((ui.prompts[0].options as { detail?: string }).detail), /svc[\\/]\.env/);
    assert.strictEqual(fs.readFileSync(env, 'utf8'), '# service config\r\nPORT=8080\r\nTWILIO_ACCOUNT_SID=' + em.accountSid + '\r\n');
  });

  it('treats a key already deleted elsewhere (404) as gone', async () => {
    const { t, em } = await cleanSlate();
    await connectEmulator(em);
    const sid = await createStandard(em, 'deleted in the console');
    em.state.deleteKey(sid);
    ui = scriptUi();
    assert.strictEqual(await runOurs('twilioCredentials.deleteKey', { accountSid: em.accountSid, keySid: sid, confirm: true }), true);
    assert.ok(!ui.prompts.some((p) => p.kind === 'error'));
    assert.strictEqual((await t.keys(em.accountSid)).items.find((k) => k.sid === sid), undefined);
  });

  it('refuses to delete the key the extension authenticates with unless that is confirmed explicitly', async () => {
    const { t, em } = await cleanSlate();
    await runOurs('twilioCredentials.connectAccount', {
      label: 'via main key',
      accountSid: em.accountSid,
      apiKeySid: em.mainKey.sid,
      apiKeySecret: em.mainKey.secret,
      region: 'us1',
    });
    ui = scriptUi();
    await runOurs('twilioCredentials.deleteKey', { accountSid: em.accountSid, keySid: em.mainKey.sid, confirm: true });
    assert.ok(em.state.keys.has(em.mainKey.sid), 'not deleted');
    assert.ok(ui.prompts.some((p) => p.kind === 'error' && /authenticates with/.test(p.text)));
    ui.restore();
    ui = scriptUi().message(undefined);
    await runOurs('twilioCredentials.deleteKey', { accountSid: em.accountSid, keySid: em.mainKey.sid });
    assert.match(String((ui.prompts[0].options as { detail?: string }).detail), /authenticates with this key/);
    assert.deepStrictEqual(ui.prompts[0].items, ['Delete and Disconnect']);
    assert.ok(em.state.keys.has(em.mainKey.sid), 'dismissed: not deleted');
    assert.ok((await t.account(em.accountSid)));
  });

  it('renames a key', async () => {
    const { t, em } = await cleanSlate();
    await connectEmulator(em);
    const sid = await createStandard(em, 'old name');
    ui = scriptUi().input('new name');
    assert.strictEqual(await runOurs('twilioCredentials.renameKey', { accountSid: em.accountSid, keySid: sid }), true);
    assert.strictEqual(em.state.keys.get(sid)?.friendlyName, 'new name');
    assert.strictEqual((await t.keys(em.accountSid)).items.find((k) => k.sid === sid)?.friendlyName, 'new name');
  });

  it('rejects a rename longer than 64 characters without calling Twilio', async () => {
    const { em } = await cleanSlate();
    await connectEmulator(em);
    const sid = await createStandard(em, 'short');
    em.clearRequests();
    ui = scriptUi();
    await runOurs('twilioCredentials.renameKey', { accountSid: em.accountSid, keySid: sid, friendlyName: 'y'.repeat(65) });
    assert.ok(ui.prompts.some((p) => p.kind === 'error'));
    assert.ok(!em.requests.some((r) => r.method === 'POST'));
  });
});
