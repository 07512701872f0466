// The Functions group of the accounts tree in plain Node: the real AccountStore, caches and tree
// over in-memory storage and a scripted Twilio API, drawn as VS Code draws it. Loading is lazy,
// paged and cancellable, errors are rows that say what to do, and no value ever reaches a row.
import * as assert from 'assert';
import { recorded, TreeItemCollapsibleState, MarkdownString } from '../../support/vscode';
import { AccountStore } from '../../../src/services/accountStore';
import { AccountsTree } from '../../../src/surfaces/tree/accountsTree';
import { FunctionsSection } from '../../../src/surfaces/tree/functionsSection';
import { FunctionsGroup } from '../../../src/surfaces/tree/functionsGroup';
import { KeyCache } from '../../../src/services/keyCache';
import { SubaccountCache } from '../../../src/services/subaccountCache';
import { FunctionsCache } from '../../../src/services/functionsCache';
import type { Node } from '../../../src/surfaces/tree/treeItems';
import type { AccountCredentials, EnvironmentRef, FunctionsEnvironment, FunctionsService, FunctionsVariable, ListOptions, Page } from '../../../src/core/twilio/types';
import { TwilioApiError } from '../../../src/core/twilio/errors';
import type { TwilioService } from '../../../src/services/twilioService';
import type { EnvIndex } from '../../../src/workspace/dotenv/envIndex';
import type { Log } from '../../../src/platform/log';
import { EventEmitter } from '../../support/vscode';
import { InMemoryMemento, InMemorySecretStorage } from '../../support/inMemoryStorage';
import { fakeAccountSid, fakeAuthToken, fakeHex, fakeKeySecret, fakeKeySid } from '../../support/fakeCredentials';

const log = { error: () => undefined, info: () => undefined } as unknown as Log;

/** Twilio's Functions of one account, pages of `pageSize`; `fail` makes the next list call throw. */
function scriptedTwilio() {
  const services: FunctionsService[] = [];
  const environments = new Map<string, FunctionsEnvironment[]>();
  const variables = new Map<string, FunctionsVariable[]>();
  const calls: string[] = [];
  const signals: AbortSignal[] = [];
  const pending: Array<() => void> = [];
  const control = { fail: undefined as TwilioApiError | undefined, hold: false };
  const page = async <T>(what: string, all: T[], opts: ListOptions = {}, from = 0): Promise<Page<T>> => {
    calls.push(what);
    if (opts.signal) signals.push(opts.signal);
    if (control.hold) await new Promise<void>((resolve) => pending.push(resolve));
    if (control.fail) {
      const e = control.fail;
      control.fail = undefined;
      throw e;
    }
    const size = opts.pageSize ?? 50;
    return { items: all.slice(from, from + size), hasMore: from + size < all.length, next: (o) => page(what, all, { ...opts, ...o }, from + size) };
  };
  const api = {
    listKeys: async () => ({ keys: [], hasMore: false, next: api.listKeys }),
    listSubaccounts: async () => ({ accounts: [], hasMore: false, next: api.listSubaccounts }),
    listFunctionsServices: (_c: AccountCredentials, opts?: ListOptions) => page('services', services, opts),
    listFunctionsEnvironments: (_c: AccountCredentials, sid: string, opts?: ListOptions) => page(`environments ${sid}`, environments.get(sid) ?? [], opts),
    listFunctionsVariables: (_c: AccountCredentials, env: EnvironmentRef, opts?: ListOptions) => page(`variables ${env.environmentSid}`, variables.get(env.environmentSid) ?? [], opts),
  };
  /** A service with one environment holding `vars`. */
  const addService = (uniqueName: string, vars: Record<string, string>) => {
    const serviceSid = 'ZS' + fakeHex();
    const environmentSid = 'ZE' + fakeHex();
    services.push({ sid: serviceSid, uniqueName, friendlyName: uniqueName, includeCredentials: true, domainBase: uniqueName });
    environments.set(serviceSid, [{ sid: environmentSid, serviceSid, uniqueName: 'production', domainSuffix: '', domainName: `${uniqueName}.twil.io` }]);
    variables.set(environmentSid, Object.entries(vars).map(([key, value]) => ({ sid: 'ZV' + fakeHex(), serviceSid, environmentSid, key, value })));
    return { serviceSid, environmentSid };
  };
  return { service: { get: async () => api } as unknown as TwilioService, calls, signals, control, pending, addService, services };
}

