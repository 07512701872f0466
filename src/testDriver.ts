// The in-host tests' one door into the extension. Suites act through commands, like any caller,
// and read what happened through this driver: read-only snapshots of the tree, the accounts and
// the `.env` index, a reset, and the two faults a test cannot make from outside (a locked keyring,
// a change from another window). activate() builds it only when VS Code runs the extension in test
// mode; an installed extension never has it. It is its own bundle (dist/testDriver.js, which the
// .vsix leaves out), loaded only then, so the shipped activation bundle does not carry it.
//
// What crosses it is never a secret: anything that could reach the test API can reach this, so a
// stored secret, a `.env` value or a terminal variable is shown as its SHA-256 fingerprint (a test
// compares it with the fingerprint of the value the emulator handed out). Nothing here returns a
// service, the ExtensionContext, or an object a caller could change the extension through, except
// `ours`, the consent seam (src/platform/callers.ts), which is what a test needs to call a command
// as the extension's own UI does.
import * as vscode from 'vscode';
import { createHash } from 'crypto';
import type { Services } from './services/services';
import type { AccountsView } from './surfaces/tree/accountsView';
import type { Node } from './surfaces/tree/treeItems';
import type { TerminalsFeature } from './features/terminals/terminalsFeature';
import type { AuthTokenState, AuthKind } from './services/model';
import type { PagedState } from './services/pagedCache';
import type { ApiKey } from './core/twilio/types';
import { ours } from './platform/callers';
import { commandArgumentRoles } from './platform/commands';
import type { DetectionFeature } from './surfaces/editor/detectionFeature';
import type { MixupFeature } from './surfaces/editor/mixups';
import { TwilioAuthProvider } from './features/auth/twilioAuthProvider';
import { GRANTS_KEY } from './features/terminals/workspaceCredentials';
export { receiveSharedModules } from './platform/sharedModules';

