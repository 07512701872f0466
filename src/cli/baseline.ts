// Baselines: the findings a team has accepted (or not yet cleaned up), so that CI fails only on
// new ones. A baseline holds fingerprints and, for the humans reviewing it, path, kind and line;
// never a value. The output is sorted and stable, so regenerating it on an unchanged tree gives
// the same bytes and a review diff shows only what changed.
//
// A finding is "in the baseline" when the same value (fingerprint) was recorded in the same
// file: lines may move as the file is edited, but the same secret copied into another file is a
// new leak and is reported.

import * as fs from 'fs';
import * as path from 'path';
import { FILE_LIMITS } from '../core/util/fileLimits';
import { ReportedFinding } from './output';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  fingerprint: string;
  path: string;
  kind: string;
  /** For people reading the file; not used for matching. */
  line: number;
}

export interface BaselineFile {
  tool: 'twilio-credentials';
  version: number;
  comment: string;
  findings: BaselineEntry[];
}

const COMMENT = 'Findings accepted by twilio-credentials scan --baseline: fingerprints of values (never the values), with path, kind and line for review. Regenerate with --write-baseline.';

function compare(a: BaselineEntry, b: BaselineEntry): number {
  const s = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  return s(a.path, b.path) || a.line - b.line || s(a.kind, b.kind) || s(a.fingerprint, b.fingerprint);
}

/** The baseline file's text for these findings: sorted, de-duplicated, one JSON document, trailing newline. */
export function formatBaseline(findings: readonly ReportedFinding[]): string {
  const seen = new Set<string>();
  const entries: BaselineEntry[] = [];
  for (const f of findings) {
    const entry = { fingerprint: f.fingerprint, path: f.path, kind: f.kind, line: f.line };
    const key = `${entry.fingerprint}\0${entry.path}\0${entry.kind}\0${entry.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push(entry);
  }
  entries.sort(compare);
  const file: BaselineFile = { tool: 'twilio-credentials', version: BASELINE_VERSION, comment: COMMENT, findings: entries };
  return JSON.stringify(file, null, 2) + '\n';
}

export interface Baseline {
  size: number;
  has(finding: ReportedFinding): boolean;
}

const FINGERPRINT = /^tc1:[0-9a-f]{16}$/;

/** Parses a baseline file's text; throws an Error with a message for the user when it is not one. */
export function parseBaseline(text: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // Not JSON.parse's message: it quotes the text, and a baseline path may lead to a secret.
    throw new Error('not JSON');
  }
  const file = data as Partial<BaselineFile> | null;
  if (!file || typeof file !== 'object' || file.tool !== 'twilio-credentials' || !Array.isArray(file.findings)) {
    throw new Error('not a twilio-credentials baseline (expected {"tool": "twilio-credentials", "findings": [...]})');
  }
  if (file.version !== BASELINE_VERSION) throw new Error(`baseline version ${String(file.version)} is not supported (expected ${BASELINE_VERSION})`);
  const keys = new Set<string>();
  file.findings.forEach((e, i) => {
    if (!e || typeof e.fingerprint !== 'string' || !FINGERPRINT.test(e.fingerprint) || typeof e.path !== 'string') {
      throw new Error(`entry ${i + 1} needs a "fingerprint" (tc1:…) and a "path"`);
    }
    keys.add(`${e.fingerprint}\0${e.path}`);
  });
  return {
    size: file.findings.length,
    has: (f) => keys.has(`${f.fingerprint}\0${f.path}`),
  };
}

/** Larger than any real baseline (a million findings), small enough to read whole. */
export const MAX_BASELINE_BYTES = FILE_LIMITS.maxBaselineBytes;

/**
 * Reads a baseline file. It may sit in the scanned repository, which may be hostile: a FIFO or a
 * device is refused without blocking on it, and the size is capped (a link to /dev/zero or to a
 * huge file is an error, not gigabytes of memory). Errors carry a code or a short reason, never
 * the file's contents.
 */
export function readBaselineFile(file: string): Baseline {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new Error('not a regular file');
    if (stat.size > MAX_BASELINE_BYTES) throw new Error(`larger than ${MAX_BASELINE_BYTES} bytes`);
    const buffer = Buffer.alloc(stat.size);
    let length = 0;
    while (length < buffer.length) {
      const n = fs.readSync(fd, buffer, length, buffer.length - length, length);
      if (n === 0) break;
      length += n;
    }
    return parseBaseline(buffer.subarray(0, length).toString('utf8'));
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes a baseline file through a new temporary file and a rename: a symbolic link (or a FIFO)
 * committed where the baseline goes is replaced, never written through, so a hostile repository
 * cannot make `--write-baseline` overwrite a file elsewhere or hang. A failed write leaves the
 * old baseline as it was and no temporary file behind.
 */
export function writeBaselineFile(file: string, text: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(tmp, text, { flag: 'wx', mode: 0o644 });
    fs.renameSync(tmp, file);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}
