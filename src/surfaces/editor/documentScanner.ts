import * as vscode from 'vscode';
import { scanText, Finding, isEnvFileSecret, matchesAnyGlob, withPreferredSeverity } from '../../core/detection';
import type { IgnoreFiles } from './ignoreRules';
import type { LiveSecrets } from './liveSecrets';
import { affectsSettings, detectionSettings } from '../../platform/config';
import type { CommittedEnvFiles } from './committedEnvFiles';
import { escalateCommittedEnvFindings } from '../../workspace/dotenv/committed';
import { Disposable } from '../../core/util/disposable';
import { KeyedDebounce, TYPING_DEBOUNCE_MS } from '../../core/util/debounce';

export interface ScanResult {
  uri: vscode.Uri;
  version: number;
  findings: Finding[];
}

/**
 * Scans open documents as they change: debounced per document, a newer edit replaces a pending
 * scan, and a result is kept only if the document has not changed meanwhile. The engine is pure
 * and linear, so one scan of even a large file takes a few milliseconds and never holds up typing
 * (the extension host is not the editor's UI thread).
 */
export class DocumentScanner extends Disposable {
  private readonly results = new Map<string, ScanResult>();
  private readonly debounce = this.own(new KeyedDebounce<string>());
  private readonly changed = this.own(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidScan = this.changed.event;

  constructor(
    private readonly ignore: IgnoreFiles,
    private readonly live: LiveSecrets,
    private readonly committed?: CommittedEnvFiles,
  ) {
    super();
    this.own(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) this.schedule(e.document, TYPING_DEBOUNCE_MS);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      ignore.onDidChange(() => this.rescanAll()),
      live.onDidChange(() => this.rescanAll()),
      ...(committed ? [committed.onDidChange((uri) => this.rescanUri(uri))] : []),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsSettings(e, 'detection')) this.rescanAll();
      }),
    );
  }

  /** Scans every open document now (at start and after settings or ignore rules change). */
  rescanAll(): void {
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  private rescanUri(uri: vscode.Uri): void {
    const d = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
    if (d) this.schedule(d, 0);
  }

  get(uri: vscode.Uri): ScanResult | undefined {
    return this.results.get(uri.toString());
  }

  /** Findings for the document's current text, scanning now if the cached result is stale. */
  findingsFor(document: vscode.TextDocument): Finding[] {
    const cached = this.results.get(document.uri.toString());
    if (cached && cached.version === document.version) return cached.findings;
    return this.scanNow(document).findings;
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (!this.isCandidate(document)) {
      if (this.results.delete(document.uri.toString())) this.changed.fire(document.uri);
      return;
    }
    this.debounce.schedule(document.uri.toString(), delay, () => {
      // A document closed meanwhile, or edited again (then another run is pending), is skipped.
      if (!document.isClosed) this.scanNow(document);
    });
  }

  scanNow(document: vscode.TextDocument): ScanResult {
    const uri = document.uri;
    const findings = this.isCandidate(document)
      ? scanText(document.getText(), {
          // Workspace-relative, so folders above the workspace (e.g. ~/tests/) do not make every file a test.
          path: scanPath(uri),
          languageId: document.languageId,
          knownSecretFingerprints: this.live.fingerprints(),
          ignoreFingerprints: this.ignore.fingerprintsFor(uri),
        })
      : [];
    const result = { uri, version: document.version, findings: this.applySeverity(findings, uri) };
    this.results.set(uri.toString(), result);
    this.changed.fire(uri);
    return result;
  }

  private applySeverity(findings: Finding[], uri: vscode.Uri): Finding[] {
    // A secret in an env file that git tracks or would commit is a leak: a warning, with why.
    if (this.committed && findings.some(isEnvFileSecret)) {
      findings = escalateCommittedEnvFindings(findings, this.committed.reasonFor(uri));
    }
    const { severity } = detectionSettings(uri);
    if (severity === 'default') return findings;
    return findings.map((f) => withPreferredSeverity(f, severity));
  }

  private isCandidate(document: vscode.TextDocument): boolean {
    const s = detectionSettings(document.uri);
    if (!s.enabled) return false;
    if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled' && document.uri.scheme !== 'vscode-notebook-cell') return false;
    // Size check without materialising the text: offsetAt of the end is its length.
    const length = document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
    if (length > s.maxFileSize) return false;
    if (this.ignore.pathIgnored(document.uri)) return false;
    const rel = vscode.workspace.asRelativePath(document.uri, false);
    // The non-backtracking matcher: exclude globs come from settings, which may be hostile.
    return !matchesAnyGlob(rel, s.exclude);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.debounce.cancel(key);
    if (this.results.delete(key)) this.changed.fire(uri);
  }

}

/** The path the engine judges: relative to the workspace folder when inside one. */
export function scanPath(uri: vscode.Uri): string {
  return vscode.workspace.getWorkspaceFolder(uri) ? vscode.workspace.asRelativePath(uri, false) : uri.fsPath || uri.path;
}
