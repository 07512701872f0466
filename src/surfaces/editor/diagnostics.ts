import * as vscode from 'vscode';
import type { Finding, FindingKind, Severity } from '../../core/detection';
import type { DocumentScanner } from './documentScanner';
import { DOCS_URL, findingLabel, isWarnable, toRange } from './findingText';
import { GitHistoryNotes, historySentence } from './gitHistory';
import type { FirstCommit } from '../../workspace/git/firstCommit';
import { Disposable } from '../../core/util/disposable';

export const DIAGNOSTIC_SOURCE = 'Twilio Credentials';

/** The codes of finding diagnostics: the engine's kinds (a Record, so a new kind cannot be missed). */
const FINDING_KINDS = new Set(
  Object.keys({
    'twilio-auth-token': true,
    'twilio-api-key-secret': true,
    'twilio-account-sid': true,
    'twilio-api-key-sid': true,
    'fcm-server-key': true,
    'aws-secret-access-key': true,
  } satisfies Record<FindingKind, true>),
);

/** A diagnostic's code, whether given plain or with a link (`{ value, target }`). */
export function diagnosticCode(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' && d.code ? d.code.value : d.code;
}

/** Ours and made from a finding of the detection engine (mix-ups have their own codes). */
export function isFindingDiagnostic(d: vscode.Diagnostic): boolean {
  const code = diagnosticCode(d);
  return d.source === DIAGNOSTIC_SOURCE && typeof code === 'string' && FINDING_KINDS.has(code);
}

export function toDiagnostic(f: Finding, history?: FirstCommit): vscode.Diagnostic {
  const message = history ? `${f.message} — ${historySentence(history)}` : f.message;
  const d = new vscode.Diagnostic(toRange(f), message, toVscodeSeverity(f.severity));
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: f.kind, target: vscode.Uri.parse(DOCS_URL) };
  return d;
}

/** Problems entries for every scanned document; the engine's message never shows more than 4 characters of a secret. */
export class FindingDiagnostics extends Disposable {
  readonly collection = this.own(vscode.languages.createDiagnosticCollection('twilio-credentials'));

  constructor(
    private readonly scanner: DocumentScanner,
    private readonly history?: GitHistoryNotes,
  ) {
    super();
    this.own(scanner.onDidScan((uri) => this.update(uri, true)));
    // An answer from git history arrived: the same findings, with the sentence added.
    if (history) this.own(history.onDidChange((uri) => this.update(uri, false)));
  }

  private update(uri: vscode.Uri, rescanned: boolean): void {
    const result = this.scanner.get(uri);
    if (!result) {
      // Closed documents keep what a workspace scan found; an excluded one is cleared.
      this.history?.forget(uri);
      return;
    }
    const warnable = result.findings.filter(isWarnable);
    this.collection.set(uri, warnable.map((f) => toDiagnostic(f, this.history?.noteFor(uri, f))));
    // After the entries are shown, look their history up (lazily, in the background).
    if (rescanned) this.history?.request(uri, warnable);
  }

  /** Sets diagnostics for a file that is not open (workspace scan). */
  setForFile(uri: vscode.Uri, findings: Finding[]): void {
    this.collection.set(uri, findings.filter(isWarnable).map((f) => toDiagnostic(f)));
  }

  count(): number {
    let n = 0;
    this.collection.forEach((_uri, diags) => {
      n += diags.filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning).length;
    });
    return n;
  }
}

export { findingLabel };

export function toVscodeSeverity(s: Severity): vscode.DiagnosticSeverity {
  switch (s) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'information':
      return vscode.DiagnosticSeverity.Information;
    case 'hint':
      return vscode.DiagnosticSeverity.Hint;
  }
}
