// Credentials of other services that Twilio itself keeps for an account (issue 20), found when they
// are hardcoded next to Twilio context: Firebase's legacy FCM server keys (what a push credential's
// secret used to be, turned off by Google in June 2024) and AWS secret access keys (what Twilio's
// AWS credentials hold, for recordings and media written to S3). Kept apart from the Twilio rules
// (rules.ts, context.ts) on purpose: scan.ts turns these hits into findings with one small hook.
//
// Pure and linear: every search starts from an anchor found with indexOf (`APA91b`, a `secret`
// name, an `AKIA…` access key id) and reads a bounded window around it; "Twilio nearby" is
// answered from the positions of the word and of SIDs, collected once per text, by binary search.
import * as l10n from '@vscode/l10n';
import type { FileRole } from './languages';
import { isPlaceholder } from './placeholders';

export type OtherCredentialKind = 'fcm-server-key' | 'aws-secret-access-key';
/** Where each kind belongs instead: the variable a fix moves it to. */
export type OtherEnvVarName = 'FCM_SERVER_KEY' | 'AWS_SECRET_ACCESS_KEY';

export const OTHER_ENV_VAR: Readonly<Record<OtherCredentialKind, OtherEnvVarName>> = {
  'fcm-server-key': 'FCM_SERVER_KEY',
  'aws-secret-access-key': 'AWS_SECRET_ACCESS_KEY',
};

export interface OtherCredentialHit {
  kind: OtherCredentialKind;
  /** Offsets of the value in the text. */
  start: number;
  end: number;
  value: string;
  /** Why it was reported, as the Twilio findings' `evidence` (`shape:fcm-legacy`, `name:…`, `twilio:near`). */
  evidence: string[];
}

/** How far around a value the word Twilio or a Twilio SID counts as its context (about 40 lines of code). */
export const TWILIO_CONTEXT_WINDOW = 2000;
/** How far an AWS access key id (`AKIA…`) may be from the secret it goes with (a few lines). */
const KEY_ID_WINDOW = 300;
/** How much of a value's own line, before it, is read for its name. */
const NAME_WINDOW = 160;

const FCM_MARK = 'APA91b';
/** The characters of a legacy FCM server key (URL-safe base64). */
const isUrlSafe = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95;
/** The characters of an AWS secret access key (base64). */
const isBase64 = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47;
/** Characters that, glued to a 40-character run, say it is part of something larger (a name, a dotted path, an escape). */
const isGlue = (c: number) => c === 45 || c === 46 || c === 95 || c === 92;

/** What each credential needs near it: the FCM key's own mark, a `secret` name, an AWS access key id. */
const MARKERS = ['APA91b', 'ecret', 'ECRET', 'AKIA', 'ASIA'];
const MARKER_CODES = MARKERS.map((m) => [...m].map((c) => c.charCodeAt(0)));

/** Whether the bytes hold these ASCII codes in a row (the first byte found with indexOf, then compared). */
function bytesInclude(bytes: Uint8Array, codes: readonly number[]): boolean {
  for (let at = bytes.indexOf(codes[0]); at >= 0 && at + codes.length <= bytes.length; at = bytes.indexOf(codes[0], at + 1)) {
    let i = 1;
    while (i < codes.length && bytes[at + i] === codes[i]) i++;
    if (i === codes.length) return true;
  }
  return false;
}

/**
 * Whether the text may hold one of these credentials: the cheap test a file passes before it is
 * scanned (`mightContainSecret` adds it to the Twilio one). Works on raw bytes too.
 */
export function mightContainOtherCredential(text: string | Uint8Array): boolean {
  if (typeof text === 'string') return MARKERS.some((m) => text.includes(m));
  return MARKER_CODES.some((codes) => bytesInclude(text, codes));
}

/** Sorted offsets of every occurrence of each needle (indexOf passes, no regular expression over the text). */
function positionsOf(text: string, needles: readonly string[]): number[] {
  const out: number[] = [];
  for (const needle of needles) for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) out.push(at);
  return out.sort((a, b) => a - b);
}

