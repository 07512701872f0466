// The evaluation set of real public code (issue 18): types, the committed labels, and the pure
// logic that turns an original file into its rebuilt copy (every credential-shaped value replaced
// by a random value of the same shape). No I/O here except reading the committed labels; the
// rebuild script (scripts/rebuild-real-set.ts) reads the mirrors and writes the files, the bench
// (scripts/bench-detection.ts) scores the rebuilt copies.
//
// Third-party text never enters the repository: the labels hold the source (repository, path,
// commit), the position of each value and the first 16 hex digits of its SHA-256, never a value.

import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

export type SecretKind = 'twilio-auth-token' | 'twilio-api-key-secret';
export type Split = 'tune' | 'holdout';

/** A labelled secret: 1-based line and column (UTF-16 units) of its first character in the original file. */
export interface SecretLabel {
  line: number;
  col: number;
  kind: SecretKind;
  /** First 16 hex digits of the SHA-256 of the original value (of the whole base64 run for `encoding: 'base64'`). */
  sha256: string;
  /** The label marks a base64 `SID:secret` run (an `Authorization: Basic` value), not the bare secret. */
  encoding?: 'base64';
}

/** A value a detector should not report, and why (a hash, another service's key, a placeholder…). */
export interface NegativeLabel {
  line: number;
  col: number;
  sha256: string;
  why: string;
}

export interface RealFile {
  /** Stable id: the first 10 hex digits of SHA-256(repo + '\n' + path). */
  id: string;
  repo: string;
  path: string;
  /** A commit of `repo` (40 hex) whose tree holds the labelled version of `path`. */
  commit: string;
  /** File kind for the per-kind report: js-ts, python, env, notebook, infra, … */
  kind: string;
  language: string;
  split: Split;
  secrets: SecretLabel[];
  negatives: NegativeLabel[];
  tags?: string[];
}

export interface RealLabels {
  version: 1;
  /** How the split was drawn; fixed once a repository is in the set. */
  splitRule: string;
  files: RealFile[];
}

export const LABELS_FILE = path.join('test', 'corpus', 'real', 'labels.json');
/** Where the rebuilt set goes, relative to the repository root (git- and vsce-ignored). */
export const DEFAULT_OUT_DIR = path.join('.eval', 'real');

export function loadLabels(root: string): RealLabels {
  return JSON.parse(fs.readFileSync(path.join(root, LABELS_FILE), 'utf8')) as RealLabels;
}

export function fileId(repo: string, filePath: string): string {
  return sha256Prefix(`${repo}\n${filePath}`, 10);
}

export function sha256Prefix(value: string, length = 16): string {
  return createHash('sha256').update(value, 'utf8').digest('hex').slice(0, length);
}

/** The rebuilt copy of a file, relative to the output folder: `<split>/<id>/<original path>`. */
export function rebuiltPath(file: RealFile): string {
  return path.join(file.split, file.id, ...file.path.split('/'));
}

// ---------------------------------------------------------------------------------------------
// Replacement

/** Random bytes, injectable so the tests can be deterministic. */
export type RandomSource = (n: number) => Uint8Array;
export const cryptoRandom: RandomSource = (n) => randomBytes(n);

const DIGITS = '0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function isHex(v: string): boolean {
  return /^[0-9a-fA-F]+$/.test(v);
}

/**
 * A random value of the same shape: each character replaced by a random one of its class, so
 * digits stay digits, lower-case letters stay lower case, upper-case stay upper case, and a
 * hexadecimal value stays hexadecimal (its letters drawn from a-f / A-F).
 */
export function sameShape(value: string, random: RandomSource): string {
  const hex = isHex(value);
  const bytes = random(value.length);
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    const r = bytes[i];
    let pool: string;
    if (c >= '0' && c <= '9') pool = DIGITS;
    else if (c >= 'a' && c <= 'z') pool = hex ? LOWER.slice(0, 6) : LOWER;
    else if (c >= 'A' && c <= 'Z') pool = hex ? UPPER.slice(0, 6) : UPPER;
    else { out += c; continue; }
    out += pool[r % pool.length];
  }
  return out;
}

/**
 * Obvious placeholders are kept as they are (they are not secrets, and a random value in their
 * place would change what they are): few distinct characters, runs of x or 0, or a word.
 */
