// The accounts tree in plain Node: the real AccountStore, KeyCache and SubaccountCache over
// in-memory storage and a scripted Twilio API, drawn as VS Code draws it (getChildren, then
// getTreeItem for each node). What a user sees, and that seeing it changes nothing stored.
import * as assert from 'assert';
import { recorded } from '../../support/vscode';
import { AccountStore } from '../../../src/services/accountStore';
import { AccountsTree } from '../../../src/surfaces/tree/accountsTree';
import { KeyCache } from '../../../src/services/keyCache';
import { SubaccountCache } from '../../../src/services/subaccountCache';
import type { Node } from '../../../src/surfaces/tree/treeItems';
import type { AccountInfo, ApiKey, AccountCredentials } from '../../../src/core/twilio/types';
import type { TwilioService } from '../../../src/services/twilioService';
import type { EnvIndex } from '../../../src/workspace/dotenv/envIndex';
import type { Log } from '../../../src/platform/log';
import { EventEmitter } from '../../support/vscode';
import { InMemoryMemento, InMemorySecretStorage } from '../../support/inMemoryStorage';
import { fakeAccountSid, fakeAuthToken, fakeKeySecret, fakeKeySid } from '../../support/fakeCredentials';

const log = { error: () => undefined, info: () => undefined } as unknown as Log;
const key = (friendlyName: string, type: ApiKey['type'] = 'standard'): ApiKey => ({ sid: fakeKeySid(), friendlyName, type });

/** Twilio as far as the tree asks: each account's keys and subaccounts, one page each. */
function scriptedTwilio(keys: Map<string, ApiKey[]>, subaccounts: Map<string, AccountInfo[]>) {
  const calls: string[] = [];
  const api = {
    async listKeys(creds: AccountCredentials) {
      calls.push(`keys ${creds.accountSid}${creds.parentAccountSid ? ` via ${creds.parentAccountSid}` : ''}`);
      return { keys: keys.get(creds.accountSid) ?? [], hasMore: false, next: async () => ({ keys: [], hasMore: false, next: api.listKeys }) };
    },
    async listSubaccounts(creds: AccountCredentials) {
      calls.push(`subaccounts ${creds.accountSid}`);
      return { accounts: subaccounts.get(creds.accountSid) ?? [], hasMore: false, next: async () => ({ accounts: [], hasMore: false, next: api.listSubaccounts }) };
    },
  };
  return { service: { get: async () => api } as unknown as TwilioService, calls };
}

function setup() {
  recorded.reset();
  const state = new InMemoryMemento();
  const secrets = new InMemorySecretStorage();
  const accounts = new AccountStore(state, secrets);
  const keys = new Map<string, ApiKey[]>();
  const subs = new Map<string, AccountInfo[]>();
  const twilio = scriptedTwilio(keys, subs);
  const keyCache = new KeyCache(accounts, twilio.service, log, () => 50);
  const subaccounts = new SubaccountCache(accounts, twilio.service, log);
  const envChanged = new EventEmitter<void>();
  const envIndex = { filesReferencing: () => [], onDidChange: envChanged.event } as unknown as EnvIndex;
  const tree = new AccountsTree(accounts, keyCache, envIndex, subaccounts);
  /** Every write either storage has seen so far. */
  const writes = () => state.writes.length + secrets.writes.length;
  return { state, secrets, accounts, keys, subs, twilio, keyCache, subaccounts, tree, writes };
}

