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
import { mightContainOtherCredential } from './otherCredentials';

export type CandidateShape =
  /** 32 lowercase hex digits: an Auth Token's shape (also MD5s, UUIDs without dashes…). */
  | 'hex32'
  /** 32 letters and digits, not all lowercase hex: an API key secret's shape. */
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

function hasRunInBytes(bytes: Uint8Array): boolean {
  const length = bytes.length;
  let probe = MIN_RUN - 1;
  while (probe < length) {
    const c = bytes[probe];
    if (c >= 128 || ALNUM[c] !== 1) {
      probe += MIN_RUN;
      continue;
    }
    let start = probe;
    while (start > 0) {
      const b = bytes[start - 1];
      if (b >= 128 || ALNUM[b] !== 1) break;
      start--;
    }
    let end = probe + 1;
    while (end < length) {
      const a = bytes[end];
      if (a >= 128 || ALNUM[a] !== 1) break;
      end++;
    }
    const len = end - start;
    if (len >= MIN_RUN && len <= MAX_RUN) return true;
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
 * All credential-shaped values in `text`, in order. A value glued to an identifier by `_`
 * (`tok_…`, `…_prod`) is part of a longer name, not a credential, and is dropped here; the
 * finer judgement (hyphens, paths, base64) is left to the context rules.
 */
export function findCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  forEachRunInString(text, (runStart, end) => {
    let start = runStart;
    const before = start > 0 ? text.charCodeAt(start - 1) : 0;
    // `\n<token>` inside a JSON or C string, `%3D<token>` in a URL-encoded query: the escape's
    // letters are glued to the run but are not part of the value.
    if (before === 92 /* \ */ && 'ntrfbv'.includes(text[start]) && end - start > MIN_RUN) start++;
    else if (before === 37 /* % */ && end - start > 33 && isHexCode(text.charCodeAt(start)) && isHexCode(text.charCodeAt(start + 1))) start += 2;
    const len = end - start;
    if (text.charCodeAt(start - 1) === 95 /* _ */ || text.charCodeAt(end) === 95) return;
    if (len === 32) {
      out.push({ start, end, value: text.slice(start, end), shape: isLowerHex(text, start, end) ? 'hex32' : 'alnum32' });
    } else if (len === 34 && isLowerHex(text, start + 2, end)) {
      const prefix = text.slice(start, start + 2);
      if (prefix === 'AC') out.push({ start, end, value: text.slice(start, end), shape: 'account-sid' });
      else if (prefix === 'SK') out.push({ start, end, value: text.slice(start, end), shape: 'key-sid' });
    }
  });
  return out;
}

/**
 * Cheap prefilter: false means `text` cannot hold any credential-shaped value (nor a base64
 * `SID:secret`, see encoded.ts), so there is nothing to scan. Works on a string or on raw bytes (a file not yet decoded).
 */
export function mightContainSecret(text: string | Uint8Array): boolean {
  return (typeof text === 'string' ? forEachRunInString(text, () => true) : hasRunInBytes(text)) || mightContainEncodedPair(text) || mightContainOtherCredential(text);
}