/** Whether some position lies within `distance` characters of [start, end). */
function near(positions: readonly number[], start: number, end: number, distance: number): boolean {
  let lo = 0, hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (positions[mid] < start - distance) lo = mid + 1;
    else hi = mid;
  }
  return lo < positions.length && positions[lo] <= end + distance;
}

/** Where the text says Twilio: the word (any case) and Account or API key SIDs. Found once per text. */
class TwilioContext {
  private words: number[] | undefined;
  constructor(
    private readonly text: string,
    private readonly path: string | undefined,
  ) {}

  /** `twilio:path` when the file's name or folder says Twilio, `twilio:near` when the word or a SID is close. */
  around(start: number, end: number): string | undefined {
    if (this.path && /twilio/i.test(this.path.split(/[\\/]/).slice(-2).join('/'))) return 'twilio:path';
    this.words ??= this.collect();
    return near(this.words, start, end, TWILIO_CONTEXT_WINDOW) ? 'twilio:near' : undefined;
  }

  private collect(): number[] {
    const words = positionsOf(this.text, ['wilio', 'WILIO']).filter((at) => /[tT]/.test(this.text[at - 1] ?? '')).map((at) => at - 1);
    // An AC/SK SID: the prefix followed by 32 hex characters.
    const sids = positionsOf(this.text, ['AC', 'SK']).filter((at) => /^[0-9a-fA-F]{32}$/.test(this.text.slice(at + 2, at + 34)));
    return [...words, ...sids].sort((a, b) => a - b);
  }
}

/** Hardcoded FCM legacy server keys and AWS secret access keys next to Twilio context, in text order. */
export function findOtherCredentials(text: string, path?: string): OtherCredentialHit[] {
  if (typeof text !== 'string' || text.length < 40 || !mightContainOtherCredential(text)) return [];
  const twilio = new TwilioContext(text, path);
  const hits = [...fcmServerKeys(text, twilio), ...awsSecretKeys(text, twilio)];
  return hits.sort((a, b) => a.start - b.start);
}

/**
 * `AAAA` + 7 characters + `:APA91b` + at least 120 more, all URL-safe base64: the shape of a legacy
 * FCM server key (Firebase printed them that way; nothing else does).
 */
function fcmServerKeys(text: string, twilio: TwilioContext): OtherCredentialHit[] {
  const out: OtherCredentialHit[] = [];
  for (let at = text.indexOf(FCM_MARK); at >= 0; at = text.indexOf(FCM_MARK, at + FCM_MARK.length)) {
    const start = at - 12;
    if (start < 0 || text.charCodeAt(at - 1) !== 58 /* : */ || !text.startsWith('AAAA', start)) continue;
    let ok = true;
    for (let i = start + 4; i < at - 1 && ok; i++) ok = isUrlSafe(text.charCodeAt(i));
    if (!ok || (start > 0 && isUrlSafe(text.charCodeAt(start - 1)))) continue;
    let end = at + FCM_MARK.length;
    while (end < text.length && isUrlSafe(text.charCodeAt(end))) end++;
    const tail = text.slice(at + FCM_MARK.length, end);
    at = end - FCM_MARK.length; // resume after this run
    if (tail.length < 120 || isPlaceholder(tail)) continue;
    const context = twilio.around(start, end);
    if (!context) continue;
    out.push({ kind: 'fcm-server-key', start, end, value: text.slice(start, end), evidence: ['shape:fcm-legacy', context] });
  }
  return out;
}

