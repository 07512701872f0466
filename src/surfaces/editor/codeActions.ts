import * as vscode from 'vscode';
import type { DocumentScanner } from './documentScanner';
import type { FindingFixes, FindingRef } from './fixes';
import { findingLabel, isWarnable, toRange } from './findingText';
import { diagnosticCode, isFindingDiagnostic } from './diagnostics';
import { rewritableClients } from '../../features/replace/replaceAuthToken';
import { Command } from '../../core/util/commandIds';
import { ourUiArgs } from '../../platform/callers';

/**
 * Quick fixes on a hardcoded secret: move it to .env, use twilio(), ignore it. Built from the
 * diagnostics VS Code hands over in the context (ours: our source, a finding's kind as the code),
 * each matched to the finding it was made from; a diagnostic from an older scan matches none.
 */
export class FindingCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(
    private readonly scanner: DocumentScanner,
    private readonly fixes: FindingFixes,
  ) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter(isFindingDiagnostic);
    if (!ours.length) return [];
    const findings = this.scanner.findingsFor(document);
    const actions: vscode.CodeAction[] = [];
    let rewritable: boolean | undefined;
    for (const diagnostic of ours) {
      const f = findings.find((x) => isWarnable(x) && x.kind === diagnosticCode(diagnostic) && toRange(x).isEqual(diagnostic.range));
      if (!f) continue;
      const diagnostics = [diagnostic];
      if (f.kind === 'twilio-auth-token') {
        // Twilio's advice: an API key instead. From a .env holding the token, or code whose client can take a key.
        rewritable ??= f.fileRole === 'env-file' || rewritableClients(document).length > 0;
        if (rewritable) {
          const a = new vscode.CodeAction(vscode.l10n.t('Replace the Auth Token with an API key (create a key, write .env, rewrite the client)'), vscode.CodeActionKind.QuickFix);
          a.command = { command: Command.replaceAuthTokenWithKey, title: a.title, arguments: [ourUiArgs({ uri: document.uri.toString() })] };
          a.diagnostics = diagnostics;
          actions.push(a);
        }
      }
      if (f.fileRole === 'env-file') continue;
      const ref = ourUiArgs<FindingRef>({ uri: document.uri.toString(), line: f.range.startLine, fingerprint: f.fingerprint });
      const label = findingLabel(f);
      if (this.fixes.canMove(f)) {
        const a = new vscode.CodeAction(vscode.l10n.t('Move {0} to .env as {1}', label, this.fixes.variableFor(f)), vscode.CodeActionKind.QuickFix);
        a.command = { command: Command.moveToEnv, title: a.title, arguments: [ref] };
        a.diagnostics = diagnostics;
        a.isPreferred = true;
        actions.push(a);
      }
      if (f.fix.twilioCall?.canDropArguments) {
        const a = new vscode.CodeAction(vscode.l10n.t('Use {0}() (reads TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN from the environment)', f.fix.twilioCall.callee), vscode.CodeActionKind.QuickFix);
        a.command = { command: Command.useEnvReadingClient, title: a.title, arguments: [ref] };
        a.diagnostics = diagnostics;
        actions.push(a);
      }
      if (this.fixes.canComment(f)) {
        const line = new vscode.CodeAction(vscode.l10n.t('Ignore {0} on this line', label), vscode.CodeActionKind.QuickFix);
        line.command = { command: Command.ignoreFinding, title: line.title, arguments: [ourUiArgs<FindingRef>({ ...ref, how: 'comment' })] };
        line.diagnostics = diagnostics;
        actions.push(line);
      }
      const owner = this.fixes.keySidFor(document, f);
      if (owner) {
        const rotate = new vscode.CodeAction(vscode.l10n.t('Rotate API key {0} (create a replacement, update .env files, delete the old one)', owner.keySid), vscode.CodeActionKind.QuickFix);
        rotate.command = { command: Command.rotateKey, title: rotate.title, arguments: [ourUiArgs({ ...owner })] };
        actions.push(rotate);
      }
      const live = new vscode.CodeAction(vscode.l10n.t('Check whether this {0} is live (asks Twilio, stores nothing)', label), vscode.CodeActionKind.QuickFix);
      live.command = { command: Command.checkLive, title: live.title, arguments: [ref] };
      actions.push(live);
      const file = new vscode.CodeAction(vscode.l10n.t('Ignore this value everywhere (.twilio-credentials-ignore)'), vscode.CodeActionKind.QuickFix);
      file.command = { command: Command.ignoreFinding, title: file.title, arguments: [ourUiArgs<FindingRef>({ ...ref, how: 'file' })] };
      file.diagnostics = diagnostics;
      actions.push(file);
    }
    return actions;
  }
}
