// The rows of an account's Twilio Functions group: the group, services, environments, the
// variables that hold a credential, and the messages and "load more" rows between them. A row
// says what a variable holds, never its value: nodes carry no value (CredentialVariable has none).
import * as vscode from 'vscode';
import type { CredentialVariable } from '../../services/functionsVariables';
import { Command } from '../../core/util/commandIds';
import { functionsVariableRow, Row } from '../../core/util/treeRows';
import { messageItem } from './messageItem';
import {
  groupItem,
  listId,
  type FunctionsEnvironmentNode,
  type FunctionsGroupNode,
  type FunctionsListNode,
  type FunctionsNode,
  type FunctionsServiceNode,
  type FunctionsVariableNode,
} from './functionsNodes';

/** `count` of what the row lists once loaded, `more` when further pages exist. */
export interface Loaded {
  count: number;
  more: boolean;
}

function counted(loaded: Loaded | undefined, one: string, many: (n: string) => string): string | undefined {
  if (!loaded) return undefined;
  if (loaded.more) return many(`${loaded.count}+`);
  return loaded.count === 1 ? one : many(String(loaded.count));
}

/** The group row with the count of its services once loaded. */
export function groupWithCount(node: FunctionsGroupNode, services?: Loaded): vscode.TreeItem {
  const item = groupItem(node);
  item.description = counted(services, vscode.l10n.t('1 service'), (n) => vscode.l10n.t('{0} services', n));
  return item;
}


