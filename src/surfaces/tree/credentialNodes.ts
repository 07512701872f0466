import type * as vscode from 'vscode';
import type { AccountCredential, PushCredential } from '../../core/twilio/types';
import type { AccountRecord } from '../../services/model';

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
      contextValue?: string;
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
