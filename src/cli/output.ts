// The human and JSON output formats (SARIF is in sarif.ts). All carry only what a finding already
// holds: the value itself is never available here beyond its last four characters inside
// `message`.

import { Finding } from '../core/detection';
import { FindingOrigin, SKIP_REASON_TEXT, SkippedEntry } from './source';

/**
 * Why a finding is, or would have been, suppressed: `inSource` for an inline marker, `external`
 * for the ignore file or the baseline (SARIF 2.1.0's kinds). `justification` is a sentence.
 */
export interface Suppression {
  kind: 'inSource' | 'external';
  justification: string;
}

export interface ReportedFinding {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  kind: string;
  severity: string;
  message: string;
  fingerprint: string;
  /** Only for findings from history (`--git`). */
  commit?: string;
  authorDate?: string;
  presentAtHead?: boolean;
  /** Suppressions that hold (the finding is not reported, nor counted; SARIF lists it as suppressed). */
  suppressions?: Suppression[];
  /**
   * `--git BASE..TIP`: suppressions the range itself added, which do not count (the finding is
   * reported and fails the scan). Shown with the finding.
   */
  suppressionsAddedInRange?: Suppression[];
  /** The baseline holds it (SARIF `baselineState: unchanged`). */
  inBaseline?: boolean;
}

/** 1-based lines and columns, as editors and `grep -n` print them. */
export function toReported(relativePath: string, f: Finding, origin?: FindingOrigin): ReportedFinding {
  const r: ReportedFinding = {
    path: relativePath,
    line: f.range.startLine + 1,
    column: f.range.startCharacter + 1,
    endLine: f.range.endLine + 1,
    endColumn: f.range.endCharacter + 1,
    kind: f.kind,
    severity: f.severity,
    message: f.message,
    fingerprint: f.fingerprint,
  };
  if (origin) {
    r.commit = origin.commit;
    r.authorDate = origin.authorDate;
    if (origin.presentAtHead !== undefined) r.presentAtHead = origin.presentAtHead;
  }
  return r;
}

/**
 * Text from the scanned tree (file names, ignore-file lines) made safe for a terminal and for
 * line-based readers: control characters (C0, DEL, C1), line and paragraph separators and
 * bidirectional overrides become visible escapes, and so does the backslash, so the escaping is
 * unambiguous. A file named `x\nsrc/a.js:1:1  warning  Hardcoded…` then prints on one line and
 * cannot forge a finding; ANSI escape sequences cannot recolour or erase output.
 */
export function escapeForTerminal(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!needsEscape(code)) continue;
    out += text.slice(from, i) + escapeOne(code);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

function needsEscape(code: number): boolean {
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f) || code === 0x5c /* \ */ ||
    code === 0x2028 || code === 0x2029 || code === 0x200e || code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

function escapeOne(code: number): string {
  switch (code) {
    case 0x5c: return '\\\\';
    case 0x0a: return '\\n';
    case 0x0d: return '\\r';
    case 0x09: return '\\t';
  }
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `path:line:col  severity  message`, the shape editors' problem matchers read. (Fingerprints are in --json.) */
export function formatHuman(r: ReportedFinding): string {
  const history = r.commit ? `  (commit ${r.commit.slice(0, 12)}, ${r.authorDate ?? ''}${r.presentAtHead === false ? ', no longer at HEAD' : ''})` : '';
  const added = r.suppressionsAddedInRange?.length
    ? `  [not suppressed: ${r.suppressionsAddedInRange.map((s) => s.justification).join('; ')}]`
    : '';
  return `${escapeForTerminal(r.path)}:${r.line}:${r.column}  ${r.severity}  ${escapeForTerminal(r.message)}${escapeForTerminal(history)}${escapeForTerminal(added)}`;
}

/**
 * A line of our output made inert for CI logs that take commands from output lines: GitHub
 * Actions runs a line starting with `::` (after leading whitespace) as a workflow command
 * (`::stop-commands::`, `::error::`, `::add-mask::`…) and a `##[command]` anywhere in a line as a
 * legacy one. Such a line gets its first colon written as `\x3a`, and `##[` becomes `#\x23[`, in
 * the same escape notation as `escapeForTerminal` (which has already made CR, LF and other
 * controls visible, so one output line is one log line).
 */
export function inertForCi(line: string): string {
  let out = line.includes('##[') ? line.split('##[').join('#\\x23[') : line;
  // eslint-disable-next-line no-control-regex -- whitespace as .NET's TrimStart sees it, and more
  const lead = /^[\s\u0085\u0000-\u001f]*/.exec(out)![0].length;
  if (out.startsWith('::', lead)) out = out.slice(0, lead) + '\\x3a' + out.slice(lead + 1);
  return out;
}

/**
 * Wraps a writer so that every line it writes goes through `inertForCi`. Writes are whole lines
 * in this program; a write that ends mid-line continues that line on the next write.
 */
export function inertWriter(write: (text: string) => void): (text: string) => void {
  let atLineStart = true;
  return (text) => {
    const lines = text.split('\n');
    const out = lines.map((l, i) => (i === 0 && !atLineStart ? l.split('##[').join('#\\x23[') : inertForCi(l)));
    atLineStart = text.endsWith('\n');
    write(out.join('\n'));
  };
}

/** One stderr line per skipped entry. */
export function formatSkippedHuman(s: SkippedEntry): string {
  return `twilio-credentials: skipped ${escapeForTerminal(s.path)}: ${SKIP_REASON_TEXT[s.reason]}${s.detail ? ` (${escapeForTerminal(s.detail)})` : ''}`;
}

/** `{"findings": [...], "skipped": [{path, reason, detail?}]}`; JSON escapes control characters itself. */
export function formatJson(findings: readonly ReportedFinding[], skipped: readonly SkippedEntry[] = []): string {
  return JSON.stringify({ findings, skipped }, null, 2);
}

function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Stable order: by path, then position, then commit. */
export function sortReported(findings: ReportedFinding[]): ReportedFinding[] {
  return findings.sort((a, b) => comparePaths(a.path, b.path) || a.line - b.line || a.column - b.column || comparePaths(a.commit ?? '', b.commit ?? ''));
}

export function sortSkipped(skipped: SkippedEntry[]): SkippedEntry[] {
  return skipped.sort((a, b) => comparePaths(a.path, b.path) || comparePaths(a.reason, b.reason));
}
