// The judgement: is this credential-shaped value a Twilio secret? Shape alone says nothing (an
// Auth Token looks like any MD5), so each candidate is judged by the evidence around it,
// combined rather than matched shape by shape:
//
//   decisive  a name that is Twilio's word for a credential (`authToken`, `TWILIO_API_KEY`,
//             `twilio.secret`, a CSV column `auth_token`, "Token de Twilio:"), a basic-auth pair,
//             a Twilio SDK call (`twilio(…)`, `validateRequest(…)`), a variable a Twilio client is
//             built from (`Client(sid, api_key)`);
//   weighed   the name or label (a credential word in any language, or a name that says nothing
//             or something else), the nearest Account/API key SID (written beside the value as a
//             pair, on its line, in its block, in the file), the word Twilio (on the line, a few
//             lines away, in the path, in the file), a generic client call, whether the value is
//             written as a value (quoted, assigned, a table cell), and its entropy;
//   vetoes    a hash, checksum or id name or word (md5, sha256, checksum, request_id, 校验和), a
//             known other service (`GITHUB_TOKEN`, "# sendgrid key"), a value glued into a path,
//             a file name or base64.
//
// Points add up per family (the best piece of each); HIGH points or more is a finding at the
// usual severity, LOW to HIGH a "possible" finding one severity lower, below LOW nothing.

import { Candidate, isAlnumCode } from './candidates';
import { EnclosingCall, KeyName, inComment, isValueKey, keyBefore, normalizeName, siblingName, textAfter, textBefore } from './context';
import {
  CallArgument, FileKind, GENERIC_CALLEE, SPECIFIC_CALLEE, SidTier, adjacentSid, firstArgumentName, lastIdentifier,
  parentNames, sidTier, trailingComment,
} from './evidence';
import { LabelReading, NameReading, Says, readLabel, readName, twilioTermIn } from './lexicon';
import { isPlaceholder, looksLikeIdentifier } from './placeholders';

export type SecretKind = 'twilio-auth-token' | 'twilio-api-key-secret';

/** `high`: reported at the usual severity. `low`: weak but real evidence, reported one severity lower. */
export type Confidence = 'high' | 'low';

/** What a low-confidence finding rests on, for its message. */
export type Reason = 'sid' | 'name' | 'twilio' | 'call';

export interface Verdict {
  kind: SecretKind;
  confidence: Confidence;
  /** Short words for why it was reported, e.g. `name:authToken`, `sid-pair:AC`: for tests and debugging. */
  evidence: string[];
  /** For a low-confidence finding: the strongest evidence it had. */
  reason?: Reason;
  key?: KeyName;
  call?: EnclosingCall;
}

/** What the judge may ask about the whole text; computed lazily by the scanner. */
export interface TextFacts {
  /** How the file is read (a CSV's header, a program's calls). */
  readonly kind: FileKind;
  /** Every Account SID and API key SID, in order. */
  readonly sids: readonly Candidate[];
  /** The nearest SID with this prefix, anywhere in the text. */
  nearestSid(c: Candidate, prefix: 'AC' | 'SK'): Candidate | undefined;
  /** The text says Twilio anywhere (the word, a SID, or the file's name). */
  mentionsTwilio(): boolean;
  /** The word Twilio on the value's logical line (`line`) or within 4 lines (`near`). */
  twilioWordNear(c: Candidate): 'line' | 'near' | undefined;
  /** The word Twilio anywhere in the text. */
  saysTwilio(): boolean;
  /** The file's name or folder says Twilio (`config/twilio.yml`). */
  pathNamesTwilio(): boolean;
  /** The call around `pos`, if any (memoised bracket search; see Facts in scan.ts). */
  callAround(pos: number): EnclosingCall | undefined;
  /** Another Twilio SID (`MG…`, `PN…`) or a sender number (`from: '+1…'`) within a few lines. */
  twilioNeighbour(c: Candidate): boolean;
  /** The column a value sits in, named by its table's header (see TableReader); values are asked in order. */
  columnName(c: Candidate): KeyName | undefined;
  /** The text around the value calls another API (`https://api.openweathermap.org`) or names another API service (`sendgrid`). */
  callsOtherApi(c: Candidate): boolean;
  /** The variables Twilio clients are built from (see twilioCallArguments). */
  twilioCallArguments(c: Candidate): ReadonlyMap<string, CallArgument>;
}

/** Points for a finding at the usual severity, and for a "possible" one. */
export const HIGH = 8;
export const LOW = 6;

/** How near a SID must be to keep a text of hex words from the fast path. */
export const SID_NEARBY = 200;

