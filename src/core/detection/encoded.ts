// Credentials hidden in a base64 `Authorization: Basic …` value. Twilio's REST API takes HTTP
// basic auth with the Account SID (or an API key SID) as the user and the Auth Token (or the key's
// secret) as the password, so a saved request, a `curl -H` flag or a hand-built header carries
// `base64("AC<32 hex>:<32 hex>")`: exactly 67 bytes, so exactly 90 base64 characters and `==`.
// That shape is specific enough to judge on its own: nothing else decodes to a SID, a colon and
// a 32-character value. The value is found by a skip search like the candidates' (probing one
// character in 90), so a file without such a run costs almost nothing.

import { isPlaceholder } from './placeholders';

/** A base64 value that decodes to `SID:secret`. The range is the base64 text, padding included. */
export interface EncodedPair {
  start: number;
  end: number;
  /** `AC…` or `SK…`. */
  sid: string;
  /** The decoded password half: an Auth Token (after `AC…`) or an API key secret (after `SK…`). */
  secret: string;
}

/** base64 of 67 bytes: 90 characters then `==`. */
const DATA_LENGTH = 90;

/** Base64 alphabet value + 1 (0 = not base64). `=` is handled apart. */
const B64 = new Uint8Array(128);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((c, i) => { B64[c.charCodeAt(0)] = i + 1; });

/**
 * Calls `onRun(start)` for every run of exactly 90 base64 characters followed by `==` and not
 * glued to more base64 after the padding. Each character is visited at most twice. Written for
 * strings and for bytes apart: reading characters through a callback is several times slower.
 */
function forEachRunInString(text: string, onRun: (start: number) => boolean | void): boolean {
  const length = text.length;
  let probe = DATA_LENGTH - 1;
  while (probe < length) {
    let c = text.charCodeAt(probe);
    if (c >= 128 || B64[c] === 0) {
      probe += DATA_LENGTH;
      continue;
    }
    // Forward first: only a run ending in `==` is worth walking back over.
    let end = probe + 1;
    while (end < length && (c = text.charCodeAt(end)) < 128 && B64[c] !== 0) end++;
    if (text.charCodeAt(end) !== 61 || text.charCodeAt(end + 1) !== 61) {
      probe = end + DATA_LENGTH;
      continue;
    }
    let start = probe;
    while (start > 0 && (c = text.charCodeAt(start - 1)) < 128 && B64[c] !== 0) start--;
    if (end - start === DATA_LENGTH && !isB64OrPad(text.charCodeAt(end + 2))) {
      // `QU…` = "AC", `U0…` = "SK": cheap before decoding.
      const c0 = text.charCodeAt(start), c1 = text.charCodeAt(start + 1);
      if (((c0 === 81 && c1 === 85) || (c0 === 85 && c1 === 48)) && onRun(start)) return true;
    }
    probe = end + DATA_LENGTH;
  }
  return false;
}

function hasRunInBytes(bytes: Uint8Array): boolean {
  const length = bytes.length;
  let probe = DATA_LENGTH - 1;
  while (probe < length) {
    let c = bytes[probe];
    if (c >= 128 || B64[c] === 0) {
      probe += DATA_LENGTH;
      continue;
    }
    let end = probe + 1;
    while (end < length && (c = bytes[end]) < 128 && B64[c] !== 0) end++;
    if (bytes[end] !== 61 || bytes[end + 1] !== 61) {
      probe = end + DATA_LENGTH;
      continue;
    }
    let start = probe;
    while (start > 0 && (c = bytes[start - 1]) < 128 && B64[c] !== 0) start--;
    if (end - start === DATA_LENGTH && !isB64OrPad(bytes[end + 2])) {
      const c0 = bytes[start], c1 = bytes[start + 1];
      if ((c0 === 81 && c1 === 85) || (c0 === 85 && c1 === 48)) return true;
    }
    probe = end + DATA_LENGTH;
  }
  return false;
}

/** NaN / undefined (past the end) are neither. */
function isB64OrPad(c: number | undefined): boolean {
  return c !== undefined && c < 128 && (B64[c] !== 0 || c === 61);
}

/** Decodes 92 base64 characters (with padding) into a 67-character Latin-1 string. */
function decode(text: string, start: number): string {
  let out = '';
  for (let i = start; i < start + DATA_LENGTH; i += 4) {
    const a = B64[text.charCodeAt(i)] - 1, b = B64[text.charCodeAt(i + 1)] - 1;
    const c = B64[text.charCodeAt(i + 2)] - 1, d = B64[text.charCodeAt(i + 3)] - 1;
    out += String.fromCharCode(((a << 2) | (b >> 4)) & 255);
    if (i + 2 < start + DATA_LENGTH) out += String.fromCharCode((((b & 15) << 4) | (c >> 2)) & 255);
    if (i + 3 < start + DATA_LENGTH) out += String.fromCharCode((((c & 3) << 6) | d) & 255);
  }
  // The last group is `xy==`: one byte, already added above.
  return out;
}

const PAIR = /^(AC|SK)[0-9a-f]{32}:[A-Za-z0-9]{32}$/;
const HEX32 = /^[0-9a-f]{32}$/;

/** The base64 values in `text` that decode to a Twilio SID and its secret, in order. */
export function findEncodedPairs(text: string): EncodedPair[] {
  const out: EncodedPair[] = [];
  forEachRunInString(text, (start) => {
    const pair = decode(text, start);
    if (!PAIR.test(pair)) return;
    const sid = pair.slice(0, 34), secret = pair.slice(35);
    // A token after an Account SID is 32 lowercase hex; an API key secret is mixed letters and digits.
    if (sid.startsWith('AC') && !HEX32.test(secret)) return;
    if (isPlaceholder(secret) || isPlaceholder(sid.slice(2))) return;
    out.push({ start, end: start + DATA_LENGTH + 2, sid, secret });
  });
  return out;
}

/** Prefilter on raw bytes or a string: could `text` hold such a value? */
export function mightContainEncodedPair(text: string | Uint8Array): boolean {
  return typeof text === 'string' ? forEachRunInString(text, () => true) : hasRunInBytes(text);
}
