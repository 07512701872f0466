import * as vscode from 'vscode';
import type { DocumentScanner } from './documentScanner';
import { riskExplanation, toRange } from './findingText';
import { GitHistoryNotes, historySentence } from './gitHistory';

/** Explains the risk when hovering a hardcoded secret, and says when it is also in git history. */
export class FindingHover implements vscode.HoverProvider {
  constructor(
    private readonly scanner: DocumentScanner,
    private readonly history?: GitHistoryNotes,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const f = this.scanner.findingsFor(document).find((x) => x.isSecret && toRange(x).contains(position));
    if (!f) return undefined;
    const md = riskExplanation(f);
    // Known since the Problems entry was annotated, or looked up now (briefly, cancellably).
    const first = this.history && (this.history.noteFor(document.uri, f) ?? (await this.history.lookup(document.uri, f, token)));
    if (token.isCancellationRequested) return undefined;
    if (first) md.appendMarkdown(`\n\n$(history) ${historySentence(first)}`);
    return new vscode.Hover(md, toRange(f));
  }
}
