// The rows under an account's "Account credentials" and "Push credentials" groups (issue 20):
// labels, icons, descriptions, tooltips and the contextValues package.json's menus match. Part of
// dist/credentials.js, loaded when a group is first expanded. Nothing here is secret: Twilio never
// returns a public key, an AWS secret or a push credential's material.
import * as vscode from 'vscode';
import type { AccountCredential, PushCredential } from '../../core/twilio/types';
import { assessPushCredential } from '../../core/twilio/pushCredentialHealth';
import { formatAge, formatDate } from '../../core/util/time';
import { rotationDue } from '../../features/mixups/age';
import { Command } from '../../core/util/commandIds';
import { pushCredentialRow, Row, type PushRowType } from '../../core/util/treeRows';
import type { AccountRecord } from '../../services/model';
import type { CredentialNode } from './credentialNodes';
import { messageItem } from './messageItem';

type Row<K extends CredentialNode['kind']> = Extract<CredentialNode, { kind: K }>;

export function escapeMd(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/** "public key", "AWS", in the user's language. */
export function accountCredentialKindLabel(kind: AccountCredential['kind']): string {
  return kind === 'publicKey' ? vscode.l10n.t('public key') : vscode.l10n.t('AWS');
}

/** "FCM", "APN", "GCM" or the type as Twilio wrote it. */
export function pushTypeLabel(type: string): string {
  return ['apn', 'fcm', 'gcm'].includes(type) ? type.toUpperCase() : type;
}

export function accountCredentialItem(node: Row<'accountCredential'>, rotationHintDays: number, now = new Date()): vscode.TreeItem {
  const c = node.credential;
  const item = new vscode.TreeItem(c.friendlyName || c.sid, vscode.TreeItemCollapsibleState.None);
  item.id = `accountCredential:${node.account.accountSid}:${c.sid}`;
  const kind = accountCredentialKindLabel(c.kind);
  // AWS credentials are a secret kept at Twilio: they get the rotation hint keys get.
  const due = c.kind === 'aws' ? rotationDue(c.dateCreated, now, rotationHintDays) : undefined;
  item.description = [kind, formatAge(c.dateCreated, now), due !== undefined ? vscode.l10n.t('rotate') : undefined].filter(Boolean).join(' · ');
  item.iconPath = new vscode.ThemeIcon(c.kind === 'publicKey' ? 'workspace-trusted' : 'cloud');
  item.contextValue = c.kind === 'publicKey' ? Row.publicKey : Row.awsCredential;
  item.accessibilityInformation = { label: `${c.friendlyName || c.sid}, ${item.description}` };
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escapeMd(c.friendlyName || vscode.l10n.t('(no name)'))}**\n\n`);
  md.appendMarkdown(`- ${vscode.l10n.t('SID')}: \`${c.sid}\`\n`);
  md.appendMarkdown(`- ${vscode.l10n.t('Kind')}: ${c.kind === 'publicKey' ? vscode.l10n.t('Public key (Public Key Client Validation)') : vscode.l10n.t('AWS credentials (for recordings and media written to S3)')}\n`);
  md.appendMarkdown(`- ${vscode.l10n.t('Created')}: ${formatDate(c.dateCreated)}\n`);
  md.appendMarkdown(`- ${vscode.l10n.t('Updated')}: ${formatDate(c.dateUpdated)}\n`);
  md.appendMarkdown(
    '\n' +
      (c.kind === 'publicKey'
        ? vscode.l10n.t('Requests signed with the matching private key are accepted for this account. Twilio keeps only the public key.')
        : vscode.l10n.t('Twilio never shows the secret again. To change it, create new AWS credentials in the Twilio Console, switch what uses these, then delete them here.')),
  );
  if (due !== undefined) md.appendMarkdown(`\n\n$(history) ${vscode.l10n.t('{0} days old, at least the {1} days set in twilioCredentials.keys.rotationHintDays: rotate them.', due, rotationHintDays)}`);
  item.tooltip = md;
  return item;
}

const PUSH_ICON: Record<string, string> = { apn: 'device-mobile', fcm: 'bell', gcm: 'bell-slash' };

