import * as vscode from 'vscode';
import type { AccountInfo, ApiKey } from '../../core/twilio/types';
import type { AccountRecord } from '../../services/model';
import { formatAge, formatDate } from '../../core/util/time';
import { regionLabel } from '../../features/keys/regions';
import { rotationDue } from '../../features/mixups/age';
import { Command } from '../../core/util/commandIds';
import { keyTypeLabel } from '../../features/keys/commands/keyRef';
import { ourUiArgs } from '../../platform/callers';
import { accountRow, keyRow, Row } from '../../core/util/treeRows';
import type { CredentialNode } from './credentialNodes';
import type { FunctionsNode } from './functionsNodes';

/** Tree nodes. Their `contextValue`s (src/core/util/treeRows.ts) drive the menus declared in package.json. */
export type Node =
  | { kind: 'account'; account: AccountRecord }
  | { kind: 'key'; account: AccountRecord; key: ApiKey }
  | { kind: 'loadMore'; account: AccountRecord; loading: boolean; shown: number; subaccounts?: boolean }
  | { kind: 'subaccounts'; account: AccountRecord }
  | { kind: 'subaccount'; account: AccountRecord; parent: AccountRecord; info: AccountInfo }
  | { kind: 'message'; account: AccountRecord; message: string; detail?: string; icon: string; action?: vscode.Command; contextValue?: (typeof Row)[keyof typeof Row] }
  /** A launch grant: launch configurations of this workspace may name this key (or the Auth Token, without keySid). */
  | { kind: 'grant'; account: AccountRecord; grant: { accountSid: string; keySid?: string } }
  | CredentialNode
  | FunctionsNode;

const TYPE_ICON: Record<string, string> = { main: 'star-full', standard: 'key', restricted: 'shield' };

export interface KeyItemFacts {
  secretStored: boolean;
  /** The key the extension itself authenticates with for this account. */
  usedByExtension: boolean;
  envReferences: string[];
  /** This workspace's terminals, tasks and opted-in debug sessions get this key ("Use Key in Terminals"). */
  usedInTerminals?: boolean;
  /** Keys this many days old or older get a "rotate" hint (0 or absent: no hint). */
  rotationHintDays?: number;
}