/** SHA-256 in hex: how a secret is shown across the driver. */
export function fingerprint(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

const fp = (v: string | undefined) => (v === undefined ? undefined : fingerprint(v));

/** One row of the Accounts view as VS Code draws it, and the rows under it when expanded. */
export interface RowSnapshot {
  readonly kind: Node['kind'];
  readonly label: string;
  readonly description?: string;
  /** The tooltip's text (Markdown source for a rich tooltip). */
  readonly tooltip?: string;
  readonly contextValue?: string;
  readonly accountSid: string;
  /** Key rows: the key. */
  readonly keySid?: string;
  /** Subaccount rows: the subaccount. */
  readonly subaccountSid?: string;
  readonly children?: readonly RowSnapshot[];
}

export interface AccountSnapshot {
  readonly accountSid: string;
  readonly label: string;
  readonly auth: AuthKind;
  readonly apiKeySid?: string;
  readonly region?: string;
  readonly edge?: string;
  readonly friendlyName?: string;
  readonly parentAccountSid?: string;
  readonly storedKeySids: readonly string[];
  readonly authTokenState?: AuthTokenState;
  readonly pendingSecondarySince?: string;
  /** The key list as the tree and the commands see it: its state and the keys loaded so far. */
  readonly keys?: { readonly status: PagedState<ApiKey>['status']; readonly items: readonly Pick<ApiKey, 'sid' | 'friendlyName'>[] };
  /** Fingerprints of what SecretStorage holds for the account, read through its store. */
  readonly secrets: {
    /** What the extension authenticates with (the Auth Token, or the Main key's secret). */
    readonly credential?: string;
    readonly secondaryAuthToken?: string;
    /** Per key SID, the stored key secret (only keys with one stored). */
    readonly keys: Readonly<Record<string, string>>;
  };
}

export interface EnvFileSnapshot {
  readonly path: string;
  readonly label: string;
  readonly error?: string;
  /** Each assignment with its value's fingerprint. */
  readonly assignments: readonly { readonly name: string; readonly value: string; readonly line: number }[];
}

export interface TerminalsSnapshot {
  readonly choice?: { readonly accountSid: string; readonly keySid?: string };
  readonly applied: boolean;
  readonly grants: readonly { readonly accountSid: string; readonly keySid?: string }[];
  readonly persistent: boolean;
  readonly description?: string;
  /** The variables new terminals get, each with its value's fingerprint. */
  readonly variables: Readonly<Record<string, string>>;
}

/** A session of the `twilio` authentication provider, its access token as a fingerprint. */
export interface SessionSnapshot {
  readonly id: string;
  readonly scopes: readonly string[];
  readonly account: { readonly id: string; readonly label: string };
  readonly accessToken: string;
}

/**
 * SecretStorage as the driver's faults need it, handed over by activate() (the one place that hands
 * context.secrets to anyone): ids are those of src/services/secretStore.ts.
 */
export interface TestKeyring {
  read(id: string): Thenable<string | undefined>;
  write(id: string, value: string | undefined): Thenable<void>;
  /** Every write fails, as with a locked keyring, until the returned function is called. */
  lock(): () => void;
}

/** The features the driver reads from, besides the services. */
export interface DriverParts {
  readonly context: vscode.ExtensionContext;
  readonly accountsView: AccountsView;
  readonly terminals: TerminalsFeature;
  readonly detection: DetectionFeature;
  readonly mixups: MixupFeature;
  readonly auth: TwilioAuthProvider;
  readonly keyring: TestKeyring;
}

export interface TestDriver {
  /** Marks an argument object as the extension's own, as its tree rows and flows are (the consent seam). */
  ours<T extends object>(arg: T): T;
  /**
   * The Accounts view, `depth` levels of rows expanded as a user expands them (2: accounts and their
   * rows; 3: the subaccounts under the Subaccounts row; 4: their keys), once what an expanded row
   * loads has arrived (a subaccount is recorded when its keys are fetched, as when a user expands it).
   */
  tree(depth?: number): Promise<RowSnapshot[]>;
  /** The row a context-menu command gets when the user right-clicks it (rows are the extension's own). */
  row(find: (row: RowSnapshot) => boolean): Promise<unknown>;
  /** An account's key list as the tree and the commands share it, once loaded (`reload`: forgotten and loaded again, as Refresh does). */
  keys(accountSid: string, reload?: boolean): Promise<{ status: PagedState<ApiKey>['status'] | 'none'; items: ApiKey[] }>;
  /** Every connected account (subaccounts included), with fingerprints of its stored secrets. */
  accounts(): Promise<AccountSnapshot[]>;
  account(accountSid: string): Promise<AccountSnapshot | undefined>;
  /** The fingerprint of what SecretStorage itself holds under an id (secretId of src/services/secretStore.ts), read past the extension's stores. */
  storedSecret(id: string): Promise<string | undefined>;
  /** The fingerprint of the key secret SecretStorage holds for a key (through the account store), if any. */
  keySecret(accountSid: string, keySid: string): Promise<string | undefined>;
  /** The `.env` index, after reading the given files again (as the file watcher would). */
  envIndex(...reread: vscode.Uri[]): Promise<EnvFileSnapshot[]>;
  /** What new terminals of this workspace get. */
  terminals(): TerminalsSnapshot;
  /** No accounts, no stored secrets, no cached lists, no filter. */
  reset(): Promise<void>;
  /** SecretStorage refuses every write, as a locked keyring does, until the returned function is called. */
  lockSecretStorage(): () => void;
  /** Writes (or, with undefined, deletes) a secret straight to SecretStorage under an id, as another window of this extension does. */
  secretFromAnotherWindow(id: string, secret: string | undefined): Promise<void>;
  /** Whether the Accounts view is showing. */
  treeVisible(): boolean;
  /** Each command's argument fields by role (pre-fill or consent), as registered. */
  argumentRoles(): Record<string, { prefill: string[]; consent: string[] }>;
  /** The extension's global and workspace state (Memento), as JSON values. */
  storage(): { global: Record<string, unknown>; workspace: Record<string, unknown> };
  /** Hardcoded-secret findings of an open document (their fingerprints identify the value, never reveal it). */
  findings(document: vscode.TextDocument): Array<{ kind: string; line: number; fingerprint: string }>;
  /** The mix-up codes of an open document. */
  mixups(document: vscode.TextDocument): string[];
  /** The status bar's count of hardcoded secrets, and the command it runs. */
  statusBar(): { text: string; command?: string; problems: number };
  /** What a window reload does for terminals: the choice read back from workspace state, the secret from SecretStorage. */
  restoreTerminals(): Promise<void>;
  /** A launch grant as the user's "Allow for This Workspace" records it. */
  grantLaunch(accountSid: string, keySid?: string): Promise<void>;
  /** The `twilio` authentication provider, as VS Code calls it after the user's consent (VS Code shows no consent dialog in a test run). */
  readonly auth: {
    signIn(scopes: readonly string[]): Promise<SessionSnapshot>;
    sessions(scopes?: readonly string[]): Promise<SessionSnapshot[]>;
    signOut(id: string): Promise<void>;
    /** Calls `listener` with the ids of sessions that ended. */
    onDidEnd(listener: (ids: string[]) => void): vscode.Disposable;
    /** What the next window load lists: a second provider over the same storage (not registered: VS Code refuses an id twice). */
    sessionsAfterReload(): Promise<SessionSnapshot[]>;
  };
  /** The folders VS Code gave the extension (for the audit that searches them). */
  readonly paths: { readonly extension: string; readonly globalStorage: string; readonly log: string };
}

const text = (v: string | vscode.MarkdownString | vscode.TreeItemLabel | undefined): string | undefined =>
  v === undefined ? undefined : typeof v === 'string' ? v : 'value' in v ? v.value : v.label;

function sidsOf(node: Node): Pick<RowSnapshot, 'keySid' | 'subaccountSid'> {
  if (node.kind === 'key') return { keySid: node.key.sid };
  if (node.kind === 'subaccount') return { subaccountSid: node.info.sid };
  return {};
}

function session(x: vscode.AuthenticationSession): SessionSnapshot {
  return { id: x.id, scopes: [...x.scopes], account: { id: x.account.id, label: x.account.label }, accessToken: fingerprint(x.accessToken) };
}

function mementoJson(m: vscode.Memento): Record<string, unknown> {
  return Object.fromEntries([...m.keys()].sort().map((k) => [k, JSON.parse(JSON.stringify(m.get(k) ?? null)) as unknown]));
}

export function testDriver(s: Services, parts: DriverParts): TestDriver {
  const { context, accountsView: view, terminals, detection, mixups, auth } = parts;
  const tree = view.tree;
  /** Whether a row's children are shown: rows that expand, while fewer than `depth` levels are shown. */
  const expands = (node: Node, childLevel: number, depth: number) => childLevel < depth && (node.kind === 'account' || node.kind === 'subaccounts' || node.kind === 'subaccount');
  /** Waits for what expanding this row loads (a "Loading…" row is never the snapshot); a failure shows as the row it draws. */
  async function settled(node: Node | undefined): Promise<void> {
    if (node?.kind === 'account') {
      await s.keys.load(node.account.accountSid);
      // The Subaccounts row shows once the account's subaccount list has arrived.
      if (view.subaccounts.supports(node.account.accountSid)) await view.subaccounts.load(node.account.accountSid);
    }
    else if (node?.kind === 'subaccounts') await view.subaccounts.load(node.account.accountSid);
    else if (node?.kind === 'subaccount') await s.keys.loadSubaccount(node.parent.accountSid, node.info);
  }
  async function rows(parent: Node | undefined, level: number, depth: number): Promise<Array<{ node: Node; row: RowSnapshot }>> {
    const out: Array<{ node: Node; row: RowSnapshot }> = [];
    await settled(parent);
    for (const node of await tree.getChildren(parent)) {
      const item = tree.getTreeItem(node);
      const below = expands(node, level + 1, depth) ? await rows(node, level + 1, depth) : undefined;
      out.push({ node, row: { kind: node.kind, label: text(item.label) ?? '', description: typeof item.description === 'string' ? item.description : undefined, tooltip: text(item.tooltip), contextValue: item.contextValue, accountSid: node.account.accountSid, ...sidsOf(node), children: below?.map((b) => b.row) } });
    }
    return out;
  }
  async function find(parent: Node | undefined, match: (row: RowSnapshot) => boolean, level: number): Promise<Node | undefined> {
    for (const { node, row } of await rows(parent, level, level + 1)) {
      if (match(row)) return node;
      if (node.kind === 'account' || node.kind === 'subaccounts' || node.kind === 'subaccount') {
        const inner = await find(node, match, level + 1);
        if (inner) return inner;
      }
    }
    return undefined;
  }
  async function account(accountSid: string): Promise<AccountSnapshot | undefined> {
    const r = s.accounts.get(accountSid);
    if (!r) return undefined;
    const state = s.keys.state(accountSid);
    const keys: Record<string, string> = {};
    for (const sid of r.storedKeySids) {
      const v = fp(await s.accounts.getKeySecret(accountSid, sid));
      if (v) keys[sid] = v;
    }
    const creds = await s.accounts.credentials(accountSid);
    const credential = creds && (creds.auth.kind === 'authToken' ? creds.auth.authToken : creds.auth.keySecret);
    return {
      accountSid, label: r.label, auth: r.auth, apiKeySid: r.apiKeySid, region: r.region, edge: r.edge, friendlyName: r.friendlyName, parentAccountSid: r.parentAccountSid,
      storedKeySids: [...r.storedKeySids], authTokenState: s.accounts.authTokenState(accountSid), pendingSecondarySince: s.accounts.pendingSecondarySince(accountSid),
      keys: state && { status: state.status, items: s.keys.items(accountSid).map((k) => ({ sid: k.sid, friendlyName: k.friendlyName })) },
      secrets: { credential: fp(credential), secondaryAuthToken: fp(await s.accounts.getSecondaryAuthToken(accountSid)), keys },
    };
  }
  return {
    ours,
    tree: async (depth = 2) => (await rows(undefined, 0, depth)).map((r) => r.row),
    row: (match) => find(undefined, match, 0),
    accounts: async () => (await Promise.all(s.accounts.list().map((a) => account(a.accountSid)))).filter((a): a is AccountSnapshot => !!a),
    account,
    async keys(accountSid, reload = false) {
      if (reload) s.keys.forget(accountSid);
      await s.keys.load(accountSid);
      return { status: s.keys.state(accountSid)?.status ?? 'none', items: s.keys.items(accountSid).map((k) => ({ ...k })) };
    },
    storedSecret: async (id) => fp(await parts.keyring.read(id)),
    keySecret: async (accountSid, keySid) => fp(await s.accounts.getKeySecret(accountSid, keySid)),
    async envIndex(...reread) {
      for (const uri of reread) await s.envIndex.refresh(uri);
      return s.envIndex.all().map((f) => ({ path: f.uri.fsPath, label: f.label, error: f.error, assignments: f.assignments.map((a) => ({ name: a.name, value: fingerprint(a.value), line: a.line })) }));
    },
    terminals() {
      const c = terminals.credentials;
      const env = context.environmentVariableCollection;
      const variables: Record<string, string> = {};
      env.forEach((name, m) => (variables[name] = fingerprint(m.value)));
      const strip = (g: { accountSid: string; keySid?: string }) => ({ accountSid: g.accountSid, keySid: g.keySid });
      return { choice: c.choice && strip(c.choice), applied: c.applied, grants: c.grants.map(strip), persistent: env.persistent, description: text(env.description), variables };
    },
    async reset() {
      for (const a of s.accounts.list()) await s.accounts.disconnect(a.accountSid);
      s.keys.forget();
      view.subaccounts.forget();
      tree.setFilter('');
    },
    lockSecretStorage: () => parts.keyring.lock(),
    async secretFromAnotherWindow(id, secret) {
      await parts.keyring.write(id, secret);
    },
    treeVisible: () => tree.view.visible,
    argumentRoles() {
      const out: Record<string, { prefill: string[]; consent: string[] }> = {};
      for (const [id, roles] of commandArgumentRoles()) {
        const entries = Object.entries(roles);
        out[id] = { prefill: entries.filter(([, r]) => r === 'prefill').map(([f]) => f), consent: entries.filter(([, r]) => r === 'consent').map(([f]) => f) };
      }
      return out;
    },
    storage: () => ({ global: mementoJson(context.globalState), workspace: mementoJson(context.workspaceState) }),
    findings: (document) => detection.scanner.findingsFor(document).map((f) => ({ kind: f.kind, line: f.range.startLine, fingerprint: f.fingerprint })),
    mixups: (document) => mixups.mixupsFor(document).map((m) => m.code),
    statusBar: () => ({ text: detection.statusBar.item.text, command: typeof detection.statusBar.item.command === 'string' ? detection.statusBar.item.command : detection.statusBar.item.command?.command, problems: detection.diagnostics.count() }),
    restoreTerminals: () => terminals.credentials.restore(),
    async grantLaunch(accountSid, keySid) {
      const grants = context.workspaceState.get<unknown[]>(GRANTS_KEY) ?? [];
      await context.workspaceState.update(GRANTS_KEY, [...grants, keySid ? { accountSid, keySid } : { accountSid }]);
    },
    auth: {
      signIn: async (scopes) => session(await auth.createSession(scopes)),
      sessions: async (scopes) => (await auth.getSessions(scopes)).map(session),
      signOut: (id) => auth.removeSession(id),
      onDidEnd: (listener) => auth.onDidChangeSessions((e) => listener((e.removed ?? []).map((x) => x.id))),
      async sessionsAfterReload() {
        const next = Object.assign(Object.create(TwilioAuthProvider.prototype) as object, {
          s, sessionState: context.globalState, known: new Map(), queue: Promise.resolve(), changed: new vscode.EventEmitter(),
        }) as unknown as TwilioAuthProvider;
        return (await next.getSessions()).map(session);
      },
    },
    paths: { extension: context.extensionPath, globalStorage: context.globalStorageUri.fsPath, log: context.logUri.fsPath },
  };
}