/** The name a value is given on its own line (`aws_secret_access_key = `, `"SecretAccessKey": `), lowercased, letters and digits only. */
function nameBefore(text: string, start: number): string {
  let from = start;
  while (from > 0 && start - from < NAME_WINDOW) {
    const c = text.charCodeAt(from - 1);
    if (c === 10 || c === 13) break;
    from--;
  }
  return text.slice(from, start).toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** A name that says AWS secret: "secret" and "access" or "aws" in what precedes the value on its line. */
function awsSecretName(name: string): boolean {
  return name.includes('secret') && (name.includes('access') || name.includes('aws'));
}

/**
 * The starts of the maximal base64 runs of exactly 40 characters that begin in [from, to), not
 * glued to a longer token. Reads at most 41 characters past `to`.
 */
function fortyRuns(text: string, from: number, to: number): number[] {
  const out: number[] = [];
  const n = text.length;
  let i = Math.max(0, from);
  // A run already under way at `from` started before the window: step past it.
  while (i > 0 && i < n && isBase64(text.charCodeAt(i - 1)) && isBase64(text.charCodeAt(i))) i++;
  for (const last = Math.min(to, n); i < last; ) {
    if (!isBase64(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && j - i <= 40 && isBase64(text.charCodeAt(j))) j++;
    if (j - i === 40 && !(i > 0 && isGlue(text.charCodeAt(i - 1))) && !(j < n && (isGlue(text.charCodeAt(j)) || text.charCodeAt(j) === 61 /* = padding */))) out.push(i);
    while (j < n && isBase64(text.charCodeAt(j))) j++;
    i = j;
  }
  return out;
}

/**
 * 40 base64 characters (letters of both cases and a digit), not glued to a longer token, named as
 * an AWS secret on its line or with an access key id (`AKIA…`/`ASIA…` + 16) a few lines away. The
 * search starts from those anchors (found with indexOf), so a text without them costs a few
 * native searches, and each anchor reads a bounded window.
 */
function awsSecretKeys(text: string, twilio: TwilioContext): OtherCredentialHit[] {
  const found = new Map<number, string>();
  // Named: `secret` (any case) then, on the same line, the value.
  for (const at of positionsOf(text, ['ecret', 'ECRET'])) {
    // The name must say "access" or "aws" too, before the value: most `secret`s stop here.
    const around = text.slice(Math.max(0, at - 60), at + 40);
    if (!/access|aws/i.test(around)) continue;
    let lineEnd = at;
    while (lineEnd < text.length && lineEnd - at < NAME_WINDOW && text.charCodeAt(lineEnd) !== 10 && text.charCodeAt(lineEnd) !== 13) lineEnd++;
    for (const start of fortyRuns(text, at + 5, lineEnd)) {
      if (!found.has(start) && awsSecretName(nameBefore(text, start))) found.set(start, 'name:aws-secret');
    }
  }
  // Beside an access key id.
  const keyIds = positionsOf(text, ['AKIA', 'ASIA']).filter((at) => /^[A-Z2-7]{16}(?![A-Za-z0-9])/.test(text.slice(at + 4, at + 21)) && !/[A-Za-z0-9]/.test(text[at - 1] ?? ''));
  for (const at of keyIds) {
    for (const start of fortyRuns(text, at - KEY_ID_WINDOW, at + 20 + KEY_ID_WINDOW)) if (!found.has(start)) found.set(start, 'aws-key-id-nearby');
  }
  const out: OtherCredentialHit[] = [];
  for (const [start, evidence] of found) {
    const end = start + 40;
    const value = text.slice(start, end);
    if (!/[a-z]/.test(value) || !/[A-Z]/.test(value) || !/[0-9]/.test(value) || isPlaceholder(value)) continue;
    const context = twilio.around(start, end);
    if (context) out.push({ kind: 'aws-secret-access-key', start, end, value, evidence: [evidence, context] });
  }
  return out;
}

/** The finding's message, as whole sentences per kind and place (translators get sentences). */
export function otherCredentialMessage(kind: OtherCredentialKind, redacted: string, role: FileRole): string {
  if (kind === 'fcm-server-key') {
    if (role === 'env-file') return l10n.t('FCM legacy server key ({0}) in a .env file: Google turned these keys off in June 2024; keep this file out of version control', redacted);
    return role === 'test'
      ? l10n.t('Hardcoded FCM legacy server key ({0}) in a test file: Google turned these keys off in June 2024', redacted)
      : l10n.t('Hardcoded FCM legacy server key ({0}): Google turned these keys off in June 2024; Twilio now takes a service-account JSON', redacted);
  }
  if (role === 'env-file') return l10n.t('AWS secret access key ({0}) in a .env file: keep this file out of version control', redacted);
  return role === 'test'
    ? l10n.t('Hardcoded AWS secret access key ({0}) next to Twilio configuration, in a test file', redacted)
    : l10n.t('Hardcoded AWS secret access key ({0}) next to Twilio configuration', redacted);
}
