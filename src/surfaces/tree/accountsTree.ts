import * as vscode from 'vscode';
import type { AccountStore } from '../../services/accountStore';
import type { KeyCache } from '../../services/keyCache';
import type { EnvIndex } from '../../workspace/dotenv/envIndex';
import type { SubaccountCache } from '../../services/subaccountCache';
import { accountItem, grantItem, keyItem, loadMoreItem, messageItem, subaccountItem, subaccountsItem, Node } from './treeItems';
import { affectsSettings, rotationHintDays } from '../../platform/config';
import { Disposable } from '../../core/util/disposable';
import { Command } from '../../core/util/commandIds';
import { ours, ourUiArgs } from '../../platform/callers';
import { Row } from '../../core/util/treeRows';
import { ACCOUNTS_VIEW } from './manifest';
import { holdsKeySecret, signsInWith, subaccountRecord, type AccountRecord } from '../../services/model';
import type { TreeSection } from './treeSection';
import { isFunctionsNode } from './functionsNodes';
import type { FunctionsGroup } from './functionsGroup';

/** How long changes are gathered into one tree refresh: below what a user notices. */
const REFRESH_COALESCE_MS = 50;

/**
 * The `twilioCredentials.accounts` view: connected accounts and, under each, its API keys,
 * a page at a time. Context keys drive the welcome views and title actions.
 */