function setup(pageSize = 50) {
  recorded.reset();
  const accounts = new AccountStore(new InMemoryMemento(), new InMemorySecretStorage());
  const twilio = scriptedTwilio();
  const keys = new KeyCache(accounts, twilio.service, log, () => 50);
  const subaccounts = new SubaccountCache(accounts, twilio.service, log);
  const functions = new FunctionsCache(accounts, twilio.service, log, () => pageSize);
  const envIndex = { filesReferencing: () => [], onDidChange: new EventEmitter<void>().event } as unknown as EnvIndex;
  const tree = new AccountsTree(accounts, keys, envIndex, subaccounts);
  tree.showFunctions(new FunctionsGroup(() => new FunctionsSection(functions)));
  return { accounts, twilio, keys, functions, tree };
}

async function eventually<T>(f: () => Promise<T | undefined> | T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const v = await f();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** What a user can read on a row: label, description, tooltip. */
function text(tree: AccountsTree, node: Node): string {
  const item = tree.getTreeItem(node);
  const tooltip = item.tooltip instanceof MarkdownString ? item.tooltip.value : String(item.tooltip ?? '');
  return [item.label, item.description ?? '', tooltip, JSON.stringify(item.command?.arguments ?? [])].join(' | ');
}

/** The children once they stop loading. */
async function loadedChildren(tree: AccountsTree, node: Node): Promise<Node[]> {
  return eventually(async () => {
    const children = await tree.getChildren(node);
    return children.some((c) => c.kind === 'functionsMessage' && /Loading|Checking/.test(c.message)) ? undefined : children;
  }, `the children of ${node.kind}`);
}

const labels = (tree: AccountsTree, nodes: Node[]) => nodes.map((n) => String(tree.getTreeItem(n).label));

describe('The Functions group of the accounts tree', () => {
  let t: ReturnType<typeof setup>;
  afterEach(() => t.tree.dispose());

  it('sits collapsed after the keys, asks Twilio nothing until expanded, and lists only the variables that hold a credential, never a value', async () => {
    t = setup();
    const accountSid = fakeAccountSid();
    const token = fakeAuthToken();
    const keySid = fakeKeySid();
    const keySecret = fakeKeySecret();
    const seeded = [token, keySecret, fakeKeySecret(), 'https://example.org/hook', 'Hello, customer'];
    t.twilio.addService('notify', { AUTH: token, TWILIO_API_KEY: keySid, TWILIO_API_SECRET: keySecret, STRIPE_SECRET: seeded[2], WEBHOOK_URL: seeded[3], GREETING: seeded[4] });
    await t.accounts.connect({ accountSid, label: 'Prod', auth: 'authToken' }, token);
    await t.accounts.storeKeySecret(accountSid, keySid, keySecret);
    const [account] = await t.tree.getChildren();
    const children = await t.tree.getChildren(account);
    const group = children[children.length - 1];
    assert.strictEqual(group.kind, 'functions');
    assert.strictEqual(t.tree.getTreeItem(group).collapsibleState, TreeItemCollapsibleState.Collapsed);
    assert.strictEqual(t.tree.getTreeItem(group).label, 'Functions');
    assert.deepStrictEqual(t.twilio.calls, [], 'nothing is asked until the group is expanded');

    const [service] = await loadedChildren(t.tree, group);
    assert.deepStrictEqual(labels(t.tree, [service]), ['notify']);
    assert.match(String(t.tree.getTreeItem(group).description), /1 service/);
    const [environment] = await loadedChildren(t.tree, service);
    assert.strictEqual(t.tree.getTreeItem(environment).contextValue, 'functionsEnvironment');
    const variables = await loadedChildren(t.tree, environment);
    assert.deepStrictEqual(
      variables.map((n) => [t.tree.getTreeItem(n).label, t.tree.getTreeItem(n).description]),
      [
        ['AUTH', 'the Auth Token'],
        ['TWILIO_API_KEY', `the SID of key SK…${keySid.slice(-4)}`],
        ['TWILIO_API_SECRET', `the secret of key SK…${keySid.slice(-4)}`],
        ['STRIPE_SECRET', 'an unknown 32-character secret'],
      ],
    );
    assert.match(String(t.tree.getTreeItem(environment).description), /4 credentials/);
    for (const node of [group, service, environment, ...variables]) {
      const shown = text(t.tree, node) + JSON.stringify(node);
      for (const value of seeded) assert.ok(!shown.includes(value), `${node.kind} shows no value`);
    }
    assert.deepStrictEqual(await t.tree.getParent(variables[0]), environment);
    assert.deepStrictEqual(await t.tree.getParent(environment), service);
  });

  it('pages each list, saying how many variables were checked', async () => {
    t = setup(2);
    const accountSid = fakeAccountSid();
    for (let i = 0; i < 3; i++) t.twilio.addService(`svc${i}`, {});
    const { environmentSid } = t.twilio.addService('busy', { A: 'plain', B: 'plain', C: 'plain', D_TOKEN: fakeKeySecret() });
    await t.accounts.connect({ accountSid, label: 'Prod', auth: 'authToken' }, fakeAuthToken());
    const [account] = await t.tree.getChildren();
    const group = (await t.tree.getChildren(account)).find((n) => n.kind === 'functions')!;
    let services = await loadedChildren(t.tree, group);
    assert.deepStrictEqual(labels(t.tree, services), ['svc0', 'svc1', 'Load more services…']);
    await t.functions.services.loadMore(accountSid);
    await t.functions.services.loadMore(accountSid);
    services = await loadedChildren(t.tree, group);
    const busy = services.find((n) => t.tree.getTreeItem(n).label === 'busy')!;
    const [environment] = await loadedChildren(t.tree, busy);
    let variables = await loadedChildren(t.tree, environment);
    assert.deepStrictEqual(labels(t.tree, variables), ['None of the first 2 variables holds a credential', 'Load more variables…']);
    const more = t.tree.getTreeItem(variables[1]);
    assert.strictEqual(more.description, '2 checked');
    assert.strictEqual(more.command?.command, 'twilioCredentials.loadMoreFunctions');
    assert.deepStrictEqual(more.command?.arguments, [{ accountSid, serviceSid: (busy as { service: FunctionsService }).service.sid, environmentSid }]);
    await t.functions.variables.loadMore(`${accountSid}/${(busy as { service: FunctionsService }).service.sid}/${environmentSid}`);
    variables = await loadedChildren(t.tree, environment);
    assert.deepStrictEqual(labels(t.tree, variables), ['D_TOKEN']);
  });

  it('shows why a list could not load, with what to do', async () => {
    t = setup();
    const accountSid = fakeAccountSid();
    await t.accounts.connect({ accountSid, label: 'Prod', auth: 'apiKey', apiKeySid: fakeKeySid() }, fakeKeySecret());
    const [account] = await t.tree.getChildren();
    const group = (await t.tree.getChildren(account)).find((n) => n.kind === 'functions')!;
    const cases: Array<[TwilioApiError, string, string | undefined]> = [
      [new TwilioApiError('authentication'), 'Twilio did not accept the credentials', 'twilioCredentials.updateCredentials'],
      [new TwilioApiError('permissionDenied', undefined, { code: 70051 }), 'This API key may not read Twilio Functions', 'twilioCredentials.loadMoreFunctions'],
      [new TwilioApiError('rateLimited', undefined, { retryAfterSeconds: 30 }), 'Twilio is limiting requests', 'twilioCredentials.loadMoreFunctions'],
      [new TwilioApiError('offline'), 'Could not reach Twilio', 'twilioCredentials.loadMoreFunctions'],
    ];
    for (const [error, row, command] of cases) {
      t.functions.forget(accountSid);
      t.twilio.control.fail = error;
      const [message] = await loadedChildren(t.tree, group);
      const item = t.tree.getTreeItem(message);
      assert.strictEqual(item.label, row);
      assert.strictEqual(item.command?.command, command);
      assert.deepStrictEqual(item.command?.arguments, [{ accountSid }]);
      if (error.kind === 'permissionDenied') assert.match(String(item.tooltip), /\/twilio\/serverless\/services\/read/);
      else assert.strictEqual(item.tooltip, error.message);
    }
    assert.strictEqual(t.tree.getTreeItem((await loadedChildren(t.tree, group))[0]).contextValue, 'message.retry');
  });

  it('asks a subaccount under its parent for its own credentials, and Twilio nothing', async () => {
    t = setup();
    const parentSid = fakeAccountSid();
    const subSid = fakeAccountSid();
    await t.accounts.connect({ accountSid: parentSid, label: 'Parent', auth: 'authToken' }, fakeAuthToken());
    await t.accounts.ensureSubaccount(parentSid, { sid: subSid, friendlyName: 'Staging' });
    const group = t.tree.getChildren.bind(t.tree);
    const node = { kind: 'functions', account: t.accounts.get(subSid)! } as Node;
    const [message] = await group(node);
    const item = t.tree.getTreeItem(message);
    assert.strictEqual(item.label, 'Needs the subaccount’s own credentials');
    assert.strictEqual(item.command?.command, 'twilioCredentials.connectAccount');
    assert.deepStrictEqual(t.twilio.calls.filter((c) => c !== 'keys'), []);
  });

  it('stops loading a list when its row is collapsed, and starts over when expanded again', async () => {
    t = setup();
    const accountSid = fakeAccountSid();
    t.twilio.addService('notify', {});
    await t.accounts.connect({ accountSid, label: 'Prod', auth: 'authToken' }, fakeAuthToken());
    const [account] = await t.tree.getChildren();
    const group = (await t.tree.getChildren(account)).find((n) => n.kind === 'functions')!;
    t.twilio.control.hold = true;
    assert.deepStrictEqual(labels(t.tree, await t.tree.getChildren(group)), ['Loading Functions services…']);
    await eventually(() => (t.twilio.signals.length ? true : undefined), 'the request');
    recorded.treeViews[0].collapse(group);
    assert.strictEqual(t.twilio.signals[0].aborted, true, 'the request is cancelled');
    t.twilio.control.hold = false;
    t.twilio.pending.splice(0).forEach((release) => release());
    assert.deepStrictEqual(labels(t.tree, await loadedChildren(t.tree, group)), ['notify']);
    assert.strictEqual(t.twilio.calls.filter((c) => c === 'services').length, 2);
  });

  it('tells again what a variable holds once this editor stores the secret it holds', async () => {
    t = setup();
    const accountSid = fakeAccountSid();
    const keySid = fakeKeySid();
    const secret = fakeKeySecret();
    t.twilio.addService('notify', { PAYMENTS_SECRET: secret });
    await t.accounts.connect({ accountSid, label: 'Prod', auth: 'authToken' }, fakeAuthToken());
    const [account] = await t.tree.getChildren();
    const group = (await t.tree.getChildren(account)).find((n) => n.kind === 'functions')!;
    const [service] = await loadedChildren(t.tree, group);
    const [environment] = await loadedChildren(t.tree, service);
    const [before] = await loadedChildren(t.tree, environment);
    assert.strictEqual(t.tree.getTreeItem(before).description, 'an unknown 32-character secret');
    await t.accounts.storeKeySecret(accountSid, keySid, secret);
    const after = await eventually(async () => {
      const [v] = await loadedChildren(t.tree, environment);
      return t.tree.getTreeItem(v).description === 'an unknown 32-character secret' ? undefined : v;
    }, 'the variable classified again');
    assert.strictEqual(t.tree.getTreeItem(after).description, `the secret of key SK…${keySid.slice(-4)}`);
  });
});
