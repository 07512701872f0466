import * as vscode from 'vscode';
import type { Services } from '../services/services';
import { registerCommand } from '../util/commands';
import { DocumentScanner } from './documentScanner';
import { IgnoreFiles } from './ignoreRules';
import { LiveSecrets } from './liveSecrets';
import { FindingDiagnostics } from './diagnostics';
import { FindingCodeLens } from './codeLens';
import { FindingHover } from './hover';
import { FindingCodeActions } from './codeActions';
import { FindingFixes, FindingRef } from './fixes';
import { scanWorkspace } from './workspaceScan';
import { SecretsStatusBar } from './statusBar';
import { replaceAuthTokenWithKey } from '../replace/replaceAuthToken';

/** Hardcoded-credential warnings as you type: the detection engine's VS Code face. */
export class DetectionFeature implements vscode.Disposable {
  readonly scanner: DocumentScanner;
  readonly diagnostics: FindingDiagnostics;
  readonly fixes: FindingFixes;
  readonly statusBar: SecretsStatusBar;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(s: Services) {
    const ignore = new IgnoreFiles();
    const live = new LiveSecrets(s.accounts);
    this.scanner = new DocumentScanner(ignore, live);
    this.diagnostics = new FindingDiagnostics(this.scanner);
    this.fixes = new FindingFixes(s, this.scanner, ignore);
    const lens = new FindingCodeLens(this.scanner);
    const selector: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-notebook-cell' }];
    this.disposables.push(
      ignore,
      live,
      this.scanner,
      this.diagnostics,
      lens,
      (this.statusBar = new SecretsStatusBar(this.diagnostics)),
      vscode.languages.registerCodeLensProvider(selector, lens),
      vscode.languages.registerHoverProvider(selector, new FindingHover(this.scanner)),
      vscode.languages.registerCodeActionsProvider(selector, new FindingCodeActions(this.scanner, this.fixes), {
        providedCodeActionKinds: FindingCodeActions.kinds,
      }),
      registerCommand(s.log, 'twilioCredentials.moveToEnv', (ref: FindingRef) => this.fixes.moveToEnv(ref)),
      registerCommand(s.log, 'twilioCredentials.useEnvReadingClient', (ref: FindingRef) => this.fixes.useEnvReadingClient(ref)),
      registerCommand(s.log, 'twilioCredentials.ignoreFinding', (ref: FindingRef) => this.fixes.ignoreFinding(ref)),
      registerCommand(s.log, 'twilioCredentials.checkLive', (ref: FindingRef) => this.fixes.checkLive(ref)),
      registerCommand(s.log, 'twilioCredentials.explainFinding', (ref: FindingRef) => this.fixes.explain(ref)),
      registerCommand(s.log, 'twilioCredentials.replaceAuthTokenWithKey', (arg?: unknown) => replaceAuthTokenWithKey(s, arg)),
      registerCommand(s.log, 'twilioCredentials.scanWorkspace', () => scanWorkspace(ignore, live, this.diagnostics)),
    );
    // Rules first, then the documents already open when the extension activated.
    void ignore.loadAll().then(() => this.scanner.rescanAll());
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