/** `keys`: how many are loaded, with `more` when further pages exist; undefined while unknown. */
export function accountItem(account: AccountRecord, hasError: boolean, keys?: { count: number; more: boolean }, authTokenInTerminals = false): vscode.TreeItem {
  const item = new vscode.TreeItem(account.label, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `account:${account.accountSid}`;
  const count = keys && (keys.more ? vscode.l10n.t('{0}+ keys', keys.count) : keys.count === 1 ? vscode.l10n.t('1 key') : vscode.l10n.t('{0} keys', keys.count));
  item.description = [authTokenInTerminals ? vscode.l10n.t('Auth Token in terminals') : undefined, count, account.region || 'us1', `…${account.accountSid.slice(-6)}`].filter(Boolean).join(' · ');
  item.iconPath = new vscode.ThemeIcon(hasError ? 'warning' : 'organization', hasError ? new vscode.ThemeColor('problemsWarningIcon.foreground') : undefined);
  // `.authToken`: connected with its own Auth Token, so its token can be rotated here.
  item.contextValue = accountRow({ subaccount: false, error: hasError, authToken: account.auth === 'authToken' && !account.parentAccountSid });
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escapeMd(account.label)}**\n\n`);
  md.appendMarkdown(`- ${vscode.l10n.t('Account SID')}: \`${account.accountSid}\`\n`);
  if (account.friendlyName) md.appendMarkdown(`- ${vscode.l10n.t('Twilio name')}: ${escapeMd(account.friendlyName)}\n`);
  md.appendMarkdown(`- ${vscode.l10n.t('Region')}: ${regionLabel(account.region)}${account.edge ? ` (${account.edge})` : ''}\n`);
  md.appendMarkdown(
    `- ${vscode.l10n.t('Authenticates with')}: ${
      account.auth === 'authToken' ? vscode.l10n.t('Auth Token') : vscode.l10n.t('Main API key {0}', `\`${account.apiKeySid}\``)
    }\n`,
  );
  item.tooltip = md;
  return item;
}

export function keyItem(account: AccountRecord, key: ApiKey, facts: KeyItemFacts, now = new Date()): vscode.TreeItem {
  const item = new vscode.TreeItem(key.friendlyName || key.sid, vscode.TreeItemCollapsibleState.None);
  item.id = `key:${account.accountSid}:${key.sid}`;
  // Keys listed with a parent's token (subaccounts) come without their type: say so, not "Standard".
  const typeLabel = key.typeUnknown ? vscode.l10n.t('type unknown') : keyTypeLabel(key.type);
  const parts = [typeLabel, formatAge(key.dateCreated, now)];
  if (facts.usedByExtension) parts.unshift(vscode.l10n.t('used by this extension'));
  if (facts.usedInTerminals) parts.unshift(vscode.l10n.t('in terminals'));
  const dueAge = rotationDue(key.dateCreated, now, facts.rotationHintDays ?? 0);
  if (dueAge !== undefined) parts.push(vscode.l10n.t('rotate'));
  item.description = parts.filter(Boolean).join(' · ');
  item.iconPath = new vscode.ThemeIcon(TYPE_ICON[key.type] ?? 'key', facts.usedByExtension ? new vscode.ThemeColor('charts.blue') : undefined);
  item.contextValue = keyRow({ type: key.type, secretStored: facts.secretStored, self: facts.usedByExtension, terminals: !!facts.usedInTerminals });
  item.accessibilityInformation = { label: `${key.friendlyName || key.sid}, ${item.description}` };

  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`$(${TYPE_ICON[key.type] ?? 'key'}) **${escapeMd(key.friendlyName || vscode.l10n.t('(no name)'))}**\n\n`);
  md.appendMarkdown(`- ${vscode.l10n.t('SID')}: \`${key.sid}\`\n`);
  md.appendMarkdown(`- ${vscode.l10n.t('Type')}: ${typeLabel}\n`);
  md.appendMarkdown(`- ${vscode.l10n.t('Created')}: ${formatDate(key.dateCreated)}\n`);
  md.appendMarkdown(`- ${vscode.l10n.t('Updated')}: ${formatDate(key.dateUpdated)}\n`);
  md.appendMarkdown(
    `- ${vscode.l10n.t('Secret')}: ${facts.secretStored ? vscode.l10n.t('stored in this editor') : vscode.l10n.t('not stored here (Twilio shows it only once, at creation)')}\n`,
  );
  if (facts.usedByExtension) md.appendMarkdown(`- ${vscode.l10n.t('This extension authenticates with this key.')}\n`);
  if (facts.usedInTerminals) md.appendMarkdown(`- ${vscode.l10n.t('New terminals and tasks of this workspace get this key.')}\n`);
  if (dueAge !== undefined) {
    md.appendMarkdown(`\n$(history) ${vscode.l10n.t('{0} days old, at least the {1} days set in twilioCredentials.keys.rotationHintDays: rotate it (Rotate API Key).', dueAge, facts.rotationHintDays!)}\n`);
  }
  if (key.type === 'restricted') {
    const perms = key.permissions ?? [];
    md.appendMarkdown(`\n${vscode.l10n.t('Permissions ({0})', perms.length)}:\n`);
    for (const p of perms.slice(0, 20)) md.appendMarkdown(`- \`${p}\`\n`);
    if (perms.length > 20) md.appendMarkdown(`- ${vscode.l10n.t('… and {0} more', perms.length - 20)}\n`);
  }
  if (facts.envReferences.length) {
    md.appendMarkdown(`\n${vscode.l10n.t('Referenced in')}:\n`);
    for (const f of facts.envReferences) md.appendMarkdown(`- \`${f}\`\n`);
  }
  item.tooltip = md;
  return item;
}