export class AccountsTree extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<Node>;
  private filterText = '';
  private pendingRefresh: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly accounts: AccountStore,
    private readonly keys: KeyCache,
    private readonly envIndex: EnvIndex,
    private readonly subaccounts: SubaccountCache,
  ) {
    super();
    this.view = vscode.window.createTreeView(ACCOUNTS_VIEW, {
      treeDataProvider: this,
      showCollapseAll: true,
    });
    this.own(
      this.view,
      this.changed,
      accounts.onDidChange(() => {
        this.subaccounts.prune(new Set(this.accounts.list().map((a) => a.accountSid)));
        this.updateContext();
        this.refreshView();
      }),
      keys.onDidChange(() => this.refreshView()),
      subaccounts.onDidChange(() => this.refreshView()),
      envIndex.onDidChange(() => this.refreshView()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsSettings(e, 'keys.rotationHintDays')) this.refreshView();
      }),
    );
    this.updateContext();
  }

  /** What this workspace's terminals use ("Use Key in Terminals"), shown on its row. */
  showTerminalChoice(current: () => { accountSid: string; keySid?: string } | undefined, onDidChange: vscode.Event<void>): void {
    this.terminalChoice = current;
    this.own(onDidChange(() => this.refreshView()));
    this.refreshView();
  }

  private terminalChoice: () => { accountSid: string; keySid?: string } | undefined = () => undefined;

  /** Parts of the tree other modules draw (the account's other credentials), as groups after its keys. */
  addSection(section: TreeSection): void {
    this.sections.push(section);
    this.own(section.onDidChange(() => this.refreshView()));
    this.refreshView();
  }

  private readonly sections: TreeSection[] = [];

  private sectionOf(node: Node): TreeSection | undefined {
    return this.sections.find((s) => s.owns(node));
  }

  /** Forgets what the sections loaded (Refresh on an account, or everything). */
  forgetSections(accountSid?: string): void {
    for (const s of this.sections) s.forget(accountSid);
  }

  /** Each account's Twilio Functions, as a group after its keys. */
  showFunctions(section: FunctionsGroup): void {
    this.functions = section;
    this.own(
      section,
      section.onDidChange(() => this.refreshView()),
      this.view.onDidCollapseElement((e) => {
        if (isFunctionsNode(e.element)) section.collapsed(e.element);
      }),
    );
    this.refreshView();
  }

  private functions: FunctionsGroup | undefined;

  /** The launch grants of this workspace, each shown under its account with a way to withdraw it. */
  showLaunchGrants(current: () => Array<{ accountSid: string; keySid?: string }>, onDidChange: vscode.Event<void>): void {
    this.launchGrants = current;
    this.own(onDidChange(() => this.refreshView()));
    this.refreshView();
  }

  private launchGrants: () => Array<{ accountSid: string; keySid?: string }> = () => [];

  get filter(): string {
    return this.filterText;
  }

  setFilter(text: string): void {
    this.filterText = text.trim();
    this.view.description = this.filterText ? vscode.l10n.t('Filter: {0}', this.filterText) : undefined;
    void vscode.commands.executeCommand('setContext', 'twilioCredentials.filtered', !!this.filterText);
    this.refreshView();
  }

  /** Reloads every account's keys from Twilio. */
  refresh(): void {
    this.keys.forget();
    this.subaccounts.forget();
    this.forgetSections();
    this.functions?.forget();
    this.refreshView();
  }

  /**
   * Changes come in bursts (creating a key touches the key cache, the account record and the
   * stored-secret flag in turn): one refresh per burst. Each refresh makes VS Code resolve the
   * tree's elements again, and a context-menu command that lands meanwhile gets no element.
   */
  private refreshView(): void {
    if (this.pendingRefresh) return;
    this.pendingRefresh = setTimeout(() => {
      this.pendingRefresh = undefined;
      this.changed.fire(undefined);
    }, REFRESH_COALESCE_MS);
  }

  /** `twilioCredentials.hasAccounts` (welcome view, title actions): only account changes move it. */
  private updateContext(): void {
    const list = this.accounts.roots();
    void vscode.commands.executeCommand('setContext', 'twilioCredentials.hasAccounts', list.length > 0);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (isFunctionsNode(node)) return this.functions!.treeItem(node);
    const section = this.sectionOf(node);
    if (section) return section.treeItem(node);
    switch (node.kind) {
      case 'account': {
        const s = this.keys.state(node.account.accountSid);
        return accountItem(
          node.account,
          s?.status === 'error' || s?.status === 'noCredentials',
          s?.status === 'loaded' ? { count: s.items.length, more: s.page.hasMore } : undefined,
          isTerminalChoice(this.terminalChoice(), node.account.accountSid, undefined),
        );
      }
      case 'key':
        return keyItem(node.account, node.key, {
          secretStored: holdsKeySecret(node.account, node.key.sid),
          usedByExtension: signsInWith(node.account, node.key.sid),
          envReferences: this.envIndex.filesReferencing(node.key.sid),
          usedInTerminals: isTerminalChoice(this.terminalChoice(), node.account.accountSid, node.key.sid),
          rotationHintDays: rotationHintDays(),
        });
      case 'loadMore':
        return loadMoreItem(node.account.accountSid, node.loading, node.shown, node.subaccounts);
      case 'subaccounts': {
        const s = this.subaccounts.state(node.account.accountSid);
        return subaccountsItem(node.account, s?.status === 'loaded' ? { count: s.items.length, more: s.page.hasMore } : undefined);
      }
      case 'subaccount':
        return subaccountItem(node.info, node.parent);
      case 'message':
        return messageItem(node);
      case 'grant':
        return grantItem(node.account, node.grant, node.grant.keySid ? this.keys.find(node.account.accountSid, node.grant.keySid)?.friendlyName : undefined);
      default:
        return new vscode.TreeItem(node.kind);
    }
  }

  getParent(node: Node): Node | undefined {
    if (node.kind === 'account') return undefined;
    const inFunctions = isFunctionsNode(node) ? this.functions?.parentOf(node) : undefined;
    if (inFunctions) return inFunctions;
    const inSection = this.sectionOf(node)?.parentOf(node);
    if (inSection) return inSection;
    if (node.kind === 'subaccount') return { kind: 'subaccounts', account: node.parent };
    const parentSid = node.account.parentAccountSid;
    const parent = parentSid ? this.accounts.get(parentSid) : undefined;
    if (parent && node.kind !== 'subaccounts') {
      const s = this.subaccounts.state(parent.accountSid);
      const info = s?.status === 'loaded' ? s.items.find((a) => a.sid === node.account.accountSid) : undefined;
      if (info) return { kind: 'subaccount', account: node.account, parent, info };
    }
    return { kind: 'account', account: node.account };
  }

  /**
   * The rows under a row. Each is marked as this extension's own (src/platform/callers.ts): a
   * command run from its menu may skip the pickers it answers. A copy made elsewhere is not one.
   */
  async getChildren(node?: Node): Promise<Node[]> {
    return (await this.children(node)).map(ours);
  }

  private async children(node?: Node): Promise<Node[]> {
    if (!node) return this.accounts.roots().sort((a, b) => a.label.localeCompare(b.label)).map((account) => ({ kind: 'account', account }));
    if (isFunctionsNode(node)) return this.functions?.children(node) ?? [];
    const section = this.sectionOf(node);
    if (section) return section.children(node);
    if (node.kind === 'subaccounts') return this.subaccountChildren(node.account);
    if (node.kind === 'subaccount') {
      // Drawing writes nothing: the subaccount is recorded when its keys are fetched.
      const account = this.accounts.get(node.info.sid) ?? node.account;
      return [...(await this.keyChildren(account, () => this.keys.loadSubaccount(node.parent.accountSid, node.info))), ...this.functionsGroup(account), ...this.sectionGroups(account)];
    }
    if (node.kind !== 'account') return [];
    const nodes = [...(await this.keyChildren(node.account)), ...this.functionsGroup(node.account), ...this.sectionGroups(node.account)];
    // A rotation under way: a secondary left unpromoted (promote or delete it from here), or a
    // promotion of unknown outcome (both tokens stored; Check Auth Token settles it).
    const token = this.accounts.authTokenState(node.account.accountSid);
    if (token?.kind === 'secondaryWaiting') {
      nodes.unshift({
        kind: 'message',
        account: node.account,
        message: vscode.l10n.t('Secondary Auth Token waiting for promotion'),
        detail: vscode.l10n.t('created {0}', new Date(token.since).toLocaleString()),
        icon: 'history',
        contextValue: Row.secondaryAuthToken,
      });
    } else if (token?.kind === 'unknown') {
      nodes.unshift({
        kind: 'message',
        account: node.account,
        message: vscode.l10n.t('Auth Token not known yet: promoted or not?'),
        detail: vscode.l10n.t('since {0}; both tokens are stored. Check Auth Token asks Twilio which one works', new Date(token.since).toLocaleString()),
        icon: 'question',
        contextValue: Row.authTokenUnknown,
        action: { command: Command.checkAuthToken, title: vscode.l10n.t('Check Auth Token'), arguments: [{ accountSid: node.account.accountSid }] },
      });
    }
    // Launch grants: what launch configurations of this workspace may name, withdrawn from here.
    const grants = this.launchGrants().filter((g) => g.accountSid === node.account.accountSid);
    nodes.unshift(...grants.map((grant): Node => ({ kind: 'grant', account: node.account, grant })));
    // Subaccounts first, as a collapsed group, when the account has any.
    if (this.subaccounts.supports(node.account.accountSid)) {
      const s = this.subaccounts.state(node.account.accountSid);
      if (!s) void this.subaccounts.load(node.account.accountSid);
      else if (s.status === 'loaded' && s.items.length) nodes.unshift({ kind: 'subaccounts', account: node.account });
    }
    return nodes;
  }

  private subaccountChildren(parent: AccountRecord): Node[] {
    const s = this.subaccounts.state(parent.accountSid);
    if (!s || s.status === 'loading') return [{ kind: 'message', account: parent, message: vscode.l10n.t('Loading subaccounts…'), icon: 'loading~spin' }];
    if (s.status === 'error') return [{ kind: 'message', account: parent, message: s.error.message, icon: 'error' }];
    if (s.status === 'noCredentials') return [];
    const nodes: Node[] = s.items.map((info) => ({
      kind: 'subaccount',
      parent,
      info,
      // Recorded once its keys are fetched (KeyCache.loadSubaccount); until then, what it would be.
      account: this.accounts.get(info.sid) ?? subaccountRecord(parent, info, ''),
    }));
    if (s.page.hasMore) nodes.push({ kind: 'loadMore', account: parent, loading: s.loadingMore, shown: s.items.length, subaccounts: true });
    return nodes;
  }

  /** The sections' group rows under an account (collapsed: nothing loads until one is expanded). */
  private sectionGroups(account: AccountRecord): Node[] {
    return this.sections.flatMap((s) => s.groups(account));
  }

  /** The account's Functions group, when the tree shows Functions (collapsed: nothing loads until it is expanded). */
  private functionsGroup(account: AccountRecord): Node[] {
    return this.functions ? [this.functions.group(account)] : [];
  }

  /** The keys of an account; the first call starts fetching them with `load`. */
  private async keyChildren(account: AccountRecord, load = () => this.keys.load(account.accountSid)): Promise<Node[]> {
    let state = this.keys.state(account.accountSid);
    if (!state) {
      void load();
      state = this.keys.state(account.accountSid);
    }
    switch (state?.status) {
      case undefined:
      case 'loading':
        return [{ kind: 'message', account, message: vscode.l10n.t('Loading keys…'), icon: 'loading~spin' }];
      case 'noCredentials':
        return [
          {
            kind: 'message',
            account,
            message: vscode.l10n.t('No stored credentials for this account'),
            detail: vscode.l10n.t('Update credentials'),
            icon: 'error',
            contextValue: Row.credentials,
            action: { command: Command.updateCredentials, title: vscode.l10n.t('Update Credentials'), arguments: [ourUiArgs({ accountSid: account.accountSid })] },
          },
        ];
      case 'error': {
        const e = state.error;
        const credentialProblem = e.kind === 'authentication' || e.kind === 'standardKeyCannotManage';
        return [
          {
            kind: 'message',
            account,
            message: e.message,
            detail: credentialProblem ? vscode.l10n.t('Update credentials') : vscode.l10n.t('Retry'),
            icon: e.kind === 'offline' || e.kind === 'timeout' ? 'debug-disconnect' : 'error',
            contextValue: credentialProblem ? Row.credentials : Row.retry,
            action: credentialProblem
              ? { command: Command.updateCredentials, title: vscode.l10n.t('Update Credentials'), arguments: [ourUiArgs({ accountSid: account.accountSid })] }
              : { command: Command.refresh, title: vscode.l10n.t('Retry'), arguments: [ourUiArgs({ accountSid: account.accountSid })] },
          },
        ];
      }
      case 'loaded': {
        const f = this.filterText.toLowerCase();
        const keys = f ? state.items.filter((k) => k.sid.toLowerCase().includes(f) || k.friendlyName.toLowerCase().includes(f)) : state.items;
        const nodes: Node[] = keys.map((key) => ({ kind: 'key', account, key }));
        if (!state.items.length) nodes.push({ kind: 'message', account, message: vscode.l10n.t('No API keys yet'), detail: vscode.l10n.t('Create one'), icon: 'info', action: { command: Command.createKey, title: vscode.l10n.t('Create API Key'), arguments: [ourUiArgs({ accountSid: account.accountSid })] } });
        else if (f && !keys.length) nodes.push({ kind: 'message', account, message: vscode.l10n.t('No loaded key matches "{0}"', this.filterText), icon: 'filter' });
        if (state.page.hasMore) nodes.push({ kind: 'loadMore', account, loading: state.loadingMore, shown: state.items.length });
        return nodes;
      }
    }
  }

  override dispose(): void {
    clearTimeout(this.pendingRefresh);
    super.dispose();
  }
}

function isTerminalChoice(choice: { accountSid: string; keySid?: string } | undefined, accountSid: string, keySid: string | undefined): boolean {
  return !!choice && choice.accountSid === accountSid && choice.keySid === keySid;
}
