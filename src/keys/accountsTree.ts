import * as vscode from 'vscode';
import type { AccountStore } from '../accounts/accountStore';
import type { KeyCache } from './keyCache';
import type { EnvIndex } from '../dotenv/envIndex';
import { accountItem, keyItem, loadMoreItem, messageItem, Node } from './treeItems';

/**
 * The `twilioCredentials.accounts` view: connected accounts and, under each, its API keys,
 * a page at a time. Context keys drive the welcome views and title actions.
 */
export class AccountsTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<Node>;
  private filterText = '';
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly accounts: AccountStore,
    private readonly keys: KeyCache,
    private readonly envIndex: EnvIndex,
  ) {
    this.view = vscode.window.createTreeView('twilioCredentials.accounts', {
      treeDataProvider: this,
      showCollapseAll: true,
    });
    this.disposables.push(
      this.view,
      this.changed,
      accounts.onDidChange(() => this.refreshView()),
      keys.onDidChange(() => this.refreshView()),
      envIndex.onDidChange(() => this.refreshView()),
    );
    this.updateContext();
  }

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
    this.refreshView();
  }

  private refreshView(): void {
    this.updateContext();
    this.changed.fire(undefined);
  }

  private updateContext(): void {
    const list = this.accounts.list();
    void vscode.commands.executeCommand('setContext', 'twilioCredentials.hasAccounts', list.length > 0);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'account': {
        const s = this.keys.state(node.account.accountSid);
        return accountItem(
          node.account,
          s?.status === 'error' || s?.status === 'noCredentials',
          s?.status === 'loaded' ? { count: s.keys.length, more: s.page.hasMore } : undefined,
        );
      }
      case 'key':
        return keyItem(node.account, node.key, {
          secretStored: node.account.storedKeySids.includes(node.key.sid) || (node.account.auth === 'apiKey' && node.account.apiKeySid === node.key.sid),
          usedByExtension: node.account.auth === 'apiKey' && node.account.apiKeySid === node.key.sid,
          envReferences: this.envIndex.filesReferencing(node.key.sid),
        });
      case 'loadMore':
        return loadMoreItem(node.account.accountSid, node.loading, node.shown);
      case 'message':
        return messageItem(node);
    }
  }

  getParent(node: Node): Node | undefined {
    return node.kind === 'account' ? undefined : { kind: 'account', account: node.account };
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) return this.accounts.list().sort((a, b) => a.label.localeCompare(b.label)).map((account) => ({ kind: 'account', account }));
    if (node.kind !== 'account') return [];
    const account = node.account;
    let state = this.keys.state(account.accountSid);
    if (!state) {
      void this.keys.load(account.accountSid);
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
            contextValue: 'message.credentials',
            action: { command: 'twilioCredentials.updateCredentials', title: vscode.l10n.t('Update Credentials'), arguments: [{ accountSid: account.accountSid }] },
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
            contextValue: credentialProblem ? 'message.credentials' : 'message.retry',
            action: credentialProblem
              ? { command: 'twilioCredentials.updateCredentials', title: vscode.l10n.t('Update Credentials'), arguments: [{ accountSid: account.accountSid }] }
              : { command: 'twilioCredentials.refresh', title: vscode.l10n.t('Retry'), arguments: [{ accountSid: account.accountSid }] },
          },
        ];
      }
      case 'loaded': {
        const f = this.filterText.toLowerCase();
        const keys = f ? state.keys.filter((k) => k.sid.toLowerCase().includes(f) || k.friendlyName.toLowerCase().includes(f)) : state.keys;
        const nodes: Node[] = keys.map((key) => ({ kind: 'key', account, key }));
        if (!state.keys.length) nodes.push({ kind: 'message', account, message: vscode.l10n.t('No API keys yet'), detail: vscode.l10n.t('Create one'), icon: 'info', action: { command: 'twilioCredentials.createKey', title: vscode.l10n.t('Create API Key'), arguments: [{ accountSid: account.accountSid }] } });
        else if (f && !keys.length) nodes.push({ kind: 'message', account, message: vscode.l10n.t('No loaded key matches "{0}"', this.filterText), icon: 'filter' });
        if (state.page.hasMore) nodes.push({ kind: 'loadMore', account, loading: state.loadingMore, shown: state.keys.length });
        return nodes;
      }
    }
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
