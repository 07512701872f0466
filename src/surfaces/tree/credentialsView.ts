// What the "Account credentials" and "Push credentials" groups list, from CredentialLists: the
// rows, and the rows for loading, errors and nothing. Part of dist/credentials.js.
import * as vscode from 'vscode';
import type { CredentialLists } from '../../services/credentialLists';
import type { PagedCache } from '../../services/pagedCache';
import type { AccountRecord } from '../../services/model';
import type { TwilioApiError } from '../../core/twilio/errors';
import { Command } from '../../core/util/commandIds';
import { rotationHintDays } from '../../platform/config';
import type { CredentialGroup, CredentialNode } from './credentialNodes';
import { accountCredentialItem, credentialMessageItem, groupDescription, pushCredentialItem, retryAction, type UiArgs } from './credentialRows';
import { Row } from '../../core/util/treeRows';

type Message = Extract<CredentialNode, { kind: 'credentialMessage' }>;

export class CredentialsView {
  constructor(
    readonly lists: CredentialLists,
    private readonly uiArgs: UiArgs,
  ) {}

  private cache(group: CredentialGroup): PagedCache<{ sid: string }> {
    return group === 'account' ? this.lists.accountCredentials : this.lists.push;
  }

  /** The group row's description once its list is loaded. */
  description(account: AccountRecord, group: CredentialGroup): string | undefined {
    const s = this.cache(group).state(account.accountSid);
    return s?.status === 'loaded' ? groupDescription(group, s.items as never) : undefined;
  }

  treeItem(node: CredentialNode): vscode.TreeItem {
    switch (node.kind) {
      case 'accountCredential':
        return accountCredentialItem(node, rotationHintDays());
      case 'pushCredential':
        return pushCredentialItem(node);
      case 'credentialMessage':
        return credentialMessageItem(node);
      default:
        return new vscode.TreeItem(node.kind);
    }
  }

  /** A group's rows; the first look starts loading its list. */
  children(node: CredentialNode): CredentialNode[] {
    if (node.kind !== 'credentialGroup') return [];
    const { account, group } = node;
    const cache = this.cache(group);
    let state = cache.state(account.accountSid);
    if (!state) {
      void cache.load(account.accountSid);
      state = cache.state(account.accountSid);
    }
    const message = (text: string, icon: string, extra: Partial<Message> = {}): Message => ({ kind: 'credentialMessage', account, group, message: text, icon, ...extra });
    switch (state?.status) {
      case undefined:
      case 'loading':
        return [message(group === 'account' ? vscode.l10n.t('Loading public keys and AWS credentials…') : vscode.l10n.t('Loading push credentials…'), 'loading~spin')];
      case 'noCredentials':
        return [
          message(vscode.l10n.t('No stored credentials for this account'), 'error', {
            detail: vscode.l10n.t('Update credentials'),
            contextValue: Row.credentials,
            action: { command: Command.updateCredentials, title: vscode.l10n.t('Update Credentials'), arguments: [this.uiArgs({ accountSid: account.accountSid })] },
          }),
        ];
      case 'error':
        return [errorRow(account, group, state.error, message, this.uiArgs)];
      case 'loaded': {
        const rows: CredentialNode[] =
          group === 'account'
            ? this.lists.accountCredentials.items(account.accountSid).map((credential) => ({ kind: 'accountCredential', account, credential }))
            : this.lists.push.items(account.accountSid).map((credential) => ({ kind: 'pushCredential', account, credential }));
        if (!rows.length) {
          rows.push(
            group === 'account'
              ? message(vscode.l10n.t('No public keys or AWS credentials'), 'info', {
                  detail: vscode.l10n.t('Add a public key'),
                  action: { command: Command.addPublicKey, title: vscode.l10n.t('Add Public Key…'), arguments: [this.uiArgs({ accountSid: account.accountSid })] },
                })
              : message(vscode.l10n.t('No push credentials'), 'info'),
          );
        }
        return rows;
      }
    }
  }
}

function errorRow(account: AccountRecord, group: CredentialGroup, e: TwilioApiError, message: (text: string, icon: string, extra?: Partial<Message>) => Message, uiArgs: UiArgs): Message {
  if (e.kind === 'authentication' || e.kind === 'standardKeyCannotManage') {
    return message(vscode.l10n.t('Twilio did not accept the credentials'), 'error', {
      detail: vscode.l10n.t('Update credentials'),
      tooltip: e.message,
      contextValue: Row.credentials,
      action: { command: Command.updateCredentials, title: vscode.l10n.t('Update Credentials'), arguments: [uiArgs({ accountSid: account.accountSid })] },
    });
  }
  if (e.kind === 'permissionDenied') {
    const needs = group === 'account' ? '/twilio/accounts/credentials/read' : '/twilio/conversations/credentials/read';
    return message(vscode.l10n.t('This API key may not read these credentials'), 'shield', {
      detail: vscode.l10n.t('needs {0}', needs),
      tooltip: vscode.l10n.t('The API key this account is connected with lacks the permission {0}. Grant it in the Twilio Console, or connect with a Main key or the Auth Token.', needs),
      action: retryAction(account, uiArgs),
    });
  }
  const icon = e.kind === 'offline' || e.kind === 'timeout' ? 'debug-disconnect' : 'error';
  return message(e.message, icon, { detail: vscode.l10n.t('Retry'), tooltip: e.message, contextValue: Row.retry, action: retryAction(account, uiArgs) });
}
