// The report and exit-code stages of `scan`: what goes to stdout and stderr, in order, and the
// exit status. Pure: main.ts writes the lines.

import { PROGRAM, OutputFormat } from './args';
import type { Judged } from './judge';
import { ReportedFinding, escapeForTerminal, formatHuman, formatJson, formatSkippedHuman, sortReported } from './output';
import { formatSarif, toSarif } from './sarif';
import type { RangeFileChange, SkippedEntry } from './source';

export interface ReportInput {
  format: OutputFormat;
  judged: Judged;
  /** Sorted. */
  skipped: readonly SkippedEntry[];
  scanned: number;
  /** Lines about env files git commits (human format only). */
  envFileLines: readonly string[];
  baselineUsed: boolean;
  /** `--strict` and something was skipped. */
  incomplete: boolean;
  /** A range with a base: its ends and its changes to suppression files. */
  range?: { base: string; tip: string; changes: readonly RangeFileChange[] };
  /** For SARIF: the scan root and the tool's version. */
  root: string;
  version: string;
}

export interface OutputLine {
  stream: 'stdout' | 'stderr';
  text: string;
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Human lines naming the range's changes to suppression files, which do not count. */
export function rangeChangeLines(range: NonNullable<ReportInput['range']>): string[] {
  if (range.changes.length === 0) return [];
  const lines = [`${PROGRAM}: suppressions are read at the range's base ${range.base.slice(0, 12)}; this range changes suppression files, and those changes do not count here:`];
  for (const c of range.changes) {
    lines.push(`  ${c.status} ${escapeForTerminal(c.path)}`);
    for (const l of c.added) lines.push(`      + ${escapeForTerminal(l)}`);
    for (const l of c.removed) lines.push(`      - ${escapeForTerminal(l)}`);
    if (c.more > 0) lines.push(`      (${plural(c.more, 'more change')} not listed)`);
  }
  return lines;
}

/** Every line of the report, in the order it is written. */
export function renderReport(input: ReportInput): OutputLine[] {
  const { judged, skipped, format } = input;
  const out: OutputLine[] = [];
  const err = (text: string): void => void out.push({ stream: 'stderr', text });
  if (format === 'human') input.envFileLines.forEach(err);
  const reported = sortReported([...judged.reported]);
  if (format === 'json') out.push({ stream: 'stdout', text: formatJson(reported, skipped) });
  else if (format === 'sarif') {
    const all: ReportedFinding[] = sortReported([...reported, ...judged.suppressed]);
    const log = toSarif(all, skipped, { root: input.root, version: input.version, baselineUsed: input.baselineUsed, executionSuccessful: !input.incomplete });
    out.push({ stream: 'stdout', text: formatSarif(log) });
  } else {
    for (const r of reported) out.push({ stream: 'stdout', text: formatHuman(r) });
  }
  if (format === 'human') {
    // What was not scanned, then the summary. (json and sarif carry the skips in the document and
    // keep stderr quiet, so `--format json 2>&1` stays parseable.)
    for (const s of skipped) err(formatSkippedHuman(s));
    if (input.range) rangeChangeLines(input.range).forEach(err);
    const notes = [`${plural(input.scanned, 'file')} scanned`];
    if (skipped.length > 0) notes.push(`${skipped.length} skipped`);
    if (input.baselineUsed) notes.push(`${judged.inBaseline} in the baseline not shown`);
    err(`${PROGRAM}: ${plural(judged.failing, 'hardcoded secret')} in ${plural(judged.filesWithSecrets.size, 'file')} (${notes.join(', ')})`);
  }
  if (input.incomplete) err(`${PROGRAM}: --strict: ${plural(skipped.length, 'path')} could not be scanned`);
  return out;
}

/** How `--write-baseline` ended, when it was asked for. */
export type BaselineWrite = { written: number; label: string } | { error: string; label: string };

/** Lines about a written baseline. */
export function baselineWriteLine(w: BaselineWrite): string {
  return 'error' in w
    ? `${PROGRAM}: cannot write baseline ${escapeForTerminal(w.label)}: ${w.error}`
    : `${PROGRAM}: wrote ${plural(w.written, 'finding')} to ${escapeForTerminal(w.label)}`;
}

/**
 * The exit status: 2 when a baseline could not be written or, with --strict, something was
 * skipped; 0 after writing a baseline; else 1 when a secret fails the scan, 0 when none does.
 */
export function exitCode(v: { failing: number; incomplete: boolean; baselineWrite?: BaselineWrite }): number {
  if (v.baselineWrite && 'error' in v.baselineWrite) return 2;
  if (v.incomplete) return 2;
  if (v.baselineWrite) return 0;
  return v.failing > 0 ? 1 : 0;
}
