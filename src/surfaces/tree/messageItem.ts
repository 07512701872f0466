// A plain row of a tree section: loading, empty, an error and what to do about it. The Functions
// group and the credential groups draw theirs the same way; only the id and the default
// contextValue are theirs.
import * as vscode from 'vscode';

export interface MessageRow {
  message: string;
  detail?: string;
  icon: string;
  tooltip?: string;
  action?: vscode.Command;
  contextValue?: string;
}

export function messageItem(node: MessageRow, id: string, contextValue: string): vscode.TreeItem {
  const item = new vscode.TreeItem(node.message);
  item.id = id;
  item.description = node.detail;
  item.iconPath = new vscode.ThemeIcon(node.icon);
  item.tooltip = node.tooltip ?? (node.detail ? `${node.message}\n${node.detail}` : node.message);
  item.command = node.action;
  item.contextValue = node.contextValue ?? contextValue;
  return item;
}
