// The two output formats. Both carry only what a finding already holds: the value itself is
// never available here beyond its last four characters inside `message`.

import { Finding } from '../detection';

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
}

/** 1-based lines and columns, as editors and `grep -n` print them. */
export function toReported(relativePath: string, f: Finding): ReportedFinding {
  return {
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
}

/** `path:line:col  severity  message`, the shape editors' problem matchers read. (Fingerprints are in --json.) */
export function formatHuman(r: ReportedFinding): string {
  return `${r.path}:${r.line}:${r.column}  ${r.severity}  ${r.message}`;
}

export function formatJson(findings: readonly ReportedFinding[]): string {
  return JSON.stringify({ findings }, null, 2);
}

/** Stable order: by path, then position. */
export function sortReported(findings: ReportedFinding[]): ReportedFinding[] {
  return findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column));
}