export function serviceItem(node: FunctionsServiceNode, environments?: Loaded): vscode.TreeItem {
  const { service } = node;
  const item = new vscode.TreeItem(service.friendlyName || service.uniqueName || service.sid, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = listId(node);
  const name = service.friendlyName && service.uniqueName !== service.friendlyName ? service.uniqueName : undefined;
  item.description = [name, counted(environments, vscode.l10n.t('1 environment'), (n) => vscode.l10n.t('{0} environments', n))].filter(Boolean).join(' · ');
  item.iconPath = new vscode.ThemeIcon('server-process');
  item.contextValue = Row.functionsService;
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**').appendText(service.friendlyName || service.uniqueName).appendMarkdown('**\n\n');
  md.appendMarkdown(`- ${vscode.l10n.t('Unique name')}: `).appendText(service.uniqueName).appendMarkdown('\n');
  md.appendMarkdown(`- ${vscode.l10n.t('SID')}: \`${service.sid}\`\n`);
  md.appendMarkdown(
    `- ${
      service.includeCredentials
        ? vscode.l10n.t('Twilio gives its Functions the account SID and Auth Token (context.ACCOUNT_SID, context.AUTH_TOKEN).')
        : vscode.l10n.t('Twilio does not give its Functions the account’s credentials.')
    }\n`,
  );
  item.tooltip = md;
  return item;
}

export function environmentItem(node: FunctionsEnvironmentNode, variables?: Loaded): vscode.TreeItem {
  const { environment } = node;
  const item = new vscode.TreeItem(environment.uniqueName || environment.sid, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = listId(node);
  const count = counted(variables, vscode.l10n.t('1 credential'), (n) => vscode.l10n.t('{0} credentials', n));
  item.description = [count, environment.domainName].filter(Boolean).join(' · ');
  item.iconPath = new vscode.ThemeIcon('server-environment');
  item.contextValue = Row.functionsEnvironment;
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**').appendText(environment.uniqueName).appendMarkdown('**\n\n');
  md.appendMarkdown(`- ${vscode.l10n.t('Service')}: `).appendText(node.service.friendlyName || node.service.uniqueName).appendMarkdown('\n');
  if (environment.domainName) md.appendMarkdown(`- ${vscode.l10n.t('Domain')}: `).appendText(environment.domainName).appendMarkdown('\n');
  md.appendMarkdown(`- ${vscode.l10n.t('SID')}: \`${environment.sid}\`\n\n`);
  md.appendMarkdown(vscode.l10n.t('Shows the variables that hold a credential, never their values.'));
  item.tooltip = md;
  return item;
}

const VARIABLE_ICON: Record<CredentialVariable['holds']['kind'], string> = {
  authToken: 'lock',
  keySecret: 'lock',
  accountSid: 'symbol-variable',
  keySid: 'symbol-variable',
  unknownSecret: 'warning',
};

export function variableItem(node: FunctionsVariableNode): vscode.TreeItem {
  const { variable } = node;
  const item = new vscode.TreeItem(variable.key, vscode.TreeItemCollapsibleState.None);
  item.id = `functionsVariable:${node.account.accountSid}:${variable.sid}`;
  item.description = variable.holds.description;
  item.iconPath = new vscode.ThemeIcon(
    VARIABLE_ICON[variable.holds.kind],
    variable.holds.kind === 'unknownSecret' ? new vscode.ThemeColor('problemsWarningIcon.foreground') : undefined,
  );
  item.contextValue = functionsVariableRow(variable.holds.kind);
  item.accessibilityInformation = { label: vscode.l10n.t('{0}, holds {1}', variable.key, variable.holds.description) };
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**').appendText(variable.key).appendMarkdown('**\n\n');
  md.appendMarkdown(`- ${vscode.l10n.t('Holds')}: `).appendText(variable.holds.description).appendMarkdown('\n');
  md.appendMarkdown(`- ${vscode.l10n.t('Service')}: `).appendText(node.service.friendlyName || node.service.uniqueName).appendMarkdown('\n');
  md.appendMarkdown(`- ${vscode.l10n.t('Environment')}: `).appendText(node.environment.uniqueName).appendMarkdown('\n');
  md.appendMarkdown(`- ${vscode.l10n.t('SID')}: \`${variable.sid}\`\n\n`);
  md.appendMarkdown(
    variable.holds.kind === 'unknownSecret'
      ? vscode.l10n.t('A secret this editor does not hold: its name and shape say it is a credential. The value is never shown.')
      : vscode.l10n.t('The value is never shown.'),
  );
  item.tooltip = md;
  return item;
}

/** What "load more" loads, for its command: the list of the row above it. */
export function listArgument(parent: FunctionsListNode): { accountSid: string; serviceSid?: string; environmentSid?: string } {
  const accountSid = parent.account.accountSid;
  if (parent.kind === 'functions') return { accountSid };
  if (parent.kind === 'functionsService') return { accountSid, serviceSid: parent.service.sid };
  return { accountSid, serviceSid: parent.service.sid, environmentSid: parent.environment.sid };
}

export function moreItem(node: Extract<FunctionsNode, { kind: 'functionsMore' }>): vscode.TreeItem {
  const what =
    node.parent.kind === 'functions' ? vscode.l10n.t('services') : node.parent.kind === 'functionsService' ? vscode.l10n.t('environments') : vscode.l10n.t('variables');
  const item = new vscode.TreeItem(node.loading ? vscode.l10n.t('Loading more {0}…', what) : vscode.l10n.t('Load more {0}…', what));
  item.id = `${listId(node.parent)}:more`;
  item.description = node.parent.kind === 'functionsEnvironment' ? vscode.l10n.t('{0} checked', node.listed) : vscode.l10n.t('{0} shown', node.listed);
  item.iconPath = new vscode.ThemeIcon(node.loading ? 'loading~spin' : 'ellipsis');
  item.contextValue = Row.loadMore;
  if (!node.loading) item.command = { command: Command.loadMoreFunctions, title: vscode.l10n.t('Load more'), arguments: [listArgument(node.parent)] };
  return item;
}

export function functionsMessageItem(node: Extract<FunctionsNode, { kind: 'functionsMessage' }>): vscode.TreeItem {
  return messageItem(node, `${listId(node.parent)}:message`, Row.message);
}
