import * as assert from 'assert';
import * as vscode from 'vscode';
import { legacySlate, connectEmulator, waitFor, writeWorkspaceFile, runOurs } from './helpers';
import type { Node } from '../../src/surfaces/tree/treeItems';

describe('The accounts tree', () => {
  it('lists the account and its keys with type, age and icon', async () => {
    const { t, em } = await legacySlate();
    await connectEmulator(em, 'Emulated');
    await t.keys.load(em.accountSid);
    const tree = t.accountsView.tree;
    const roots = await tree.getChildren();
    assert.strictEqual(roots.length, 1);
    assert.strictEqual(tree.getTreeItem(roots[0]).label, 'Emulated');
    const keys = (await tree.getChildren(roots[0])).filter((n): n is Extract<Node, { kind: 'key' }> => n.kind === 'key');
    const main = keys.find((k) => k.key.sid === em.mainKey.sid)!;
    const standard = keys.find((k) => k.key.sid === em.standardKey.sid)!;
    assert.match(String(tree.getTreeItem(main).description), /Main/);
    assert.match(String(tree.getTreeItem(standard).description), /Standard/);
    assert.strictEqual((tree.getTreeItem(main).iconPath as vscode.ThemeIcon).id, 'star-full');
    const tooltip = tree.getTreeItem(standard).tooltip as vscode.MarkdownString;
    assert.ok(tooltip.value.includes(em.standardKey.sid));
    assert.match(tooltip.value, /not stored here/);
  });

  it('shows the first page quickly and loads more on demand', async () => {
    const { t, em } = await legacySlate();
    for (let i = 0; i < 120; i++) em.state.addKey(em.accountSid, { friendlyName: `bulk ${i}` });
    await connectEmulator(em);
    await t.keys.load(em.accountSid);
    const tree = t.accountsView.tree;
    const [account] = await tree.getChildren();
    let children = await tree.getChildren(account);
    assert.strictEqual(children.filter((n) => n.kind === 'key').length, 50);
    const more = children.find((n) => n.kind === 'loadMore')!;
    assert.ok(more, 'a Load more item');
    const item = tree.getTreeItem(more);
    await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
    children = await tree.getChildren(account);
    assert.strictEqual(children.filter((n) => n.kind === 'key').length, 100);
  });

  it('filters keys by name or SID', async () => {
    const { t, em } = await legacySlate();
    em.state.addKey(em.accountSid, { friendlyName: 'payments worker' });
    await connectEmulator(em);
    await t.keys.load(em.accountSid);
    await runOurs('twilioCredentials.filter', { text: 'payments' });
    const tree = t.accountsView.tree;
    const [account] = await tree.getChildren();
    const keys = (await tree.getChildren(account)).filter((n) => n.kind === 'key');
    assert.deepStrictEqual(keys.map((k) => (k as Extract<Node, { kind: 'key' }>).key.friendlyName), ['payments worker']);
    assert.match(String(tree.view.description), /payments/);
    await runOurs('twilioCredentials.clearFilter');
    assert.ok((await tree.getChildren(account)).filter((n) => n.kind === 'key').length > 1);
  });

  it('shows an error item with "Update credentials" when the credentials stop working', async () => {
    const { t, em } = await legacySlate();
    await connectEmulator(em);
    em.state.accounts.get(em.accountSid)!.authToken = 'f'.repeat(32); // rotated in the Console (fake)
    t.keys.forget(em.accountSid);
    await t.keys.load(em.accountSid);
    const tree = t.accountsView.tree;
    const [account] = await tree.getChildren();
    const [message] = await tree.getChildren(account);
    assert.strictEqual(message.kind, 'message');
    const item = tree.getTreeItem(message);
    assert.strictEqual(item.command?.command, 'twilioCredentials.updateCredentials');
    assert.strictEqual(tree.getTreeItem(account).contextValue, 'account.error.authToken');
  });

  it('shows an offline item with Retry when Twilio cannot be reached, and recovers', async () => {
    const { t, em } = await legacySlate();
    await connectEmulator(em);
    t.keys.forget(em.accountSid);
    em.faults.resetNext(20, { method: 'GET' });
    await t.keys.load(em.accountSid);
    const tree = t.accountsView.tree;
    const [account] = await tree.getChildren();
    const [message] = await tree.getChildren(account);
    const item = tree.getTreeItem(message);
    assert.strictEqual(item.command?.command, 'twilioCredentials.refresh');
    assert.match(String(item.label), /connect|reach|network|offline/i);
    em.faults.clear();
    await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
    await t.keys.load(em.accountSid);
    assert.ok((await tree.getChildren(account)).some((n) => n.kind === 'key'), 'keys are back after Retry');
  });

  it('says in the tooltip which workspace .env files reference a key', async () => {
    const { t, em } = await legacySlate();
    await connectEmulator(em);
    const env = writeWorkspaceFile('tooltip/.env', `TWILIO_API_KEY=${em.standardKey.sid}\n`);
    await t.envIndex.refresh(vscode.Uri.file(env));
    await t.keys.load(em.accountSid);
    const tree = t.accountsView.tree;
    const [account] = await tree.getChildren();
    const node = (await tree.getChildren(account)).find((n) => n.kind === 'key' && n.key.sid === em.standardKey.sid)!;
    const tooltip = tree.getTreeItem(node).tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /tooltip\/\.env/);
  });

  it('gathers a burst of changes into one refresh, so tree elements stay resolvable for commands', async () => {
    const { t, em } = await legacySlate();
    await connectEmulator(em);
    await t.keys.load(em.accountSid);
    let fired = 0;
    const sub = t.accountsView.tree.onDidChangeTreeData(() => fired++);
    try {
      // Three changes in a row, as a user typing a filter makes them (no data is reloaded).
      t.accountsView.tree.setFilter('S');
      t.accountsView.tree.setFilter('St');
      t.accountsView.tree.setFilter('Standard key');
      // Each change used to refresh at once (three refreshes); now none fires until the burst is
      // over. (Counting later refreshes too would also count ones this test did not cause.)
      assert.strictEqual(fired, 0, 'no refresh while the burst is under way');
      await waitFor(() => (fired > 0 ? true : undefined), 'one refresh after it');
      const [account] = await t.accountsView.tree.getChildren();
      const shown = (await t.accountsView.tree.getChildren(account)).filter((n): n is Extract<Node, { kind: 'key' }> => n.kind === 'key');
      assert.deepStrictEqual(shown.map((n) => n.key.friendlyName), ['Standard key (emulator)'], 'the last filter applies');
    } finally {
      sub.dispose();
      t.accountsView.tree.setFilter('');
    }
  });

  it('refreshes when secret storage changes, as it does when another window stores a key', async () => {
    const { t, em } = await legacySlate();
    await connectEmulator(em);
    let fired = 0;
    const sub = t.accountsView.tree.onDidChangeTreeData(() => fired++);
    try {
      // Written straight to SecretStorage, bypassing this window's stores, like another window would.
      await t.context.secrets.store(`twilioCredentials/key/${em.accountSid}/${em.standardKey.sid}`, em.standardKey.secret);
      await waitFor(() => (fired > 0 ? true : undefined), 'a tree refresh');
    } finally {
      sub.dispose();
      await t.context.secrets.delete(`twilioCredentials/key/${em.accountSid}/${em.standardKey.sid}`);
    }
  });
});
