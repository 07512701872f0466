import * as assert from 'assert';
import * as vscode from 'vscode';
import { cleanSlate, connectEmulator } from './helpers';
import type { Node } from '../../src/keys/treeItems';

describe('The accounts tree', () => {
  it('lists the account and its keys with type, age and icon', async () => {
    const { t, em } = await cleanSlate();
    await connectEmulator(em, 'Emulated');
    await t.keys.load(em.accountSid);
    const tree = t.keysFeature.tree;
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
    const { t, em } = await cleanSlate();
    for (let i = 0; i < 120; i++) em.state.addKey(em.accountSid, { friendlyName: `bulk ${i}` });
    await connectEmulator(em);
    await t.keys.load(em.accountSid);
    const tree = t.keysFeature.tree;
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
    const { t, em } = await cleanSlate();
    em.state.addKey(em.accountSid, { friendlyName: 'payments worker' });
    await connectEmulator(em);
    await t.keys.load(em.accountSid);
    await vscode.commands.executeCommand('twilioCredentials.filter', { text: 'payments' });
    const tree = t.keysFeature.tree;
    const [account] = await tree.getChildren();
    const keys = (await tree.getChildren(account)).filter((n) => n.kind === 'key');
    assert.deepStrictEqual(keys.map((k) => (k as Extract<Node, { kind: 'key' }>).key.friendlyName), ['payments worker']);
    assert.match(String(tree.view.description), /payments/);
    await vscode.commands.executeCommand('twilioCredentials.clearFilter');
    assert.ok((await tree.getChildren(account)).filter((n) => n.kind === 'key').length > 1);
  });

  it('shows an error item with "Update credentials" when the credentials stop working', async () => {
    const { t, em } = await cleanSlate();
    await connectEmulator(em);
    em.state.accounts.get(em.accountSid)!.authToken = 'f'.repeat(32); // rotated in the Console (fake)
    t.keys.forget(em.accountSid);
    await t.keys.load(em.accountSid);
    const tree = t.keysFeature.tree;
    const [account] = await tree.getChildren();
    const [message] = await tree.getChildren(account);
    assert.strictEqual(message.kind, 'message');
    const item = tree.getTreeItem(message);
    assert.strictEqual(item.command?.command, 'twilioCredentials.updateCredentials');
    assert.strictEqual(tree.getTreeItem(account).contextValue, 'account.error');
  });
});
