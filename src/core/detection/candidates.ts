// Finding credential-shaped runs in a text in linear time, without regular expressions.
//
// Every credential is a run of ASCII letters and digits of a fixed length: 32 (Auth Token, API
// key secret) or 34 (AC…/SK… SIDs). Any run of at least 32 such characters covers a position
// that is a multiple of 32 away from where the search (re)started, so the scan probes one
// character in 32 and only walks the runs it lands in ("skip search"). On source code this
// reads about a quarter of the characters; on pathological input (10 MB of `a`, of hex, one long
// line) each character is still visited at most twice, so there is nothing to backtrack.
// A naive `/[A-Za-z0-9]{32,}/g` is about 10x slower on ordinary code (it restarts inside
// every word) and would miss the 5 MB / 50 ms budget by itself.

import { mightContainEncodedPair } from './encoded';
import { looksLikeIdentifier } from './placeholders';

export type CandidateShape =
  /** 32 lowercase hex digits: an Auth Token's shape (also MD5s, UUIDs without dashes…). */
  | 'hex32'
  /**
   * 32 letters and digits, not all lowercase hex, with capitals and small letters, and not a
   * word of code (see `isKeySecretShaped`): an API key secret's shape.
   */
  | 'alnum32'
  /** `AC` + 32 lowercase hex. */
  | 'account-sid'
  /** `SK` + 32 lowercase hex. */
  | 'key-sid';

export interface Candidate {
  /** Offset of the first character of the value. */
  start: number;
  /** Offset just past the value. */
  end: number;
  value: string;
  shape: CandidateShape;
}

/** 1 for ASCII letters and digits. */
const ALNUM = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ALNUM[c] = 1;
for (let c = 65; c <= 90; c++) ALNUM[c] = 1;
for (let c = 97; c <= 122; c++) ALNUM[c] = 1;

export function isAlnumCode(c: number): boolean {
  return c < 128 && ALNUM[c] === 1;
}

/** Longest run worth looking at: 32 plus a `%3D` escape plus an `AC` prefix. */
const MAX_RUN = 36;
const MIN_RUN = 32;

/**
 * Calls `onRun(start, end)` for each maximal alphanumeric run of length 32..36, in order, and
 * returns true as soon as `onRun` does. Written twice (string / bytes) because a shared version
 * reading characters through a callback is 3-4x slower.
 */
function forEachRunInString(text: string, onRun: (start: number, end: number) => boolean | void): boolean {
  const length = text.length;
  let probe = MIN_RUN - 1;
  while (probe < length) {
    const c = text.charCodeAt(probe);
    if (c >= 128 || ALNUM[c] !== 1) {
      probe += MIN_RUN;
      continue;
    }
    let start = probe;
    while (start > 0) {
      const b = text.charCodeAt(start - 1);
      if (b >= 128 || ALNUM[b] !== 1) break;
      start--;
    }
    let end = probe + 1;
    while (end < length) {
      const a = text.charCodeAt(end);
      if (a >= 128 || ALNUM[a] !== 1) break;
      end++;
    }
    const len = end - start;
    if (len >= MIN_RUN && len <= MAX_RUN && onRun(start, end)) return true;
    // The character at `end` is not alphanumeric, so the next run starts at end + 1 or later.
    probe = end + MIN_RUN;
  }
  return false;
}

/**
 * True when `bytes` holds a run that `findCandidates` would report on the decoded text: the byte
 * twin of `forEachRunInString` + `candidateStart`. A file's bytes and its UTF-8 text have the same
 * ASCII letters and digits in the same order (every other character, malformed bytes included,
 * is 128 or more on both sides and ends a run), so the runs and their neighbours are the same.
 *
 * Most files go through here and nowhere else, so it probes differently: from a letter or digit
 * at `probe` it looks back only as far as the nearest other character (at `q`): no run of 32
 * can start before it, and the next probe is `q + 32`. Only 32 letters and digits in a row are
 * walked in full. About 15% faster than walking every run both ways on real trees.
 */
function hasCandidateInBytes(bytes: Uint8Array): boolean {
  const length = bytes.length;
  let probe = MIN_RUN - 1;
  while (probe < length) {
    let c = bytes[probe];
    if (c >= 128 || ALNUM[c] !== 1) {
      probe += MIN_RUN;
      continue;
    }
    const limit = probe - MIN_RUN + 1;
    let q = probe - 1;
    while (q >= limit && (c = bytes[q]) < 128 && ALNUM[c] === 1) q--;
    if (q >= limit) {
      probe = q + MIN_RUN;
      continue;
    }
    // `limit..probe` are 32 letters and digits: find the whole run.
    let start = limit;
    while (start > 0 && (c = bytes[start - 1]) < 128 && ALNUM[c] === 1) start--;
    let end = probe + 1;
    while (end < length && (c = bytes[end]) < 128 && ALNUM[c] === 1) end++;
    if (end - start <= MAX_RUN && candidateStartInBytes(bytes, start, end) >= 0) return true;
    probe = end + MIN_RUN;
  }
  return false;
}

