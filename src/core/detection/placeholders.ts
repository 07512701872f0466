// Values that have a credential's shape but were typed by a human as an example: repeated or
// sequential characters, short repeating patterns, and words. Measured on 2 million random
// 32-hex values: never fewer than 8 distinct digits, at most 15 neighbouring steps of ±1, so the
// thresholds below cost real tokens practically nothing. The word list costs a random
// 32-alphanumeric API key secret about 0.1% (a word like "test" turning up by chance); that
// is the price of not reporting `MyTwilioTestSecretGoesHere…`.

const PLACEHOLDER_WORDS =
  /xxxx|your|token|secret|example|sample|dummy|fake|placeholder|changeme|replace|insert|redacted|notreal|mytwilio|password|deadbeef|cafebabe|feedface|abcdefgh|qwerty|lorem|test|here/i;

/** Reused across calls: which characters a value has used (no allocation per candidate). */
const seen = new Uint32Array(128);
let generation = 0;

/** True when the 32-character body of a token, secret or SID is evidently not random. */
export function isPlaceholder(body: string): boolean {
  const n = body.length;
  if (n === 0) return true;
  if (++generation === 0xffffffff) { seen.fill(0); generation = 1; }
  let distinct = 0;
  let longestRun = 1, run = 1, sequential = 0;
  for (let i = 0; i < n; i++) {
    const c = body.charCodeAt(i) & 127;
    if (seen[c] !== generation) { seen[c] = generation; distinct++; }
    if (i > 0) {
      const prev = body.charCodeAt(i - 1);
      if (c === prev) { run++; if (run > longestRun) longestRun = run; } else run = 1;
      if (c - prev === 1 || c - prev === -1) sequential++;
    }
  }
  if (distinct < 7 || longestRun >= 6 || sequential >= 16) return true;
  // Interleaved sequences typed by hand: `a1b2c3d4…`, `1a2b3c4d…`.
  let stride2 = 0;
  for (let i = 2; i < n; i++) if (body.charCodeAt(i) - body.charCodeAt(i - 2) === 1) stride2++;
  if (stride2 >= 16) return true;
  if (hasShortPeriod(body)) return true;
  return PLACEHOLDER_WORDS.test(body);
}

/** `abcdabcd…`, `deadbeef1deadbeef1…`: the value repeats with a period of at most 16. */
function hasShortPeriod(body: string): boolean {
  for (let p = 1; p <= 16 && p < body.length; p++) {
    let periodic = true;
    for (let i = p; i < body.length; i++) {
      if (body.charCodeAt(i) !== body.charCodeAt(i - p)) { periodic = false; break; }
    }
    if (periodic) return true;
  }
  return false;
}

/**
 * A camelCase identifier of exactly 32 characters (`getTwilioAccountFromEnvironment`,
 * `ApiV2010SipCredentialListMapping`) is code, not a secret. A random 32-alphanumeric secret has
 * about 5 digits and 13 capitals; an identifier has no digits and few capitals, or is made of
 * capitalised words (`Sip`, `Credential`, `Mapping`) covering 24 of its characters or more, which
 * a random secret does in about 1 in 2,000 (measured on 500,000 random values).
 */
export function looksLikeIdentifier(body: string): boolean {
  let digits = 0, upper = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c >= 65 && c <= 90) upper++;
  }
  return (digits === 0 && upper < 8) || capitalisedWordCoverage(body) >= 24;
}

/** Characters covered by capitalised words of at least 3 letters (`Credential`, `Sip`). */
function capitalisedWordCoverage(body: string): number {
  let covered = 0;
  for (let i = 0; i < body.length; ) {
    const c = body.charCodeAt(i);
    if (c < 65 || c > 90) { i++; continue; }
    let j = i + 1;
    while (j < body.length && body.charCodeAt(j) >= 97 && body.charCodeAt(j) <= 122) j++;
    if (j - i >= 3) covered += j - i;
    i = j;
  }
  return covered;
}
