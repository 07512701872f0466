import * as vscode from 'vscode';
import type * as Bundle from './credentialsBundle';
import type { Services } from '../../services/services';
import type { AccountRecord } from '../../services/model';
import { registerCommand } from '../../platform/commands';
import { loadLazyBundle } from '../../platform/lazyBundle';
import { Disposable } from '../../core/util/disposable';
import { Command } from '../../core/util/commandIds';
import { argsOf, field, noArgs, type ArgParser, type Fields } from '../../core/util/commandArgs';
import type { ReportSources } from '../../features/report/collectReport';
import type { TreeSection } from './treeSection';
import type { Node } from './treeItems';
import { groupOf, isCredentialNode, type CredentialNode } from './credentialNodes';

type Runtime = Bundle.CredentialsRuntime;

/** The credential a command acts on: a credential row, or `{ accountSid, sid }` (missing parts are asked for). */
export interface CredentialArgs {
  accountSid?: string;
  sid?: string;
  friendlyName?: string;
}

/** A credential row gives its account and SID; anything else is parsed as an argument object. */
function credentialArgs(fields: Fields<CredentialArgs>): ArgParser<CredentialArgs> {
  const parse = argsOf<CredentialArgs>(fields);
  return (arg) => {
    const row = arg as Partial<CredentialNode> | undefined;
    if (row && (row.kind === 'accountCredential' || row.kind === 'pushCredential') && typeof row.credential?.sid === 'string' && typeof row.account?.accountSid === 'string') {
      return { accountSid: row.account.accountSid, sid: row.credential.sid };
    }
    return parse(arg);
  };
}

const refArgs = credentialArgs({ accountSid: field.string, sid: field.string, friendlyName: field.string });
const addArgs = argsOf<{ accountSid?: string; friendlyName?: string }>({ accountSid: field.string, friendlyName: field.string });

function groupItem(node: Extract<CredentialNode, { kind: 'credentialGroup' }>, description: string | undefined): vscode.TreeItem {
  const push = node.group === 'push';
  const item = new vscode.TreeItem(push ? vscode.l10n.t('Push credentials') : vscode.l10n.t('Account credentials'), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `credentialGroup:${node.group}:${node.account.accountSid}`;
  item.description = description;
  item.iconPath = new vscode.ThemeIcon(push ? 'bell' : 'workspace-trusted');
  item.contextValue = `credentialGroup.${node.group}`;
  item.tooltip = push
    ? vscode.l10n.t('Push credentials of "{0}" (Conversations): Apple, Firebase and GCM credentials its services send notifications with.', node.account.label)
    : vscode.l10n.t('Public keys (Public Key Client Validation) and AWS credentials (recordings and media written to S3) of "{0}".', node.account.label);
  return item;
}

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
    const reg = <T>(id: Parameters<typeof registerCommand>[1], parse: ArgParser<T>, handler: (arg: T) => unknown) => this.own(registerCommand(s.log, id, parse, handler));
    reg(Command.addPublicKey, addArgs, (args) => this.rt().addPublicKey(args));
    reg(Command.renameAccountCredential, refArgs, (args) => this.rt().renameAccountCredential(args));
    reg(Command.deleteAccountCredential, refArgs, ({ accountSid, sid }) => this.rt().deleteAccountCredential({ accountSid, sid }));
    reg(Command.replaceFcmSecret, refArgs, ({ accountSid, sid }) => this.rt().replaceFcmSecret({ accountSid, sid }));
    reg(Command.deletePushCredential, refArgs, ({ accountSid, sid }) => this.rt().deletePushCredential({ accountSid, sid }));
    reg(Command.credentialReport, noArgs, () => this.rt().credentialReport(sources));
    this.own(s.accounts.onDidChange(() => this.runtime?.lists.prune(new Set(s.accounts.list().map((a) => a.accountSid)))));
  }

  /** dist/credentials.js, loaded and started once. */
  private rt(): Runtime {
    if (!this.runtime) {
      const runtime = loadLazyBundle<typeof Bundle>('credentials').createRuntime(this.s);
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
    if (node.kind === 'credentialGroup') return groupItem(node, this.runtime?.view.description(node.account, node.group));
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
