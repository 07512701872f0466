import * as vscode from 'vscode';
import type { FindingDiagnostics } from './diagnostics';
import { Disposable } from '../../core/util/disposable';

/** The number of hardcoded secrets known in the workspace; a click opens Problems. */
export class SecretsStatusBar extends Disposable {
  readonly item = this.own(vscode.window.createStatusBarItem('twilioCredentials.secrets', vscode.StatusBarAlignment.Left, 50));

  constructor(private readonly diagnostics: FindingDiagnostics) {
    super();
    this.item.name = vscode.l10n.t('Twilio Credentials: hardcoded secrets');
    this.item.command = 'workbench.actions.view.problems';
    this.own(vscode.languages.onDidChangeDiagnostics(() => this.update()));
    this.update();
  }

  update(): void {
    const n = this.diagnostics.count();
    if (n === 0) {
      this.item.hide();
      return;
    }
    this.item.text = `$(key) ${n}`;
    this.item.tooltip = vscode.l10n.t('{0} hardcoded Twilio secret(s) in the workspace. Click to open Problems.', n);
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    this.item.show();
  }
}