const NEGATIVE_WORD =
  /(?<![a-z])(md5|sha-?(?:1|224|256|384|512)?|hash(?:ed|es)?|hexdigest|checksum|digest|integrity|etag|commit|revision|uuid|guid|nonce|salt|hmac|crc(?:32)?|fingerprint|prüfsumme|hachage|校验|校驗|哈希|散列|ハッシュ|チェックサム|хеш|хэш)(?![a-z])/i;

/** After a value: blanks (and `*` for binary mode) then a file name with an extension, and nothing else. */
const CHECKSUM_LINE = /^[ \t]{1,4}\*?[\w./\\-]{0,200}\.[A-Za-z0-9]{1,8}[ \t]*$/;

/** The stems of NEGATIVE_WORD without its word boundaries: most lines have none, and then need no splitting. */
const NEGATIVE_STEM = /md5|sha|hash|digest|checksum|integrity|etag|commit|revision|uuid|guid|nonce|salt|hmac|crc|fingerprint|prüfsumme|hachage|校验|校驗|哈希|散列|ハッシュ|チェックサム|хеш|хэш/i;

/** A hash or id word in `s`, camelCase boundaries included (`fileSha256`). */
function hasNegativeWord(s: string): boolean {
  return NEGATIVE_STEM.test(s) && NEGATIVE_WORD.test(splitCamel(s));
}

function splitCamel(s: string): string {
  return s.replace(/([a-z0-9])([A-Z])/g, '$1_$2');
}

/** Names that say "this is a hash or an identifier", whatever else they say. */
export function isNegativeName(name: string): boolean {
  return readName(name).cls === 'counter';
}

function hasUpperAndLower(value: string): boolean {
  let upper = false, lower = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 65 && c <= 90) upper = true;
    else if (c >= 97 && c <= 122) lower = true;
  }
  return upper && lower;
}

/**
 * A value glued into a longer word (`cache-…`, `…-v2`, `main.….js`), a path segment or base64:
 * such values are identifiers or data, and only an explicit credential name can overrule that.
 */
function isEmbedded(text: string, start: number, end: number): boolean {
  const p = text.charCodeAt(start - 1), pp = text.charCodeAt(start - 2);
  const n = text.charCodeAt(end), nn = text.charCodeAt(end + 1);
  if ((p === 45 || p === 46) && isAlnumCode(pp)) return true; // foo-…, foo.…
  if (n === 45 && isAlnumCode(nn)) return true; // …-foo
  if (n === 46 && ((nn >= 65 && nn <= 90) || (nn >= 97 && nn <= 122))) return true; // ….json
  if (n === 47 || (p === 47 && !isSidBefore(text, start - 1))) return true; // /…/, but `AC…/<token>` is a pair
  if (p === 43 || n === 43) return true; // base64 +
  if (n === 61) return true; // base64 padding, or a key rather than a value
  return false;
}

/** An Account SID or API key SID ends at `end`. */
function isSidBefore(text: string, end: number): boolean {
  return end >= 34 && /^(?:AC|SK)[0-9a-f]{32}$/.test(text.slice(end - 34, end)) && !isAlnumCode(text.charCodeAt(end - 35));
}

/**
 * Basic-auth pairs: `https://USER:VALUE@host`, `curl -u USER:VALUE`, `"AC…:VALUE"`,
 * `"$TWILIO_ACCOUNT_SID:VALUE"`, `"\(accountSid):VALUE"`. Returns the user part, or undefined
 * when the value is not the password half of such a pair. The colon must touch the value:
 * `sid: abc…` with a space is a YAML key, not a pair.
 */
function basicAuthUser(text: string, start: number, end: number, before: string): string | undefined {
  if (text.charCodeAt(start - 1) !== 58 /* : */) return undefined;
  const m = /([^\s'"`=/(,]*):$/.exec(before);
  const user = m ? m[1] : '';
  if (text.charCodeAt(end) === 64 /* @ */) return user;
  if (/(?:^|\s)(?:-u|--user)\s*['"]?[^\s'"]*:$/.test(before)) return user;
  if (/^(?:AC|SK)[0-9a-f]{32}$/.test(user) || /sid|apikey|keysid|username/.test(normalizeName(user))) return user;
  return undefined;
}

/**
 * Fast path for texts made of hashes (checksum lists, 10 MB of hex words): when only hex digits
 * and blanks precede a value, no name, call or basic-auth pair can vouch for it, and without a
 * SID nearby nothing else can either. Saves the full judgement for every word of such texts.
 */
function onlyHexWordsBefore(text: string, start: number): boolean {
  const stop = Math.max(0, start - 64);
  for (let i = start - 1; i >= stop; i--) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || c === 32 || c === 9 || c === 10 || c === 13)) return false;
  }
  return true;
}

function distance(c: Candidate, sid: Candidate | undefined): number {
  if (!sid) return Infinity;
  return sid.end <= c.start ? c.start - sid.end : sid.start - c.end;
}

/**
 * A 32-hex value with few distinct digits: a random token has 10 or fewer in about 1 in 600
 * (measured on 200,000 random values), a hand-typed or derived value far more often.
 */
function lowEntropyHex(value: string): boolean {
  let mask = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    mask |= 1 << (c <= 57 ? c - 48 : c - 87);
  }
  let n = 0;
  for (; mask; mask &= mask - 1) n++;
  return n <= 10;
}