export function looksLikePlaceholder(value: string): boolean {
  if (new Set(value.toLowerCase()).size < 6) return true;
  return /x{4}|0{6}|your|example|sample|dummy|fake|placeholder|secret|token|test/i.test(value);
}

/** One credential-shaped occurrence in a text: its offset, the original run, and what it is. */
export interface Occurrence {
  start: number;
  value: string;
  shape: 'sid' | 'run32' | 'base64';
}

const SID_RE = /(?<![A-Za-z0-9])(?:AC|SK)[0-9a-fA-F]{32}(?![A-Za-z0-9])/g;
const RUN32_RE = /(?<![A-Za-z0-9])[A-Za-z0-9]{32}(?![A-Za-z0-9])/g;
const BASE64_RE = /(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{44,}={0,2}(?![A-Za-z0-9+/=])/g;

/** The decoded text of a base64 run when it is printable ASCII holding a credential-shaped value. */
export function decodedCredentialText(run: string): string | undefined {
  if (run.length % 4 !== 0) return undefined;
  const decoded = Buffer.from(run, 'base64');
  if (decoded.toString('base64') !== run) return undefined;
  for (const b of decoded) if (b < 0x20 || b > 0x7e) return undefined;
  const text = decoded.toString('latin1');
  SID_RE.lastIndex = 0;
  RUN32_RE.lastIndex = 0;
  return SID_RE.test(text) || hasCredentialRun(text) ? text : undefined;
}

function hasCredentialRun(text: string): boolean {
  RUN32_RE.lastIndex = 0;
  for (let m = RUN32_RE.exec(text); m; m = RUN32_RE.exec(text)) if (isCredentialRun(m[0])) return true;
  return false;
}

/** A 32-character run worth replacing: letters and digits mixed, not an obvious placeholder. */
function isCredentialRun(v: string): boolean {
  return /[0-9]/.test(v) && /[A-Za-z]/.test(v) && !looksLikePlaceholder(v);
}

/** Every credential-shaped occurrence in `text`, in order, without overlaps (base64 runs first). */
export function credentialOccurrences(text: string, alwaysReplace: ReadonlySet<number> = new Set()): Occurrence[] {
  const out: Occurrence[] = [];
  const taken: Array<[number, number]> = [];
  const overlaps = (s: number, e: number) => taken.some(([a, b]) => s < b && a < e);
  BASE64_RE.lastIndex = 0;
  for (let m = BASE64_RE.exec(text); m; m = BASE64_RE.exec(text)) {
    if (decodedCredentialText(m[0]) !== undefined) {
      out.push({ start: m.index, value: m[0], shape: 'base64' });
      taken.push([m.index, m.index + m[0].length]);
    }
  }
  SID_RE.lastIndex = 0;
  for (let m = SID_RE.exec(text); m; m = SID_RE.exec(text)) {
    if (overlaps(m.index, m.index + 34)) continue;
    out.push({ start: m.index, value: m[0], shape: 'sid' });
    taken.push([m.index, m.index + 34]);
  }
  RUN32_RE.lastIndex = 0;
  for (let m = RUN32_RE.exec(text); m; m = RUN32_RE.exec(text)) {
    if (overlaps(m.index, m.index + 32)) continue;
    if (!alwaysReplace.has(m.index) && !isCredentialRun(m[0])) continue;
    out.push({ start: m.index, value: m[0], shape: 'run32' });
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Replaces values consistently: the same original always maps to the same replacement, and a
 * SID's 32 hex digits map like the same 32 hex digits standing alone.
 */
export class Replacer {
  private readonly map = new Map<string, string>();
  constructor(private readonly random: RandomSource = cryptoRandom) {}

  value(original: string): string {
    const known = this.map.get(original);
    if (known !== undefined) return known;
    let next: string;
    do next = sameShape(original, this.random);
    while (next === original || [...this.map.values()].includes(next));
    this.map.set(original, next);
    return next;
  }

  sid(original: string): string {
    return original.slice(0, 2) + this.value(original.slice(2));
  }

  /** Replaces every credential-shaped value inside a decoded text (e.g. `SID:secret`). */
  inText(text: string): string {
    return replaceAll(text, credentialOccurrences(text), this);
  }

  base64(run: string): string {
    const decoded = decodedCredentialText(run);
    if (decoded === undefined) return run;
    return Buffer.from(this.inText(decoded), 'latin1').toString('base64');
  }
}

function replaceAll(text: string, occurrences: Occurrence[], replacer: Replacer): string {
  let out = '';
  let at = 0;
  for (const o of occurrences) {
    out += text.slice(at, o.start);
    out += o.shape === 'sid' ? replacer.sid(o.value) : o.shape === 'base64' ? replacer.base64(o.value) : replacer.value(o.value);
    at = o.start + o.value.length;
  }
  return out + text.slice(at);
}

/** Offset of 1-based (line, col) in `text`, or -1 when the file has no such line. */
export function offsetOf(text: string, line: number, col: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return -1;
    at = nl + 1;
  }
  return at + col - 1;
}

/** 1-based line and column of an offset. */
export function lineColOf(text: string, offset: number): { line: number; col: number } {
  let line = 1, lineStart = 0;
  for (let nl = text.indexOf('\n'); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

const LABELLED_RE = /[A-Za-z0-9+/]+={0,2}/y;

/**
 * Finds a labelled value: at its line and column when the hash matches there, otherwise the
 * credential-shaped run on the same line whose hash matches (a robust locator when a column
 * was counted differently). Returns the offset, or -1.
 */
export function locate(text: string, label: { line: number; col: number; sha256: string }): number {
  const at = offsetOf(text, label.line, label.col);
  if (at >= 0) {
    for (const len of [32, 34, 92, 90]) {
      const v = text.slice(at, at + len);
      if (v.length === len && sha256Prefix(v) === label.sha256) return at;
    }
    LABELLED_RE.lastIndex = at;
    const m = LABELLED_RE.exec(text);
    if (m && sha256Prefix(m[0]) === label.sha256) return at;
  }
  const lineStart = offsetOf(text, label.line, 1);
  if (lineStart < 0) return -1;
  const lineEnd = text.indexOf('\n', lineStart) < 0 ? text.length : text.indexOf('\n', lineStart);
  const lineText = text.slice(lineStart, lineEnd);
  for (const o of credentialOccurrences(lineText, allRunStarts(lineText))) {
    if (sha256Prefix(o.value) === label.sha256) return lineStart + o.start;
    if (o.shape === 'sid' && sha256Prefix(o.value.slice(2)) === label.sha256) return lineStart + o.start + 2;
  }
  return -1;
}

function allRunStarts(text: string): Set<number> {
  const s = new Set<number>();
  RUN32_RE.lastIndex = 0;
  for (let m = RUN32_RE.exec(text); m; m = RUN32_RE.exec(text)) s.add(m.index);
  return s;
}

export interface RebuildResult {
  text: string;
  /** Labels whose value was not found where the labels say (the file changed, or a wrong label). */
  unmatched: Array<{ line: number; col: number; sha256: string }>;
  /** The labels at their (unchanged) positions in the rebuilt text. */
  replaced: number;
}

/**
 * The rebuilt text of one original file: every labelled value and every other credential-shaped
 * value (AC/SK SIDs, 32-character runs mixing letters and digits, base64 runs that decode to
 * text holding one) replaced by a random value of the same shape, consistently within the file.
 * Replacements keep lengths, so line and column of every label stay valid.
 */
export function rebuildText(original: string, file: Pick<RealFile, 'secrets' | 'negatives'>, random: RandomSource = cryptoRandom): RebuildResult {
  const unmatched: RebuildResult['unmatched'] = [];
  // A labelled secret is replaced whatever it looks like; a labelled negative only when it is
  // credential-shaped (a placeholder stays a placeholder).
  const labelled = new Set<number>();
  for (const l of [...file.secrets, ...file.negatives]) {
    const at = locate(original, l);
    if (at < 0) unmatched.push({ line: l.line, col: l.col, sha256: l.sha256 });
    else if ((file.secrets as Array<{ sha256: string }>).includes(l)) labelled.add(at);
  }
  const occurrences = credentialOccurrences(original, labelled);
  const replacer = new Replacer(random);
  const text = replaceAll(original, occurrences, replacer);
  return { text, unmatched, replaced: occurrences.length };
}
