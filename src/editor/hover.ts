import * as vscode from 'vscode';
import type { DocumentScanner } from './documentScanner';
import { riskExplanation, toRange } from './findingText';

/** Explains the risk when hovering a hardcoded secret. */
export class FindingHover implements vscode.HoverProvider {
  constructor(private readonly scanner: DocumentScanner) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const f = this.scanner.findingsFor(document).find((x) => x.isSecret && toRange(x).contains(position));
    return f ? new vscode.Hover(riskExplanation(f), toRange(f)) : undefined;
  }
}
