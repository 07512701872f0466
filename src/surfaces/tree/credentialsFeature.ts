import * as vscode from 'vscode';
import type * as Bundle from './credentialsBundle';
import type { Services } from '../../services/services';
import type { AccountRecord } from '../../services/model';
import { loadLazyBundle } from '../../platform/lazyBundle';
import { ourUiArgs } from '../../platform/callers';
import { Disposable } from '../../core/util/disposable';
import { registerCredentials } from '../../features/credentials/register';
import { registerReport } from '../../features/report/register';
import type { ReportSources } from '../../features/report/collectReport';
import type { TreeSection } from './treeSection';
import type { Node } from './treeItems';
import { credentialGroupItem, groupOf, isCredentialNode, type CredentialNode } from './credentialNodes';

type Runtime = Bundle.CredentialsRuntime;

/**
 * The credentials an account keeps besides its keys (issue 20): two groups under each account in
 * the tree, their commands and the credential report. The groups' rows and the command flows live
 * in dist/credentials.js, loaded the first time a group is expanded or a command runs.
 */
export class CredentialsFeature extends Disposable implements TreeSection<CredentialNode> {
  private runtime: Runtime | undefined;
  private readonly changed = this.own(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly s: Services,
    sources: Omit<ReportSources, 'functions'> & Partial<Pick<ReportSources, 'functions'>>,
  ) {
    super();
    // The features' commands (their tables: features/credentials and features/report), run by this bundle's flows.
    for (const registration of [...registerCredentials(s.log, () => this.rt()), ...registerReport(s.log, () => this.rt().credentialReport(sources))]) this.own(registration);
    this.own(s.accounts.onDidChange(() => this.runtime?.lists.prune(new Set(s.accounts.list().map((a) => a.accountSid)))));
  }

  /** dist/credentials.js, loaded and started once. */
  private rt(): Runtime {
    if (!this.runtime) {
      const runtime = loadLazyBundle<typeof Bundle>('credentials').createRuntime(this.s, ourUiArgs);
      this.own(runtime, runtime.lists.accountCredentials.onDidChange(() => this.changed.fire()), runtime.lists.push.onDidChange(() => this.changed.fire()));
      this.runtime = runtime;
    }
    return this.runtime;
  }

  owns(node: Node): node is CredentialNode {
    return isCredentialNode(node);
  }

  /** None for a subaccount managed with its parent's token: these APIs need its own credentials. */
  groups(account: AccountRecord): CredentialNode[] {
    if (account.parentAccountSid) return [];
    return [
      { kind: 'credentialGroup', account, group: 'account' },
      { kind: 'credentialGroup', account, group: 'push' },
    ];
  }

  treeItem(node: CredentialNode): vscode.TreeItem {
    if (node.kind === 'credentialGroup') return credentialGroupItem(node, this.runtime?.view.description(node.account, node.group));
    return this.rt().view.treeItem(node);
  }

  children(node: CredentialNode): CredentialNode[] {
    return this.rt().view.children(node);
  }

  parentOf(node: CredentialNode): Node | undefined {
    return node.kind === 'credentialGroup' ? undefined : { kind: 'credentialGroup', account: node.account, group: groupOf(node) };
  }

  forget(accountSid?: string): void {
    this.runtime?.lists.forget(accountSid);
  }
}