function isLowerHex(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

function isHexCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/**
 * Where the value of the run `runStart..end` (32 to 36 letters and digits) starts when it is a
 * candidate, else -1. A value glued to an identifier by `_` (`tok_…`, `…_prod`) is part of a
 * longer name, not a credential; the finer judgement (hyphens, paths, base64) is left to the
 * context rules. `candidateStartInBytes` below is the same rule on bytes (the prefilter): change
 * both together (a property test compares them).
 */
function candidateStart(text: string, runStart: number, end: number): number {
  let start = runStart;
  const before = start > 0 ? text.charCodeAt(start - 1) : 0;
  // `\n<token>` inside a JSON or C string, `%3D<token>` in a URL-encoded query: the escape's
  // letters are glued to the run but are not part of the value.
  if (before === 92 /* \ */ && isEscapeLetter(text.charCodeAt(start)) && end - start > MIN_RUN) start++;
  else if (before === 37 /* % */ && end - start > 33 && isHexCode(text.charCodeAt(start)) && isHexCode(text.charCodeAt(start + 1))) start += 2;
  const len = end - start;
  if (text.charCodeAt(start - 1) === 95 /* _ */ || text.charCodeAt(end) === 95) return -1;
  if (len === 32) return isLowerHex(text, start, end) || isKeySecretShaped(text.slice(start, end)) ? start : -1;
  if (len === 34 && isLowerHex(text, start + 2, end)) {
    const c0 = text.charCodeAt(start), c1 = text.charCodeAt(start + 1);
    if ((c0 === 65 /* A */ && c1 === 67 /* C */) || (c0 === 83 /* S */ && c1 === 75 /* K */)) return start;
  }
  return -1;
}

function candidateStartInBytes(bytes: Uint8Array, runStart: number, end: number): number {
  let start = runStart;
  const before = start > 0 ? bytes[start - 1] : 0;
  if (before === 92 && isEscapeLetter(bytes[start]) && end - start > MIN_RUN) start++;
  else if (before === 37 && end - start > 33 && isHexCode(bytes[start]) && isHexCode(bytes[start + 1])) start += 2;
  const len = end - start;
  if (bytes[start - 1] === 95 || bytes[end] === 95) return -1;
  if (len === 32) {
    if (isLowerHexBytes(bytes, start, end)) return start;
    // Rare (a run of exactly 32): judged on the same string as findCandidates does.
    return isKeySecretShaped(String.fromCharCode.apply(null, Array.from(bytes.subarray(start, end)))) ? start : -1;
  }
  if (len === 34) {
    if (!isLowerHexBytes(bytes, start + 2, end)) return -1;
    const c0 = bytes[start], c1 = bytes[start + 1];
    if ((c0 === 65 && c1 === 67) || (c0 === 83 && c1 === 75)) return start;
  }
  return -1;
}

function isLowerHexBytes(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = bytes[i];
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/**
 * Could these 32 letters and digits (not lowercase hex) be an API key secret? Those are random
 * over letters of both cases and digits: one without a capital or without a small letter turns
 * up about once in 18 million. A word of code (`looksLikeIdentifier`, placeholders.ts:
 * `getTwilioAccountFromEnvironment`) is what judge() refuses first, so it is not a candidate at
 * all. Such words are most 32-character runs in real trees (type names in `.d.ts` files,
 * generated SDK classes), and a text whose only runs are words is then never decoded nor judged.
 */
function isKeySecretShaped(value: string): boolean {
  let upper = false, lower = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 65 && c <= 90) upper = true;
    else if (c >= 97 && c <= 122) lower = true;
  }
  return upper && lower && !looksLikeIdentifier(value);
}

/** `n t r f b v`: the letters of the escapes that can sit glued before a value. */
function isEscapeLetter(c: number): boolean {
  return c === 110 || c === 116 || c === 114 || c === 102 || c === 98 || c === 118;
}

/** All credential-shaped values in `text`, in order (see `candidateStart`). */
export function findCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  forEachRunInString(text, (runStart, end) => {
    const start = candidateStart(text, runStart, end);
    if (start < 0) return;
    const value = text.slice(start, end);
    if (end - start === 32) out.push({ start, end, value, shape: isLowerHex(text, start, end) ? 'hex32' : 'alnum32' });
    else out.push({ start, end, value, shape: value.startsWith('AC') ? 'account-sid' : 'key-sid' });
  });
  return out;
}

/**
 * Cheap prefilter: false means `findCandidates` finds nothing in `text` and there is no base64
 * `SID:secret` (see encoded.ts), so `scanText` has nothing to report. Works on a string or on raw
 * bytes (a file not yet decoded: most files are never decoded).
 */
export function mightContainSecret(text: string | Uint8Array): boolean {
  const candidate = typeof text === 'string'
    ? forEachRunInString(text, (start, end) => candidateStart(text, start, end) >= 0)
    : hasCandidateInBytes(text);
  return candidate || mightContainEncodedPair(text);
}
