// The nodes of an account's Twilio Functions group and the group's own row: what the activation
// bundle draws before the group is first expanded. Everything below the group (its lists, their
// rows, the cache) is in dist/functionsTree.js, loaded when the group is first expanded
// (./functionsGroup.ts). Nodes carry no value (CredentialVariable has none).
import * as vscode from 'vscode';
import type { FunctionsEnvironment, FunctionsService } from '../../core/twilio/types';
import type { AccountRecord } from '../../services/model';
import type { CredentialVariable } from '../../services/functionsVariables';
import { Row } from '../../core/util/treeRows';

export type FunctionsGroupNode = { kind: 'functions'; account: AccountRecord };
export type FunctionsServiceNode = { kind: 'functionsService'; account: AccountRecord; service: FunctionsService };
export type FunctionsEnvironmentNode = { kind: 'functionsEnvironment'; account: AccountRecord; service: FunctionsService; environment: FunctionsEnvironment };
export type FunctionsVariableNode = { kind: 'functionsVariable'; account: AccountRecord; service: FunctionsService; environment: FunctionsEnvironment; variable: CredentialVariable };
/** A row that lists things: the group lists services, a service environments, an environment variables. */
export type FunctionsListNode = FunctionsGroupNode | FunctionsServiceNode | FunctionsEnvironmentNode;

export type FunctionsNode =
  | FunctionsListNode
  | FunctionsVariableNode
  | { kind: 'functionsMore'; account: AccountRecord; parent: FunctionsListNode; loading: boolean; listed: number }
  | {
      kind: 'functionsMessage';
      account: AccountRecord;
      parent: FunctionsListNode;
      message: string;
      detail?: string;
      tooltip?: string;
      icon: string;
      action?: vscode.Command;
      /** `message.credentials` gets the Update Credentials action, as the key list's row does. */
      contextValue?: typeof Row.credentials | typeof Row.retry;
    };

const KINDS = new Set(['functions', 'functionsService', 'functionsEnvironment', 'functionsVariable', 'functionsMore', 'functionsMessage']);

export function isFunctionsNode(node: { kind: string }): node is FunctionsNode {
  return KINDS.has(node.kind);
}

/** The id of a list row: unique in the tree, and the stem of its children's ids. */
export function listId(node: FunctionsListNode): string {
  switch (node.kind) {
    case 'functions':
      return `functions:${node.account.accountSid}`;
    case 'functionsService':
      return `functionsService:${node.account.accountSid}:${node.service.sid}`;
    case 'functionsEnvironment':
      return `functionsEnvironment:${node.account.accountSid}:${node.environment.sid}`;
  }
}

/** The group row; once its services are loaded, dist/functionsTree.js adds their count (groupWithCount). */
export function groupItem(node: FunctionsGroupNode): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Functions'), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = listId(node);
  item.iconPath = new vscode.ThemeIcon('cloud');
  item.contextValue = Row.functions;
  item.tooltip = vscode.l10n.t(
    'Twilio Functions of "{0}": services, their environments, and the variables that hold a credential. Values are never shown.',
    node.account.label,
  );
  return item;
}