/** Points per family. A family counts its best piece; families add up. */
const NAME_POINTS: Record<Exclude<NameReading['cls'], 'counter' | 'twilio-credential'>, number> = {
  twilio: 6, credential: 4, neutral: 0, other: -3,
};
const SID_POINTS: Record<SidTier, [formed: number, prose: number]> = {
  line: [6, 4], block: [5, 3], near: [3, 2], file: [2, 1],
};
const SID_PAIR = 10;
/** An Account SID beside a mixed-case value: an API key secret goes with an SK, not an AC. */
const SID_PAIR_MISMATCHED = 6;
const TWILIO_ON_LINE = 5;
const TWILIO_NEAR = 3;
const TWILIO_IN_FILE = 2;
const GENERIC_CALL = 6;
const FORMED = 1;
const LOW_ENTROPY = -2;
/** Negative: added to the score. */
const OTHER_API = -2;

function isQuote(c: number): boolean {
  return c === 34 || c === 39 || c === 96;
}

/** The label of a value in prose: the last 60 characters before it (and the line above when it starts its line). */
function labelText(before: string): string {
  const nl = before.lastIndexOf('\n');
  return nl >= 0 ? before.slice(Math.max(0, nl - 60)) : before.slice(-60);
}

/** Kinds of file read as prose: a value's label is the words before it. */
const PROSE_KINDS: ReadonlySet<FileKind> = new Set(['docs', 'log', 'csv', 'notebook', 'other']);

/** Callees a value flows into as a credential: Twilio's clients and validators, not any `…Client`. */
const FLOW_CALLEE = /twilio|^(?:client|restclient|clientnew|accesstoken|jwtaccesstoken|requestvalidator|validaterequest)$/;

function kindOf(hex: boolean, says: Says, secretHint: boolean): SecretKind {
  if (!hex) return 'twilio-api-key-secret';
  if (says === 'token') return 'twilio-auth-token';
  return says === 'secret' || secretHint ? 'twilio-api-key-secret' : 'twilio-auth-token';
}

