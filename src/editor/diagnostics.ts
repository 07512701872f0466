import * as vscode from 'vscode';
import type { Finding } from '../detection';
import type { DocumentScanner } from './documentScanner';
import { DOCS_URL, findingLabel, isWarnable, toRange } from './findingText';
import { toVscodeSeverity } from './settings';

export const DIAGNOSTIC_SOURCE = 'Twilio Credentials';

export function toDiagnostic(f: Finding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(f), f.message, toVscodeSeverity(f.severity));
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: f.kind, target: vscode.Uri.parse(DOCS_URL) };
  return d;
}

/** Problems entries for every scanned document; the engine's message never shows more than 4 characters of a secret. */
export class FindingDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('twilio-credentials');
  private readonly subscription: vscode.Disposable;

  constructor(private readonly scanner: DocumentScanner) {
    this.subscription = scanner.onDidScan((uri) => this.update(uri));
  }

  private update(uri: vscode.Uri): void {
    const result = this.scanner.get(uri);
    if (!result) {
      // Closed documents keep what a workspace scan found; an excluded one is cleared.
      return;
    }
    this.collection.set(uri, result.findings.filter(isWarnable).map(toDiagnostic));
  }

  /** Sets diagnostics for a file that is not open (workspace scan). */
  setForFile(uri: vscode.Uri, findings: Finding[]): void {
    this.collection.set(uri, findings.filter(isWarnable).map(toDiagnostic));
  }

  count(): number {
    let n = 0;
    this.collection.forEach((_uri, diags) => {
      n += diags.filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning).length;
    });
    return n;
  }

  dispose(): void {
    this.subscription.dispose();
    this.collection.dispose();
  }
}

export { findingLabel };
