import * as vscode from 'vscode';
import type { AccountCredential, PushCredential } from '../../core/twilio/types';
import type { AccountRecord } from '../../services/model';
import { Row } from '../../core/util/treeRows';

/**
 * The two groups each account gets for the credentials it keeps besides its keys (issue 20):
 * `account` = its public keys and AWS credentials (Accounts v1), `push` = its push credentials.
 */
export type CredentialGroup = 'account' | 'push';

/** The rows of those groups. `contextValue`s (credentialRows.ts) drive the menus in package.json. */
export type CredentialNode =
  | { kind: 'credentialGroup'; account: AccountRecord; group: CredentialGroup }
  | { kind: 'accountCredential'; account: AccountRecord; credential: AccountCredential }
  | { kind: 'pushCredential'; account: AccountRecord; credential: PushCredential }
  | {
      kind: 'credentialMessage';
      account: AccountRecord;
      group: CredentialGroup;
      message: string;
      detail?: string;
      icon: string;
      tooltip?: string;
      action?: vscode.Command;
      /** Rows with actions in the menus: credentials missing or refused, or retry. */
      contextValue?: typeof Row.credentials | typeof Row.retry;
    };

const KINDS = new Set(['credentialGroup', 'accountCredential', 'pushCredential', 'credentialMessage']);

export function isCredentialNode(node: { kind: string }): node is CredentialNode {
  return KINDS.has(node.kind);
}

/** The group a row sits in. */
export function groupOf(node: CredentialNode): CredentialGroup {
  switch (node.kind) {
    case 'accountCredential':
      return 'account';
    case 'pushCredential':
      return 'push';
    default:
      return node.group;
  }
}

/** A group row (in the activation bundle: drawn before anything is loaded). */
export function credentialGroupItem(node: Extract<CredentialNode, { kind: 'credentialGroup' }>, description: string | undefined): vscode.TreeItem {
  const push = node.group === 'push';
  const item = new vscode.TreeItem(push ? vscode.l10n.t('Push credentials') : vscode.l10n.t('Account credentials'), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `credentialGroup:${node.group}:${node.account.accountSid}`;
  item.description = description;
  item.iconPath = new vscode.ThemeIcon(push ? 'bell' : 'workspace-trusted');
  item.contextValue = push ? Row.pushCredentialsGroup : Row.accountCredentialsGroup;
  item.tooltip = push
    ? vscode.l10n.t('Push credentials of "{0}" (Conversations): Apple, Firebase and GCM credentials its services send notifications with.', node.account.label)
    : vscode.l10n.t('Public keys (Public Key Client Validation) and AWS credentials (recordings and media written to S3) of "{0}".', node.account.label);
  return item;
}
