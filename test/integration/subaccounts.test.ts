import * as assert from 'assert';
import * as vscode from 'vscode';
import { cleanSlate, connectEmulator, waitFor, runOurs, storedKeySecret, type TestDriver } from './helpers';
import { scriptUi, ScriptedUi } from './ui';

/** The first subaccount row under the only connected account, as the sidebar draws it (not expanded), for a context-menu command. */
async function subaccountRow(t: TestDriver): Promise<unknown> {
  const row = await t.row((r) => r.kind === 'subaccount');
  assert.ok(row, 'a subaccount row');
  return row;
}

/** The key SIDs a subaccount row lists when the user expands it. */
async function subaccountKeys(t: TestDriver, subSid: string): Promise<string[]> {
  const [account] = await t.tree(4);
  const group = account.children?.find((r) => r.kind === 'subaccounts');
  const row = group?.children?.find((r) => r.kind === 'subaccount' && r.subaccountSid === subSid);
  return (row?.children ?? []).flatMap((r) => (r.kind === 'key' && r.keySid ? [r.keySid] : []));
}

describe('Subaccounts', () => {
  let ui: ScriptedUi | undefined;
  afterEach(() => ui?.restore());

  it('lists subaccounts under the main account and manages their keys with its Auth Token', async () => {
    const { t, em } = await cleanSlate();
    const sub = em.state.addAccount({ friendlyName: 'Customer A', ownerAccountSid: em.accountSid });
    const subKey = em.state.addKey(sub.sid, { friendlyName: 'customer A worker' });
    await connectEmulator(em, 'Parent');
    const [account] = await t.tree(3);
    const group = account.children?.find((n) => n.kind === 'subaccounts');
    assert.strictEqual(group?.label, 'Subaccounts');
    const [subNode] = group.children ?? [];
    assert.strictEqual(subNode?.kind, 'subaccount');
    assert.strictEqual(subNode.label, 'Customer A');
    assert.deepStrictEqual(await subaccountKeys(t, sub.sid), [subKey.sid]);
    // A key created in the subaccount, with the parent's credentials.
    const created = await runOurs<{ keySid: string }>('twilioCredentials.createKey', {
      confirm: true,
      accountSid: sub.sid, friendlyName: 'made for A', type: 'standard', then: 'done',
    });
    assert.strictEqual(em.state.keys.get(created.keySid)?.accountSid, sub.sid);
    assert.ok(await storedKeySecret(t, sub.sid, created.keySid));
    // Disconnecting the parent forgets the subaccount's stored secrets too.
    await runOurs('twilioCredentials.disconnectAccount', { accountSid: em.accountSid, confirm: true });
    assert.strictEqual(await storedKeySecret(t, sub.sid, created.keySid), undefined);
    assert.strictEqual((await t.account(sub.sid)), undefined);
  });

  it('"Create API Key" on a subaccount row, never expanded, creates the key on the subaccount, not its parent', async () => {
    const { t, em } = await cleanSlate();
    const sub = em.state.addAccount({ friendlyName: 'Customer B', ownerAccountSid: em.accountSid });
    const subKey = em.state.addKey(sub.sid, { friendlyName: 'customer B worker' });
    await connectEmulator(em, 'Parent');
    const row = await subaccountRow(t);
    assert.strictEqual((await t.account(sub.sid)), undefined, 'drawing the row records nothing');
    ui = scriptUi().input('made from the row').pick('Standard').message('Create Key', undefined);
    // As the context menu calls it: with the row (the tree's own, so it names the account).
    const created = await vscode.commands.executeCommand<{ accountSid: string; keySid: string }>('twilioCredentials.createKey', row);
    assert.strictEqual(created.accountSid, sub.sid, 'the command acted on the subaccount');
    assert.strictEqual(em.state.keys.get(created.keySid)?.accountSid, sub.sid, 'Twilio made the key on the subaccount');
    assert.strictEqual((await t.account(sub.sid))?.parentAccountSid, em.accountSid, 'the subaccount is recorded under its parent');
    assert.ok(await storedKeySecret(t, sub.sid, created.keySid), 'its secret is stored under the subaccount');
    assert.strictEqual(await storedKeySecret(t, em.accountSid, created.keySid), undefined);
    // Expanded afterwards, the row lists all the subaccount's keys, the new one with them.
    const listed = await waitFor(async () => {
      const sids = await subaccountKeys(t, sub.sid);
      return sids.length ? sids : undefined;
    }, "the subaccount's keys");
    assert.deepStrictEqual([...listed].sort(), [subKey.sid, created.keySid].sort());
  });

  it('"Refresh" on a subaccount row, never expanded, lists the subaccount\'s keys', async () => {
    const { t, em } = await cleanSlate();
    const sub = em.state.addAccount({ friendlyName: 'Customer C', ownerAccountSid: em.accountSid });
    const subKey = em.state.addKey(sub.sid, { friendlyName: 'customer C worker' });
    await connectEmulator(em, 'Parent');
    const row = await subaccountRow(t);
    await runOurs('twilioCredentials.refresh', row);
    // Refresh fetched the keys: the subaccount is recorded and its list loaded without expanding it.
    await waitFor(async () => ((await t.account(sub.sid))?.keys?.status === 'loaded' ? true : undefined), "the subaccount's keys to load");
    assert.deepStrictEqual((await t.account(sub.sid))?.keys?.items.map((k) => k.sid), [subKey.sid]);
  });

  it('shows the region of each account in the tree and sends its calls to the regional host', async () => {
    const { t, em } = await cleanSlate();
    await runOurs('twilioCredentials.connectAccount', {
      label: 'Dublin', accountSid: em.accountSid, authToken: em.authToken, region: 'ie1', edge: 'dublin',
    });
    const [account] = await t.tree();
    assert.match(String(account.description), /ie1/);
    const hosts = new Set(em.requests.map((r) => r.host));
    assert.ok([...hosts].every((h) => /\.dublin\.ie1\.twilio\.com$/.test(h)), [...hosts].join(', '));
  });
});
