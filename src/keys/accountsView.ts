import * as vscode from 'vscode';

/** The activity-bar view of connected accounts and their keys. */
export class AccountsView implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();

  constructor(_context: vscode.ExtensionContext) {
    const provider: vscode.TreeDataProvider<vscode.TreeItem> = {
      onDidChangeTreeData: this.changed.event,
      getTreeItem: (item) => item,
      getChildren: () => [],
    };
    const view = vscode.window.createTreeView('twilioCredentials.accounts', { treeDataProvider: provider });
    this.disposables.push(
      view,
      this.changed,
      vscode.commands.registerCommand('twilioCredentials.refresh', () => this.changed.fire()),
    );
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