export function pushCredentialItem(node: Row<'pushCredential'>, now = new Date()): vscode.TreeItem {
  const c = node.credential;
  const verdict = assessPushCredential(c);
  const item = new vscode.TreeItem(c.friendlyName || c.sid, vscode.TreeItemCollapsibleState.None);
  item.id = `pushCredential:${node.account.accountSid}:${c.sid}`;
  const flag =
    verdict.status === 'broken' ? vscode.l10n.t('broken: no longer delivers') : verdict.status === 'suspect' ? vscode.l10n.t('broken if it holds a legacy server key') : undefined;
  item.description = [pushTypeLabel(c.type), c.type === 'apn' && c.sandbox ? vscode.l10n.t('sandbox') : undefined, formatAge(c.dateCreated, now), flag].filter(Boolean).join(' · ');
  item.iconPath =
    verdict.status === 'broken'
      ? new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'))
      : verdict.status === 'suspect'
        ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
        : new vscode.ThemeIcon(PUSH_ICON[c.type] ?? 'bell');
  const type: PushRowType = c.type === 'apn' || c.type === 'fcm' || c.type === 'gcm' ? (c.type as PushRowType) : 'other';
  item.contextValue = pushCredentialRow({ type, status: verdict.status });
  item.accessibilityInformation = { label: `${c.friendlyName || c.sid}, ${item.description}` };
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escapeMd(c.friendlyName || vscode.l10n.t('(no name)'))}**\n\n`);
  md.appendMarkdown(`- ${vscode.l10n.t('SID')}: \`${c.sid}\`\n`);
  md.appendMarkdown(`- ${vscode.l10n.t('Type')}: ${escapeMd(pushTypeLabel(c.type))}${c.type === 'apn' ? ` (${c.sandbox ? vscode.l10n.t('sandbox') : vscode.l10n.t('production')})` : ''}\n`);
  md.appendMarkdown(`- ${vscode.l10n.t('Created')}: ${formatDate(c.dateCreated)}\n`);
  md.appendMarkdown(`- ${vscode.l10n.t('Secret last set')}: ${formatDate(c.dateUpdated)}\n`);
  if (verdict.status !== 'ok') {
    md.appendMarkdown(`\n$(${verdict.status === 'broken' ? 'error' : 'warning'}) ${escapeMd(verdict.message)}\n\n`);
    md.appendMarkdown(`**${vscode.l10n.t('What to do')}:** ${escapeMd(verdict.fix)}`);
    if (c.type === 'fcm') md.appendMarkdown(`\n\n${vscode.l10n.t('Right-click → Replace FCM Secret… takes the service-account JSON file and sends it to Twilio; it is not stored here.')}`);
  }
  item.tooltip = md;
  return item;
}

/** Plain rows: loading, empty, errors and what to do about them. */
export function credentialMessageItem(node: Row<'credentialMessage'>): vscode.TreeItem {
  return messageItem(node, `credentialMessage:${node.group}:${node.account.accountSid}:${node.message}`, Row.credentialMessage);
}

/** What a group row says once its list is loaded: how many, and how many need fixing. */
export function groupDescription(group: 'account' | 'push', items: ReadonlyArray<AccountCredential | PushCredential>): string {
  if (group === 'account') {
    const keys = items.filter((c) => (c as AccountCredential).kind === 'publicKey').length;
    const aws = items.length - keys;
    const keyText = keys === 1 ? vscode.l10n.t('1 public key') : keys ? vscode.l10n.t('{0} public keys', keys) : undefined;
    return [keyText, aws ? vscode.l10n.t('{0} AWS', aws) : undefined].filter(Boolean).join(' · ') || '0';
  }
  const broken = items.filter((c) => assessPushCredential(c as PushCredential).status !== 'ok').length;
  return broken ? vscode.l10n.t('{0} · {1} to fix', items.length, broken) : String(items.length);
}

/**
 * Marks the arguments of a command a row runs as this extension's own: the activation bundle's
 * `ourUiArgs` (src/platform/callers.ts), handed to this bundle, whose own copy of callers.ts
 * would mark them in a set no command handler reads.
 */
export type UiArgs = <T extends object>(arg: T) => Readonly<T>;

/** The action of an error row: Refresh reloads the account, these lists included. */
export function retryAction(account: AccountRecord, uiArgs: UiArgs): vscode.Command {
  return { command: Command.refresh, title: vscode.l10n.t('Retry'), arguments: [uiArgs({ accountSid: account.accountSid })] };
}
