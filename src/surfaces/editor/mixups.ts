import * as vscode from 'vscode';
import type { Services } from '../../services/services';
import { isDotenvPath, matchesAnyGlob } from '../../core/detection';
import type { KeyPresence, Mixup } from '../../features/mixups/rules';
import { rules as load } from '../../features/mixups/load';
import { affectsSettings, detectionSettings, envVariableNames } from '../../platform/config';
import { Disposable } from '../../core/util/disposable';
import { DIAGNOSTIC_SOURCE, diagnosticCode } from './diagnostics';
import { ourUiArgs } from '../../platform/callers';
import { Command } from '../../core/util/commandIds';
import { KeyedDebounce, TYPING_DEBOUNCE_MS } from '../../core/util/debounce';

export const MIXUPS_DOCS_URL = 'https://github.com/twilio-credentials/vscode-twilio-credentials#credential-mix-ups';

/**
 * Credential mix-ups as diagnostics (a sibling collection of the hardcoded-secret one, same
 * source), with quick fixes where the fix is certain. Rules are pure (src/features/mixups/rules.ts); the
 * missing-key rule asks the key cache and says "absent" only for a fully loaded list.
 */
export class MixupFeature extends Disposable implements vscode.CodeActionProvider {
  readonly collection = this.own(vscode.languages.createDiagnosticCollection('twilio-credentials-mixups'));
  private readonly results = new Map<string, { version: number; mixups: Mixup[] }>();
  private readonly debounce = this.own(new KeyedDebounce<string>());

  constructor(private readonly s: Services) {
    super();
    const selector: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }];
    this.own(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) this.schedule(e.document, TYPING_DEBOUNCE_MS);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsSettings(e, 'detection', 'env')) this.checkAll();
      }),
      // A key list loaded, a key deleted or created: the missing-key rule may answer differently.
      s.keys.onDidChange(() => this.checkAll((d) => isDotenvPath(d.uri.fsPath || d.uri.path))),
      s.accounts.onDidChange(() => this.checkAll((d) => isDotenvPath(d.uri.fsPath || d.uri.path))),
      vscode.languages.registerCodeActionsProvider(selector, this, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    );
    this.checkAll();
  }

  /** The mix-ups of a document's current text. */
  mixupsFor(document: vscode.TextDocument): Mixup[] {
    const cached = this.results.get(document.uri.toString());
    if (cached && cached.version === document.version) return cached.mixups;
    return this.check(document);
  }

  private checkAll(filter: (d: vscode.TextDocument) => boolean = () => true): void {
    for (const d of vscode.workspace.textDocuments) if (filter(d)) this.schedule(d, 0);
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    this.debounce.schedule(document.uri.toString(), delay, () => {
      if (!document.isClosed) this.check(document);
    });
  }

  private check(document: vscode.TextDocument): Mixup[] {
    const mixups = this.wanted(document) ? this.rules(document) : [];
    this.results.set(document.uri.toString(), { version: document.version, mixups });
    this.collection.set(document.uri, mixups.map((m) => toDiagnostic(document, m)));
    return mixups;
  }

  private wanted(document: vscode.TextDocument): boolean {
    if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled') return false;
    const settings = detectionSettings(document.uri);
    if (!settings.enabled) return false;
    if (document.offsetAt(document.lineAt(document.lineCount - 1).range.end) > settings.maxFileSize) return false;
    return !matchesAnyGlob(vscode.workspace.asRelativePath(document.uri, false), settings.exclude);
  }

  private rules(document: vscode.TextDocument): Mixup[] {
    const text = document.getText();
    // Only texts that could hold a mix-up load the rules bundle.
    if (!/(?:AC|SK)[0-9a-fA-F]{32}|\.twilio\.com|TWILIO_|_API_/i.test(text)) return [];
    const r = load();
    if (!isDotenvPath(document.uri.fsPath || document.uri.path)) return r.codeMixups(text);
    const names = envVariableNames();
    return [...r.envMixups(text, names), ...r.missingKeyMixups(text, (a, k) => this.presence(a, k), names)].sort((a, b) => a.start - b.start);
  }

  /** 'absent' only when the account is connected and its whole key list is loaded: no alarm offline. */
  private presence(accountSid: string, keySid: string): KeyPresence {
    if (!this.s.accounts.get(accountSid)) return 'unknown';
    const state = this.s.keys.state(accountSid);
    if (!state) {
      void this.s.keys.load(accountSid);
      return 'unknown';
    }
    if (state.status !== 'loaded') return 'unknown';
    if (state.items.some((k) => k.sid === keySid)) return 'present';
    return state.page.hasMore ? 'unknown' : 'absent';
  }

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const m of this.mixupsFor(document)) {
      const r = new vscode.Range(document.positionAt(m.start), document.positionAt(m.end));
      if (r.end.line < range.start.line || r.start.line > range.end.line) continue;
      // The collection's own entries: the context's list may not carry them all (e.g. when asked by command).
      const diagnostics = [...context.diagnostics, ...(this.collection.get(document.uri) ?? [])].filter(
        (d, i, all) => d.source === DIAGNOSTIC_SOURCE && diagnosticCode(d) === m.code && d.range.isEqual(r) && all.findIndex((x) => x.range.isEqual(d.range) && diagnosticCode(x) === diagnosticCode(d)) === i,
      );
      if (m.fix) {
        const a = new vscode.CodeAction(m.fix.title, vscode.CodeActionKind.QuickFix);
        a.edit = new vscode.WorkspaceEdit();
        for (const e of m.fix.edits) a.edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.text);
        a.diagnostics = diagnostics;
        a.isPreferred = true;
        actions.push(a);
      }
      if (m.code === 'twilio-key-not-found' && m.accountSid && document.uri.scheme === 'file') {
        const a = new vscode.CodeAction(vscode.l10n.t('Create a new API key and write it to this file'), vscode.CodeActionKind.QuickFix);
        a.command = { command: Command.createKey, title: a.title, arguments: [ourUiArgs({ accountSid: m.accountSid, envFile: document.uri.fsPath })] };
        a.diagnostics = diagnostics;
        actions.push(a);
      }
    }
    return actions;
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.debounce.cancel(key);
    this.results.delete(key);
    this.collection.delete(uri);
  }

}

function toDiagnostic(document: vscode.TextDocument, m: Mixup): vscode.Diagnostic {
  const d = new vscode.Diagnostic(
    new vscode.Range(document.positionAt(m.start), document.positionAt(m.end)),
    m.message,
    m.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information,
  );
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: m.code, target: vscode.Uri.parse(MIXUPS_DOCS_URL) };
  return d;
}
