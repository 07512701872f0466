import * as vscode from 'vscode';
import type { Services } from '../../services/services';
import { bind, registerFeature } from '../../platform/registerFeature';
import { detectionManifest } from './manifest';
import { Command } from '../../core/util/commandIds';
import { noArgs } from '../../core/util/commandArgs';
import { DocumentScanner } from './documentScanner';
import { IgnoreFiles } from './ignoreRules';
import { CommittedEnvFiles } from './committedEnvFiles';
import { LiveSecrets } from './liveSecrets';
import { FindingDiagnostics } from './diagnostics';
import { FindingCodeLens } from './codeLens';
import { FindingHover } from './hover';
import { FindingCodeActions } from './codeActions';
import { FindingFixes, findingRef } from './fixes';
import { scanWorkspace } from './workspaceScan';
import { SecretsStatusBar } from './statusBar';
import { GitHistoryNotes } from './gitHistory';
import { Disposable } from '../../core/util/disposable';
import { installGitHookCommand, installGitHookArgs } from './installGitHook';

/** Hardcoded-credential warnings as you type: the detection engine's VS Code face. */
export class DetectionFeature extends Disposable {
  readonly scanner: DocumentScanner;
  readonly diagnostics: FindingDiagnostics;
  readonly fixes: FindingFixes;
  readonly statusBar: SecretsStatusBar;

  constructor(s: Services, extension: Pick<vscode.ExtensionContext, 'asAbsolutePath'>) {
    super();
    const ignore = new IgnoreFiles((message) => s.log.warn(message));
    const live = new LiveSecrets(s.accounts);
    const committed = new CommittedEnvFiles();
    this.scanner = new DocumentScanner(ignore, live, committed);
    const history = new GitHistoryNotes(s.log);
    this.diagnostics = new FindingDiagnostics(this.scanner, history);
    this.fixes = new FindingFixes(s, this.scanner, ignore);
    const lens = new FindingCodeLens(this.scanner);
    const selector: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-notebook-cell' }];
    this.own(
      history,
      // Git runs only in trusted workspaces: when trust is granted, look the open documents up.
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.scanner.rescanAll()),
      ignore,
      live,
      committed,
      this.scanner,
      this.diagnostics,
      lens,
      (this.statusBar = new SecretsStatusBar(this.diagnostics)),
      vscode.languages.registerCodeLensProvider(selector, lens),
      vscode.languages.registerHoverProvider(selector, new FindingHover(this.scanner, history)),
      vscode.languages.registerCodeActionsProvider(selector, new FindingCodeActions(this.scanner, this.fixes), {
        providedCodeActionKinds: FindingCodeActions.kinds,
      }),
      ...registerFeature(detectionManifest, {
        [Command.moveToEnv]: bind(findingRef, (d: DetectionFeature, ref) => d.fixes.moveToEnv(ref)),
        [Command.useEnvReadingClient]: bind(findingRef, (d: DetectionFeature, ref) => d.fixes.useEnvReadingClient(ref)),
        [Command.ignoreFinding]: bind(findingRef, (d: DetectionFeature, ref) => d.fixes.ignoreFinding(ref)),
        [Command.checkLive]: bind(findingRef, (d: DetectionFeature, ref) => d.fixes.checkLive(ref)),
        [Command.explainFinding]: bind(findingRef, (d: DetectionFeature, ref) => d.fixes.explain(ref)),
        [Command.installGitHook]: bind(installGitHookArgs, (_d: DetectionFeature, args) => installGitHookCommand(extension.asAbsolutePath('dist/cli.js'), args)),
        [Command.scanWorkspace]: bind(noArgs, (d: DetectionFeature) => scanWorkspace(ignore, live, d.diagnostics)),
      }, this, s.log),
    );
    // Rules first, then the documents already open when the extension activated.
    void ignore.loadAll().then(() => this.scanner.rescanAll());
  }
}