/** Waits until `f` gives something, as the tree shows what loads in the background. */
async function eventually<T>(f: () => Promise<T | undefined> | T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await f();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Draws the whole tree as VS Code does: every node's children, then its item. */
async function draw(tree: AccountsTree, node?: Node): Promise<Array<{ kind: string; label: string; contextValue?: string }>> {
  const out: Array<{ kind: string; label: string; contextValue?: string }> = [];
  for (const child of await tree.getChildren(node)) {
    const item = tree.getTreeItem(child);
    out.push({ kind: child.kind, label: String(item.label), contextValue: item.contextValue });
    if (child.kind === 'account' || child.kind === 'subaccounts') out.push(...(await draw(tree, child)));
  }
  return out;
}

const keysOf = (nodes: Node[]) => nodes.filter((n): n is Extract<Node, { kind: 'key' }> => n.kind === 'key');

describe('AccountsTree', () => {
  let t: ReturnType<typeof setup>;
  beforeEach(() => (t = setup()));
  afterEach(() => t.tree.dispose());

  it('shows the connected accounts by name, with their keys once loaded, and says there are accounts', async () => {
    assert.deepStrictEqual(await t.tree.getChildren(), []);
    const zed = fakeAccountSid();
    const abe = fakeAccountSid();
    t.keys.set(zed, [key('zed worker')]);
    await t.accounts.connect({ accountSid: zed, label: 'Zed', auth: 'apiKey', apiKeySid: fakeKeySid() }, fakeKeySecret());
    await t.accounts.connect({ accountSid: abe, label: 'Abe', auth: 'authToken' }, fakeAuthToken());
    assert.strictEqual(recorded.contextKeys.get('twilioCredentials.hasAccounts'), true);
    const roots = await t.tree.getChildren();
    assert.deepStrictEqual(roots.map((n) => t.tree.getTreeItem(n).label), ['Abe', 'Zed']);
    assert.deepStrictEqual((await t.tree.getChildren(roots[1])).map((n) => t.tree.getTreeItem(n).label), ['Loading keys…']);
    const shown = await eventually(async () => keysOf(await t.tree.getChildren(roots[1])).map((n) => n.key.friendlyName)[0], 'the keys');
    assert.strictEqual(shown, 'zed worker');
    assert.match(String(t.tree.getTreeItem(roots[1]).description), /1 key/);
  });

  it('marks the keys whose secret this editor holds: created here, or the Main key it signs in with', async () => {
    const accountSid = fakeAccountSid();
    const [main, created, elsewhere] = [key('main', 'main'), key('created here'), key('made in the Console')];
    t.keys.set(accountSid, [main, created, elsewhere]);
    await t.accounts.connect({ accountSid, label: 'Prod', auth: 'apiKey', apiKeySid: main.sid }, fakeKeySecret());
    await t.accounts.storeKeySecret(accountSid, created.sid, fakeKeySecret());
    await t.keyCache.load(accountSid);
    const [account] = await t.tree.getChildren();
    const items = keysOf(await t.tree.getChildren(account)).map((n) => t.tree.getTreeItem(n));
    assert.deepStrictEqual(
      items.map((i) => [i.label, i.contextValue]),
      [
        ['main', 'key.main.secretStored.self'],
        ['created here', 'key.standard.secretStored'],
        ['made in the Console', 'key.standard'],
      ],
    );
  });

  it('shows a rotation under way under its account: a waiting secondary, then a promotion not known yet with Check Auth Token', async () => {
    const accountSid = fakeAccountSid();
    await t.accounts.connect({ accountSid, label: 'Prod', auth: 'authToken' }, fakeAuthToken());
    await t.keyCache.load(accountSid);
    const rows = async () => {
      const [account] = await t.tree.getChildren();
      return (await t.tree.getChildren(account)).map((n) => t.tree.getTreeItem(n)).filter((i) => String(i.contextValue).startsWith('message.'));
    };
    assert.deepStrictEqual(await rows(), []);
    await t.accounts.storeSecondaryAuthToken(accountSid, fakeAuthToken());
    assert.deepStrictEqual((await rows()).map((i) => [i.label, i.contextValue]), [['Secondary Auth Token waiting for promotion', 'message.secondaryAuthToken']]);
    await t.accounts.markAuthTokenUnknown(accountSid);
    const [unknown] = await rows();
    assert.deepStrictEqual([unknown.label, unknown.contextValue], ['Auth Token not known yet: promoted or not?', 'message.authTokenUnknown']);
    assert.match(String(unknown.description), /both tokens are stored/);
    assert.deepStrictEqual([unknown.command?.command, unknown.command?.arguments], ['twilioCredentials.checkAuthToken', [{ accountSid }]]);
    await t.accounts.adoptSecondaryAuthToken(accountSid);
    assert.deepStrictEqual(await rows(), []);
  });

  it('shows a subaccount without writing storage; opening it draws at once and fetches its keys, which records it once', async () => {
    const parentSid = fakeAccountSid();
    const sub: AccountInfo = { sid: fakeAccountSid(), friendlyName: 'Customer A', status: 'active' };
    const subKey = key('customer A worker');
    t.subs.set(parentSid, [sub]);
    t.keys.set(sub.sid, [subKey]);
    await t.accounts.connect({ accountSid: parentSid, label: 'Parent', auth: 'authToken' }, fakeAuthToken());
    await t.keyCache.load(parentSid);
    const [account] = await t.tree.getChildren();
    const group = await eventually(async () => (await t.tree.getChildren(account)).find((n) => n.kind === 'subaccounts'), 'the Subaccounts group');

    const before = t.writes();
    const [subNode] = await t.tree.getChildren(group);
    assert.strictEqual(t.tree.getTreeItem(subNode).label, 'Customer A');
    assert.strictEqual(t.tree.getTreeItem(subNode).contextValue, 'account.subaccount');
    t.tree.getParent(subNode);
    assert.strictEqual(t.writes(), before, 'drawing the subaccount wrote nothing');
    assert.strictEqual(t.accounts.get(sub.sid), undefined, 'not recorded by being shown');

    // Opening it draws at once, even while storage is slow to confirm the record.
    const release = t.state.hold();
    const opened = await Promise.race([t.tree.getChildren(subNode), new Promise<undefined>((r) => setTimeout(() => r(undefined), 200))]);
    release();
    assert.ok(opened, 'the subaccount opened without waiting for storage');
    const keys = await eventually(async () => {
      const k = keysOf(await t.tree.getChildren(subNode));
      return k.length ? k : undefined;
    }, "the subaccount's keys");
    assert.deepStrictEqual(keys.map((n) => n.key.sid), [subKey.sid]);
    assert.ok(t.twilio.calls.includes(`keys ${sub.sid} via ${parentSid}`), "listed with the parent's Auth Token");
    assert.strictEqual(t.accounts.get(sub.sid)?.parentAccountSid, parentSid, 'recorded for its keys and their secrets');
    assert.strictEqual(keys[0].account.connectedAt, t.accounts.get(sub.sid)?.connectedAt, 'its keys belong to the recorded subaccount');
    assert.deepStrictEqual(t.accounts.roots().map((a) => a.accountSid), [parentSid], 'still listed under its parent only');

    const recordedOnce = t.writes();
    await draw(t.tree);
    await t.tree.getChildren(subNode);
    assert.strictEqual(t.writes(), recordedOnce, 'drawing it all again wrote nothing');
  });

  it('drawing every kind of row writes nothing to either storage', async () => {
    const a = fakeAccountSid();
    const b = fakeAccountSid();
    t.keys.set(a, [key('one'), key('two')]);
    t.subs.set(a, [{ sid: fakeAccountSid(), friendlyName: 'Sub', status: 'suspended' }]);
    await t.accounts.connect({ accountSid: a, label: 'A', auth: 'authToken' }, fakeAuthToken());
    await t.accounts.connect({ accountSid: b, label: 'B', auth: 'authToken' }, fakeAuthToken());
    await t.accounts.storeSecondaryAuthToken(a, fakeAuthToken());
    await t.secrets.delete(`twilioCredentials/account/${b}/authToken`); // B: "No stored credentials"
    await Promise.all([t.keyCache.load(a), t.keyCache.load(b), t.subaccounts.load(a)]);
    const before = t.writes();
    const rows = await draw(t.tree);
    assert.deepStrictEqual(
      rows.map((r) => r.label),
      ['A', 'Subaccounts', 'Sub', 'Secondary Auth Token waiting for promotion', 'one', 'two', 'B', 'No stored credentials for this account'],
    );
    assert.strictEqual(t.writes(), before);
  });

  it('filters the loaded keys by name or SID and says when none match', async () => {
    const accountSid = fakeAccountSid();
    t.keys.set(accountSid, [key('billing'), key('search')]);
    await t.accounts.connect({ accountSid, label: 'Prod', auth: 'authToken' }, fakeAuthToken());
    await t.keyCache.load(accountSid);
    const [account] = await t.tree.getChildren();
    t.tree.setFilter('  BILL ');
    assert.strictEqual(recorded.contextKeys.get('twilioCredentials.filtered'), true);
    assert.strictEqual(recorded.treeViews[0].description, 'Filter: BILL');
    assert.deepStrictEqual(keysOf(await t.tree.getChildren(account)).map((n) => n.key.friendlyName), ['billing']);
    t.tree.setFilter('nothing like it');
    assert.deepStrictEqual((await t.tree.getChildren(account)).map((n) => t.tree.getTreeItem(n).label), ['No loaded key matches "nothing like it"']);
    t.tree.setFilter('');
    assert.strictEqual(recorded.contextKeys.get('twilioCredentials.filtered'), false);
  });

  it('redraws once for a burst of changes, and after a key secret arrives from another window', async () => {
    const accountSid = fakeAccountSid();
    await t.accounts.connect({ accountSid, label: 'Prod', auth: 'authToken' }, fakeAuthToken());
    await new Promise((r) => setTimeout(r, 80));
    let redraws = 0;
    t.tree.onDidChangeTreeData(() => redraws++);
    const keySid = fakeKeySid();
    await t.accounts.storeKeySecret(accountSid, keySid, fakeKeySecret());
    await t.accounts.forgetKeySecret(accountSid, keySid);
    t.keyCache.forget(accountSid);
    await eventually(() => (redraws ? true : undefined), 'a redraw');
    await new Promise((r) => setTimeout(r, 80));
    assert.strictEqual(redraws, 1);
    t.secrets.fromElsewhere(`twilioCredentials/key/${accountSid}/${fakeKeySid()}`, fakeKeySecret());
    await eventually(() => (redraws === 2 ? true : undefined), 'a redraw for the other window');
    assert.strictEqual(t.accounts.get(accountSid)?.storedKeySids.length, 1);
  });
});
