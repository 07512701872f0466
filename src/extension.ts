// Entry point: wires the features and returns. No network, no Twilio library, no heavy work here;
// each feature owns its disposables and loads what it needs on first use.
import * as vscode from 'vscode';
import { AccountsView } from './keys/accountsView';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(new AccountsView(context));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
