import * as assert from 'assert';
import * as vscode from 'vscode';
import { legacySlate, connectEmulator, waitFor, type testing, runOurs } from './helpers';
import { scriptUi, ScriptedUi } from './ui';
import type { Node } from '../../src/surfaces/tree/treeItems';

/** The first subaccount row under the only connected account, as the sidebar draws it (not expanded). */
async function subaccountRow(t: Awaited<ReturnType<typeof testing>>): Promise<Extract<Node, { kind: 'subaccount' }>> {
  const tree = t.accountsView.tree;
  const [account] = await tree.getChildren();
  const group = await waitFor(async () => (await tree.getChildren(account)).find((n) => n.kind === 'subaccounts'), 'the Subaccounts group');
  const [row] = await tree.getChildren(group);
  assert.strictEqual(row.kind, 'subaccount');
  return row as Extract<Node, { kind: 'subaccount' }>;
}

describe('Subaccounts', () => {
  let ui: ScriptedUi | undefined;
  afterEach(() => ui?.restore());

  it('lists subaccounts under the main account and manages their keys with its Auth Token', async () => {
    const { t, em } = await legacySlate();
    const sub = em.state.addAccount({ friendlyName: 'Customer A', ownerAccountSid: em.accountSid });
    const subKey = em.state.addKey(sub.sid, { friendlyName: 'customer A worker' });
    await connectEmulator(em, 'Parent');
    const tree = t.accountsView.tree;
    const [account] = await tree.getChildren();
    const group = await waitFor(async () => (await tree.getChildren(account)).find((n) => n.kind === 'subaccounts'), 'the Subaccounts group');
    assert.strictEqual(tree.getTreeItem(group).label, 'Subaccounts');
    const [subNode] = await tree.getChildren(group);
    assert.strictEqual(subNode.kind, 'subaccount');
    assert.strictEqual(tree.getTreeItem(subNode).label, 'Customer A');
    await tree.getChildren(subNode);
    await t.keys.load(sub.sid);
    const keys = (await tree.getChildren(subNode)).filter((n): n is Extract<Node, { kind: 'key' }> => n.kind === 'key');
    assert.deepStrictEqual(keys.map((k) => k.key.sid), [subKey.sid]);
    // A key created in the subaccount, with the parent's credentials.
    const created = await runOurs<{ keySid: string }>('twilioCredentials.createKey', {
      confirm: true,
      accountSid: sub.sid, friendlyName: 'made for A', type: 'standard', then: 'done',
    });
    assert.strictEqual(em.state.keys.get(created.keySid)?.accountSid, sub.sid);
    assert.ok(await t.accounts.getKeySecret(sub.sid, created.keySid));
    // Disconnecting the parent forgets the subaccount's stored secrets too.
    await runOurs('twilioCredentials.disconnectAccount', { accountSid: em.accountSid, confirm: true });
    assert.strictEqual(await t.accounts.getKeySecret(sub.sid, created.keySid), undefined);
    assert.strictEqual(t.accounts.get(sub.sid), undefined);
  });

  it('"Create API Key" on a subaccount row, never expanded, creates the key on the subaccount, not its parent', async () => {
    const { t, em } = await legacySlate();
    const sub = em.state.addAccount({ friendlyName: 'Customer B', ownerAccountSid: em.accountSid });
    const subKey = em.state.addKey(sub.sid, { friendlyName: 'customer B worker' });
    await connectEmulator(em, 'Parent');
    const row = await subaccountRow(t);
    assert.strictEqual(t.accounts.get(sub.sid), undefined, 'drawing the row records nothing');
    ui = scriptUi().input('made from the row').pick('Standard').message('Create Key', undefined);
    // As the context menu calls it: with the row (the tree's own, so it names the account).
    const created = await vscode.commands.executeCommand<{ accountSid: string; keySid: string }>('twilioCredentials.createKey', row);
    assert.strictEqual(created.accountSid, sub.sid, 'the command acted on the subaccount');
    assert.strictEqual(em.state.keys.get(created.keySid)?.accountSid, sub.sid, 'Twilio made the key on the subaccount');
    assert.strictEqual(t.accounts.get(sub.sid)?.parentAccountSid, em.accountSid, 'the subaccount is recorded under its parent');
    assert.ok(await t.accounts.getKeySecret(sub.sid, created.keySid), 'its secret is stored under the subaccount');
    assert.strictEqual(await t.accounts.getKeySecret(em.accountSid, created.keySid), undefined);
    // Expanded afterwards, the row lists all the subaccount's keys, the new one with them.
    const listed = await waitFor(async () => {
      const sids = (await t.accountsView.tree.getChildren(row)).flatMap((n) => (n.kind === 'key' ? [n.key.sid] : []));
      return sids.length ? sids : undefined;
    }, "the subaccount's keys");
    assert.deepStrictEqual([...listed].sort(), [subKey.sid, created.keySid].sort());
  });

  it('"Refresh" on a subaccount row, never expanded, lists the subaccount\'s keys', async () => {
    const { t, em } = await legacySlate();
    const sub = em.state.addAccount({ friendlyName: 'Customer C', ownerAccountSid: em.accountSid });
    const subKey = em.state.addKey(sub.sid, { friendlyName: 'customer C worker' });
    await connectEmulator(em, 'Parent');
    const row = await subaccountRow(t);
    await runOurs('twilioCredentials.refresh', row);
    const keys = await waitFor(async () => {
      const nodes = await t.accountsView.tree.getChildren(row);
      const found = nodes.filter((n): n is Extract<Node, { kind: 'key' }> => n.kind === 'key');
      return found.length ? found : undefined;
    }, "the subaccount's keys");
    assert.deepStrictEqual(keys.map((k) => k.key.sid), [subKey.sid]);
    assert.strictEqual(t.keys.state(sub.sid)?.status, 'loaded');
  });

  it('shows the region of each account in the tree and sends its calls to the regional host', async () => {
    const { t, em } = await legacySlate();
    await runOurs('twilioCredentials.connectAccount', {
      label: 'Dublin', accountSid: em.accountSid, authToken: em.authToken, region: 'ie1', edge: 'dublin',
    });
    await t.keys.load(em.accountSid);
    const [account] = await t.accountsView.tree.getChildren();
    assert.match(String(t.accountsView.tree.getTreeItem(account).description), /ie1/);
    const hosts = new Set(em.requests.map((r) => r.host));
    assert.ok([...hosts].every((h) => /\.dublin\.ie1\.twilio\.com$/.test(h)), [...hosts].join(', '));
  });
});
