import * as vscode from 'vscode';
import type { DocumentScanner } from './documentScanner';
import { findingLabel } from './findingText';
import { isHardcodedSecret } from '../../core/detection';
import type { FindingRef } from './fixes';
import { Disposable } from '../../core/util/disposable';
import { Command } from '../../core/util/commandIds';
import { ourUiArgs } from '../../platform/callers';

/**
 * One group of lenses above each line that hardcodes a secret, however many it holds:
 * "Hardcoded Twilio Auth Token · Move to .env · Ignore". Arguments identify the finding by
 * document, range and fingerprint, never by value.
 */
export class FindingCodeLens extends Disposable implements vscode.CodeLensProvider {
  private readonly changed = this.own(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly scanner: DocumentScanner) {
    super();
    this.own(scanner.onDidScan(() => this.changed.fire()));
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const findings = this.scanner.findingsFor(document).filter(isHardcodedSecret);
    const byLine = new Map<number, typeof findings>();
    for (const f of findings) byLine.set(f.range.startLine, [...(byLine.get(f.range.startLine) ?? []), f]);
    const lenses: vscode.CodeLens[] = [];
    for (const [line, list] of byLine) {
      const range = new vscode.Range(line, 0, line, 0);
      const first = list[0];
      const ref = ourUiArgs<FindingRef>({ uri: document.uri.toString(), line, fingerprint: first.fingerprint });
      const kinds = [...new Set(list.map(findingLabel))].join(', ');
      const title = list.some((f) => f.live)
        ? vscode.l10n.t('$(error) Live {0} hardcoded', kinds)
        : list.length > 1
          ? vscode.l10n.t('$(warning) {0} hardcoded secrets: {1}', list.length, kinds)
          : vscode.l10n.t('$(warning) Hardcoded {0}', kinds);
      lenses.push(
        new vscode.CodeLens(range, { title, command: Command.explainFinding, arguments: [ref], tooltip: first.message }),
        new vscode.CodeLens(range, { title: vscode.l10n.t('Move to .env'), command: Command.moveToEnv, arguments: [ref] }),
        new vscode.CodeLens(range, { title: vscode.l10n.t('Ignore'), command: Command.ignoreFinding, arguments: [ourUiArgs<FindingRef>({ ...ref, how: 'ask' })] }),
      );
    }
    return lenses;
  }
}