export function judge(text: string, c: Candidate, facts: TextFacts): Verdict | undefined {
  const hex = c.shape === 'hex32';
  if (!hex && (!hasUpperAndLower(c.value) || looksLikeIdentifier(c.value))) return undefined;
  if (isPlaceholder(c.value)) return undefined;
  const ac = facts.nearestSid(c, 'AC');
  const sk = facts.nearestSid(c, 'SK');
  if (hex && onlyHexWordsBefore(text, c.start) && Math.min(distance(c, ac), distance(c, sk)) > SID_NEARBY) return undefined;

  const before = textBefore(text, c.start);
  const evidence: string[] = [];
  const skNearer = distance(c, sk) < distance(c, ac);
  const high = (says: Says, secretHint: boolean, key?: KeyName, call?: EnclosingCall): Verdict =>
    ({ kind: kindOf(hex, says, secretHint || skNearer), confidence: 'high', evidence, key, call });

  // Basic auth: the user part says which credential the password is.
  const user = basicAuthUser(text, c.start, c.end, before);
  if (user !== undefined) {
    const userNorm = normalizeName(user);
    const host = textAfter(text, c.end, 60);
    if (/^SK[0-9a-f]{32}$/.test(user) || /^AC[0-9a-f]{32}$/.test(user) || userNorm.includes('twilio') || userNorm.includes('sid') || /twilio/i.test(host) || facts.mentionsTwilio()) {
      evidence.push('basic-auth');
      return { kind: kindOf(hex, user.startsWith('SK') || /apikey|keysid/.test(userNorm) ? 'secret' : undefined, false), confidence: 'high', evidence };
    }
    return undefined;
  }

  // The name: assigned (`authToken = …`), a key/value entry's sibling (`{"key": "password",
  // "value": …}`), a call's first argument (`env('TWILIO_AUTH_TOKEN', …)`), a table's column.
  const call = facts.callAround(c.start);
  let key = keyBefore(text, c.start);
  let assigned = !!key;
  if (key && isValueKey(key.name)) {
    const sibling = siblingName(text, key, c.end);
    if (sibling) {
      key = sibling;
      assigned = false;
      evidence.push('key-value-entry');
    }
  }
  if (!key && call) {
    key = firstArgumentName(text, call, c.start);
    if (key) evidence.push('first-argument');
  }
  let column = false;
  if (!key) {
    key = facts.columnName(c);
    column = !!key;
    if (column) evidence.push('column');
  }
  const keyIsSid = !!key && /^(?:AC|SK)[0-9a-f]{32}$/.test(key.name);
  let name = key && !keyIsSid ? readName(key.name) : undefined;
  // The enclosing block (`twilio:` above `key: …`, `[twilio]`, `"twilio": {…}`) can make a name
  // Twilio's, or data (`checksums:`). Read only where a Twilio context can make it matter.
  if (key && !column && name && (name.cls === 'credential' || name.cls === 'neutral') && facts.mentionsTwilio()) {
    const parents = parentNames(text, key.start);
    if (parents.length > 0) {
      const inBlock = readName(key.name, parents);
      if (inBlock.cls !== name.cls) evidence.push(`block:${parents[0]}`);
      name = inBlock;
    }
  }
  if (name?.cls === 'counter') return undefined;
  if (key && name?.cls === 'twilio-credential') {
    // An alphanumeric value under an Auth Token name is an API key secret passed as the password
    // (`twilio(SK…, secret)`), but only believable in a Twilio context.
    if (!hex && name.says !== 'secret' && !facts.mentionsTwilio()) return undefined;
    evidence.push(`name:${key.name}`);
    return high(name.says, false, key);
  }

  if (isEmbedded(text, c.start, c.end)) return undefined;
  const after = textAfter(text, c.end, 40);
  // `<hex>  twilio-cli-5.0.0.tar.gz`: a checksum list's line (sha256sum, md5sum), a file name after the value.
  if (CHECKSUM_LINE.test(after)) return undefined;
  if (hasNegativeWord(before.slice(-60)) || hasNegativeWord(after)) return undefined;

  // The line's words when the value has no name of its own, or sits in a comment, where the
  // words before a colon are prose (`# twilio auth token for the staging account: …`).
  const comment = inComment(before);
  if (name?.cls !== 'other' || comment) {
    const term = twilioTermIn(normalizeName(before));
    if (term) {
      evidence.push(term === 'secret' ? 'line:api-secret' : 'line:auth-token');
      return high(term === 'credential' ? undefined : term, false, key);
    }
  }
  const secretByCall = !!call && /accesstoken/i.test(call.callee) && call.argIndex === 2;
  let genericCall = false;
  if (call) {
    const callee = normalizeName(call.callee);
    if (SPECIFIC_CALLEE.test(callee)) {
      evidence.push(`call:${call.callee}`);
      return high(undefined, secretByCall, key, call);
    }
    genericCall = GENERIC_CALLEE.test(callee);
    // `mixpanel.init('…')`, `Sentry.init(…)`, `redis.Client(…)`: another service's client.
    if (genericCall && readName(call.callee).cls === 'counter') return undefined;
  }
  // Everything below weighs Twilio context (a SID, the word, the path, a sender number beside a
  // credential name) that a text without any cannot give: at most a credential name and a
  // quoted value, short of LOW.
  if (!facts.mentionsTwilio() && !(hex && name?.cls === 'credential' && facts.twilioNeighbour(c))) return undefined;

  // Prose (a comment, a note, a log line, a notebook's text) labels a value; in code or a config
  // the words before a value without a name are identifiers (`ListSipCredentialListMapping(…`).
  let label: LabelReading | undefined;
  if (comment || PROSE_KINDS.has(facts.kind)) {
    label = readLabel(`${labelText(before)} ${trailingComment(text, c.end)}`);
    if (label.counter) return undefined;
    if (label.twilio && label.credential) {
      evidence.push('label:twilio-credential');
      return high(label.says, false, key);
    }
  }

  // Weighed evidence.
  // Written as a value: quoted on both sides (not a word inside a sentence in quotes), named, a cell.
  const quoted = isQuote(text.charCodeAt(c.start - 1)) && isQuote(text.charCodeAt(c.end));
  const formed = quoted || !!key;
  let nameScore = name && name.cls !== 'twilio-credential' ? NAME_POINTS[name.cls] : 0;
  const skTier = name?.secretKey && sk ? sidTier(text, c, sk) : undefined;
  if (skTier === 'line' || skTier === 'block') nameScore = NAME_POINTS.credential;
  // A label's Twilio word is the twilio family's evidence (below); its credential word is a name's.
  if (label?.credential) nameScore = Math.max(nameScore, NAME_POINTS.credential);
  const credentialNamed = name?.cls === 'credential' || !!label?.credential;

  let sidScore = 0;
  const pair = adjacentSid(text, c, facts.sids);
  if (pair) {
    sidScore = hex || pair.value.startsWith('SK') ? SID_PAIR : SID_PAIR_MISMATCHED;
    evidence.push(`sid-pair:${pair.value.slice(0, 2)}`);
  } else {
    // A 32-hex value goes with either SID; a mixed-case one with an API key SID, or with an
    // Account SID only when a credential word names it.
    const vouching = hex || credentialNamed ? (distance(c, sk) < distance(c, ac) ? sk : ac) : sk;
    const tier = vouching && sidTier(text, c, vouching);
    if (tier) {
      sidScore = SID_POINTS[tier][formed ? 0 : 1];
      evidence.push(`sid-${tier}:${vouching!.value.slice(0, 2)}`);
    }
  }

  let twilioScore = 0;
  const word = facts.twilioWordNear(c);
  if (word === 'line') twilioScore = TWILIO_ON_LINE;
  else if (word === 'near' || facts.pathNamesTwilio() || (hex && credentialNamed && facts.twilioNeighbour(c))) twilioScore = TWILIO_NEAR;
  else if (facts.saysTwilio()) twilioScore = TWILIO_IN_FILE;
  if (twilioScore > 0) evidence.push(`twilio:${word ?? (twilioScore === TWILIO_NEAR ? 'near' : 'file')}`);

  const context = Math.max(sidScore, twilioScore) + (sidScore > 0 && twilioScore > 0 ? 1 : 0);
  const callScore = genericCall && context > 0 ? GENERIC_CALL : 0;
  if (callScore) evidence.push(`call:${call!.callee}`);
  let score = nameScore + context + callScore + (formed ? FORMED : 0) + (hex && lowEntropyHex(c.value) ? LOW_ENTROPY : 0);
  // `api_key` says "some API's key": another API's when the file calls one, else nothing in
  // particular. Asked only when the answer can change the outcome (reading for it costs).
  if (name?.apiKey && score - nameScore >= LOW && !facts.callsOtherApi(c)) {
    score -= nameScore;
    nameScore = NAME_POINTS.neutral;
  }
  if (name && nameScore !== 0) evidence.push(`name:${key!.name}`);
  else if (label && nameScore !== 0) evidence.push('label:credential');
  // A file that also calls another API (weather, news, mail) holds that API's keys too: a value
  // no credential word names is as likely theirs.
  if (nameScore === 0 && !pair && score >= LOW && score < HIGH - OTHER_API && facts.callsOtherApi(c)) {
    score += OTHER_API;
    evidence.push('other-api');
  }

  // A variable a Twilio client is built from holds a credential, whatever its name says.
  if (score < HIGH && key && assigned && !keyIsSid) {
    const arg = facts.twilioCallArguments(c).get(normalizeName(lastIdentifier(key.name)));
    if (arg && FLOW_CALLEE.test(normalizeName(arg.callee)) && (arg.index >= 1 || /validat/i.test(arg.callee))) {
      evidence.push(`flow:${arg.callee}`);
      return high(name?.says, /accesstoken/i.test(arg.callee) && arg.index === 2, key);
    }
  }

  // A bare word in prose (not quoted, not assigned, no credential word before it) is only a
  // credential when a SID is written right beside it: `twilio webhook AC… <hex> 200` is a log's id.
  if (score < LOW || (!formed && !pair && nameScore <= 0)) return undefined;
  const kind = kindOf(hex, name?.says ?? label?.says, secretByCall || skNearer);
  if (score >= HIGH) return { kind, confidence: 'high', evidence, key, call };
  const reason: Reason = sidScore >= twilioScore && sidScore >= nameScore && sidScore > 0 ? 'sid'
    : nameScore >= 4 ? 'name' : twilioScore > 0 ? 'twilio' : 'call';
  return { kind, confidence: 'low', evidence, reason, key, call };
}