export function loadMoreItem(accountSid: string, loading: boolean, shown: number, subaccounts = false): vscode.TreeItem {
  const what = subaccounts ? vscode.l10n.t('subaccounts') : vscode.l10n.t('keys');
  const item = new vscode.TreeItem(loading ? vscode.l10n.t('Loading more {0}…', what) : vscode.l10n.t('Load more {0}…', what));
  item.id = `loadMore:${subaccounts ? 'sub:' : ''}${accountSid}`;
  item.description = vscode.l10n.t('{0} shown', shown);
  item.iconPath = new vscode.ThemeIcon(loading ? 'loading~spin' : 'ellipsis');
  item.contextValue = Row.loadMore;
  if (!loading) {
    item.command = subaccounts
      ? { command: Command.loadMoreSubaccounts, title: vscode.l10n.t('Load more subaccounts'), arguments: [ourUiArgs({ accountSid })] }
      : { command: Command.loadMoreKeys, title: vscode.l10n.t('Load more keys'), arguments: [ourUiArgs({ accountSid })] };
  }
  return item;
}

export function subaccountsItem(account: AccountRecord, count?: { count: number; more: boolean }): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Subaccounts'), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `subaccounts:${account.accountSid}`;
  item.description = count ? (count.more ? `${count.count}+` : String(count.count)) : undefined;
  item.iconPath = new vscode.ThemeIcon('folder-library');
  item.contextValue = Row.subaccounts;
  item.tooltip = vscode.l10n.t('Subaccounts of "{0}", managed with its Auth Token', account.label);
  return item;
}

export function subaccountItem(info: AccountInfo, parent: AccountRecord): vscode.TreeItem {
  const item = new vscode.TreeItem(info.friendlyName || info.sid, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `subaccount:${info.sid}`;
  item.description = [info.status !== 'active' ? info.status : undefined, `…${info.sid.slice(-6)}`].filter(Boolean).join(' · ');
  item.iconPath = new vscode.ThemeIcon('account');
  item.contextValue = accountRow({ subaccount: true, error: false, authToken: false });
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escapeMd(info.friendlyName || info.sid)}**\n\n`);
  md.appendMarkdown(`- ${vscode.l10n.t('Account SID')}: \`${info.sid}\`\n`);
  md.appendMarkdown(`- ${vscode.l10n.t('Status')}: ${info.status}\n`);
  md.appendMarkdown(`- ${vscode.l10n.t('Managed with the Auth Token of "{0}"', escapeMd(parent.label))}\n`);
  item.tooltip = md;
  return item;
}

export function messageItem(node: Extract<Node, { kind: 'message' }>): vscode.TreeItem {
  const item = new vscode.TreeItem(node.message);
  item.id = `message:${node.account.accountSid}:${node.message}`;
  item.description = node.detail;
  item.iconPath = new vscode.ThemeIcon(node.icon);
  item.tooltip = node.detail ? `${node.message}\n${node.detail}` : node.message;
  item.command = node.action;
  item.contextValue = node.contextValue ?? Row.message;
  return item;
}

/** A launch grant under its account, withdrawn from its inline action. */
export function grantItem(account: AccountRecord, grant: { keySid?: string }, keyName: string | undefined): vscode.TreeItem {
  const what = grant.keySid ? vscode.l10n.t('key "{0}"', keyName || grant.keySid) : vscode.l10n.t('Auth Token');
  const item = new vscode.TreeItem(vscode.l10n.t('Launch grant: {0}', what));
  item.id = `grant:${account.accountSid}:${grant.keySid ?? 'authToken'}`;
  item.description = vscode.l10n.t('launch.json of this workspace');
  item.iconPath = new vscode.ThemeIcon('debug-alt');
  item.contextValue = Row.launchGrant;
  item.tooltip = vscode.l10n.t(
    'Launch configurations of this workspace that name {0} get it, as you allowed once. Withdraw the grant to be asked again.',
    grant.keySid ? `${what} (${grant.keySid})` : what,
  );
  return item;
}

function escapeMd(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
