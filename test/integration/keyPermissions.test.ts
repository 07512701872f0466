// Edit Permissions on a restricted key, Standard keys created through IAM v1, the 20003 "Policy
// evaluation failed" refusal explained, and restricted keys offered only in US1, in real VS Code.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { accountRows, cleanSlate, connectEmulator, runOurs } from './helpers';
import { scriptUi, ScriptedUi } from './ui';

const READ = '/twilio/messaging/messages/read';
const SEND = '/twilio/messaging/messages/create';
const CALLS = '/twilio/voice/calls/read';

describe('Edit Permissions, and keys the way Twilio now wants them made', () => {
  let ui: ScriptedUi | undefined;
  afterEach(() => ui?.restore());

  it('opens the picker with the current permissions selected, shows what is added and removed, updates in place', async () => {
    const { t, em } = await cleanSlate();
    await connectEmulator(em);
    const key = em.state.addKey(em.accountSid, { type: 'restricted', friendlyName: 'sender', permissions: [READ, SEND, '/twilio/custom-product/widgets/read'] });
    await t.keys(em.accountSid);
    let offered: readonly vscode.QuickPickItem[] = [];
    ui = scriptUi()
      .pick((items) => {
        offered = items;
        // Keep READ and the permission outside the catalogue, drop SEND, add CALLS.
        return items.filter((i) => i.label === READ || i.label === CALLS || i.label === '/twilio/custom-product/widgets/read');
      })
      .message('Update Permissions');
    const r = await runOurs<{ added: string[]; removed: string[]; updated: boolean }>('twilioCredentials.editKeyPermissions', { accountSid: em.accountSid, keySid: key.sid });
    const picked = offered.filter((i) => i.picked).map((i) => i.label).sort();
    assert.deepStrictEqual(picked, ['/twilio/custom-product/widgets/read', SEND, READ].sort(), 'the current permissions are selected');
    assert.deepStrictEqual(r, { accountSid: em.accountSid, keySid: key.sid, added: [CALLS], removed: [SEND], updated: true });
    const modal = ui.prompts.find((p) => p.kind === 'warning');
    assert.match(String(modal?.text), /1 added, 1 removed/);
    const detail = String((modal?.options as { detail?: string }).detail);
    assert.match(detail, new RegExp(`\\+ ${CALLS.replace(/\//g, '\\/')}`));
    assert.match(detail, new RegExp(`− ${SEND.replace(/\//g, '\\/')}`));
    // In place: same key, same secret, new policy on Twilio and in the tree.
    const after = em.state.keys.get(key.sid)!;
    assert.strictEqual(after.secret, key.secret);
    assert.deepStrictEqual(new Set(after.policy!.allow), new Set([READ, CALLS, '/twilio/custom-product/widgets/read']));
    assert.deepStrictEqual(new Set((await t.keys(em.accountSid)).items.find((k) => k.sid === key.sid)?.permissions), new Set(after.policy!.allow));
    const node = (await accountRows(t)).find((n) => n.kind === 'key' && n.keySid === key.sid);
    assert.match(String(node?.tooltip), /voice\/calls\/read/);
  });

  it('declining the confirmation changes nothing; a Standard key has no permissions to edit', async () => {
    const { t, em } = await cleanSlate();
    await connectEmulator(em);
    const key = em.state.addKey(em.accountSid, { type: 'restricted', permissions: [READ] });
    await t.keys(em.accountSid);
    ui = scriptUi().message(undefined);
    const r = await runOurs<{ updated: boolean }>('twilioCredentials.editKeyPermissions', { accountSid: em.accountSid, keySid: key.sid, permissions: [SEND] });
    assert.strictEqual(r.updated, false);
    assert.deepStrictEqual(em.state.keys.get(key.sid)!.policy, { allow: [READ] });
    await runOurs('twilioCredentials.editKeyPermissions', { accountSid: em.accountSid, keySid: em.standardKey.sid, permissions: [SEND], confirm: true });
    assert.ok(ui.prompts.some((p) => p.kind === 'error' && /only restricted keys have permissions/.test(p.text)));
  });

  it('creates Standard keys through IAM v1', async () => {
    const { em } = await cleanSlate();
    await connectEmulator(em);
    em.clearRequests();
    ui = scriptUi();
    const created = await runOurs<{ keySid: string }>('twilioCredentials.createKey', { confirm: true, accountSid: em.accountSid, friendlyName: 'via iam', type: 'standard', then: 'done' });
    assert.strictEqual(em.state.keys.get(created.keySid)?.type, 'standard');
    assert.ok(em.requests.some((q) => q.method === 'POST' && q.path === '/v1/Keys' && q.status === 201));
    assert.ok(!em.requests.some((q) => q.method === 'POST' && q.path.endsWith('/Keys.json')));
  });

  it('when the REST API 2010 answers 20003 "Policy evaluation failed", says what happened and what to do', async () => {
    const { t, em } = await cleanSlate();
    const sub = em.state.addSubaccount(em.accountSid, { friendlyName: 'Staging' });
    await connectEmulator(em, 'Parent');
    await t.tree(4); // the subaccount is recorded when the user expands it under Subaccounts
    // Over the admin endpoint, as a test driving a separate emulator process would.
    const switched = await fetch(`${em.url}/__emulator/config`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ v2010KeyCreationDenied: true }) });
    assert.strictEqual(switched.status, 200);
    assert.strictEqual(em.state.v2010KeyCreationDenied, true);
    ui = scriptUi();
    const r = await runOurs('twilioCredentials.createKey', { confirm: true, accountSid: sub.sid, friendlyName: 'refused', type: 'standard', then: 'done' });
    assert.strictEqual(r, undefined);
    const error = ui.prompts.find((p) => p.kind === 'error');
    assert.match(String(error?.text), /REST API 2010.*Policy evaluation failed.*although the credentials are valid/);
    assert.match(String(error?.text), /own Auth Token/);
    assert.match(String(error?.text), /Twilio Console/);
    assert.ok(!String(error?.text).includes(em.authToken));
    // The parent's own keys are created through IAM, unaffected.
    const ok = await runOurs<{ keySid: string }>('twilioCredentials.createKey', { confirm: true, accountSid: em.accountSid, friendlyName: 'fine', type: 'standard', then: 'done' });
    assert.ok(ok?.keySid);
  });

  it('offers only Standard keys for an account outside US1, and says why', async () => {
    const { em } = await cleanSlate();
    await runOurs('twilioCredentials.connectAccount', { label: 'Dublin', accountSid: em.accountSid, authToken: em.authToken, region: 'ie1', edge: 'dublin' });
    let offered: string[] = [];
    ui = scriptUi()
      .pick((items) => {
        offered = items.map((i) => i.label);
        return items[0];
      });
    const created = await runOurs<{ keySid: string }>('twilioCredentials.createKey', { confirm: true, accountSid: em.accountSid, friendlyName: 'dublin', then: 'done' });
    assert.deepStrictEqual(offered, ['Standard']);
    const picker = ui.prompts.find((p) => p.kind === 'pick');
    assert.match(String(picker?.text), /Restricted keys exist only in Twilio’s United States \(US1\) region, and this account is in ie1/);
    assert.strictEqual(em.state.keys.get(created.keySid)?.type, 'standard');
    // Asked for a restricted key by argument: the same sentence, no request.
    em.clearRequests();
    await runOurs('twilioCredentials.createKey', { confirm: true, accountSid: em.accountSid, friendlyName: 'no', type: 'restricted', permissions: [READ], then: 'done' });
    assert.ok(ui.prompts.some((p) => p.kind === 'error' && /only in Twilio’s United States \(US1\)/.test(p.text)));
    assert.ok(!em.requests.some((q) => q.method === 'POST'));
  });
});
