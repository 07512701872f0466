// The judgement: is this credential-shaped value a Twilio secret? Shape alone says nothing (an
// Auth Token looks like any MD5), so each candidate is judged by what surrounds it, strongest
// evidence first:
//   1. the name it is assigned to (`authToken`, `TWILIO_AUTH_TOKEN`, `api_secret`…);
//   2. basic-auth shapes: `https://AC…:token@api.twilio.com`, `curl -u AC…:token`;
//   3. words on its line ("Twilio auth token: …", `<add key="TwilioAuthToken" value="…"/>`);
//   4. the call it is an argument of (`twilio(…)`, `Client(…)`, `validateRequest(…)`…);
//   5. an Account SID or API key SID within a few lines;
//   6. a generic name (`token`, `password`, `secret`) in a file that mentions Twilio.
// Hash-like names and words (md5, sha256, checksum, integrity, commit, …), id-like names and
// values glued into paths, file names or base64 veto everything but a credential name.

import { Candidate, isAlnumCode } from './candidates';
import {
  EnclosingCall, KeyName, inComment, isValueKey, keyBefore, normalizeName, siblingName, textAfter, textBefore,
} from './context';
import { isPlaceholder, looksLikeIdentifier } from './placeholders';

export type SecretKind = 'twilio-auth-token' | 'twilio-api-key-secret';

export interface Verdict {
  kind: SecretKind;
  /** Short words for why it was reported, e.g. `name:authToken`, `sid-nearby`: for tests and debugging. */
  evidence: string[];
  key?: KeyName;
  call?: EnclosingCall;
}

/** What the judge may ask about the whole text; computed lazily by the scanner. */
export interface TextFacts {
  /** Nearest Account SID / API key SID distance in characters (Infinity when none nearby). */
  sidDistance(c: Candidate, prefix: 'AC' | 'SK'): number;
  /** The text mentions Twilio anywhere, or holds a SID. */
  mentionsTwilio(): boolean;
  /** The call around `pos`, if any (memoised bracket search; see Facts in scan.ts). */
  callAround(pos: number): EnclosingCall | undefined;
  /** Another Twilio SID (`MG…`, `PN…`) or a sender number (`from: '+1…'`) within a few lines. */
  twilioNeighbour(c: Candidate): boolean;
}

/** How near a SID must be to vouch for a bare value: a few lines of a config or a call. */
export const SID_NEARBY = 200;

const NEGATIVE_WORD =
  /(?<![a-z])(md5|sha-?(?:1|224|256|384|512)?|hash(?:ed|es)?|hexdigest|checksum|digest|integrity|etag|commit|revision|uuid|guid|nonce|salt|hmac|crc(?:32)?|fingerprint)(?![a-z])/i;
const ID_LIKE = /(?:^|[^a-z])(?:id|ids|sid)$/i;

function splitCamel(s: string): string {
  return s.replace(/([a-z0-9])([A-Z])/g, '$1_$2');
}

/** Names that say "this is a hash or an identifier", whatever else they say. */
export function isNegativeName(name: string): boolean {
  const split = splitCamel(name);
  return NEGATIVE_WORD.test(split) || ID_LIKE.test(split);
}

const TOKEN_NAME = /authtoken|twiliotoken|accounttoken|twiliopassword|twiliopass/;
const SECRET_NAME = /apisecret|keysecret|twiliosecret|secretkey(?=$|twilio)/;
const GENERIC_NAME = /token|secret|password|passwd|pwd|pass$|credential|auth/;
/** Names that carry no meaning of their own, e.g. `value` in `<add key="…" value="…"/>`. */
const NEUTRAL_NAMES = new Set(['value', 'val', 'v', 'default', 'defaultvalue', 'data', 'content', 'text', 'str', 'string', 'arg', 'x', 'env', 'environment']);
const SPECIFIC_CALLEE = /twilio|validaterequest|requestvalidator/;
const GENERIC_CALLEE = /client|accesstoken|clientparams|init$|validator|^auth$/;

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
  if (p === 47 || n === 47) return true; // /…/
  if (p === 43 || n === 43) return true; // base64 +
  if (n === 61) return true; // base64 padding, or a key rather than a value
  return false;
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

/** Words that leave a generic name (`token`, `password`) pointing at Twilio or at nothing in particular. */
const GENERIC_WORDS = new Set([
  'token', 'tokens', 'secret', 'secrets', 'password', 'passwd', 'pwd', 'pass', 'auth', 'credential',
  'credentials', 'creds', 'api', 'key', 'apikey', 'twilio', 'account', 'sms', 'client', 'my', 'the',
  'config', 'cfg', 'settings', 'setting', 'env', 'default', 'prod', 'production', 'dev',
  'development', 'staging', 'test', 'live', 'sandbox', 'main', 'primary', 'value', 'string', 'const',
  'this', 'self', 'options', 'opts', 'params', 'process', 'os', 'environ', 'private', 'static',
  'final', 'var', 'let', 'val', 'set', 'get', 'rest', 'basic', 'u', 'p', 'app', 'application',
]);

/**
 * `GITHUB_TOKEN`, `SESSION_SECRET`, `db_password`: a generic word qualified by another service or
 * purpose names someone else's credential, even in a file that also configures Twilio.
 */
function namesSomethingElse(name: string): boolean {
  const words = splitCamel(name).toLowerCase().split(/[^a-z]+/);
  return words.some((w) => w.length > 0 && !GENERIC_WORDS.has(w));
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

export function judge(text: string, c: Candidate, facts: TextFacts): Verdict | undefined {
  const hex = c.shape === 'hex32';
  if (!hex && (!hasUpperAndLower(c.value) || looksLikeIdentifier(c.value))) return undefined;
  if (isPlaceholder(c.value)) return undefined;
  if (hex && onlyHexWordsBefore(text, c.start) && facts.sidDistance(c, 'AC') === Infinity && facts.sidDistance(c, 'SK') === Infinity) {
    return undefined;
  }

  const before = textBefore(text, c.start);
  const evidence: string[] = [];
  const kindFor = (secretHint: boolean): SecretKind => (!hex || secretHint ? 'twilio-api-key-secret' : 'twilio-auth-token');

  // Basic auth: the user part says which credential the password is.
  const user = basicAuthUser(text, c.start, c.end, before);
  if (user !== undefined) {
    const userNorm = normalizeName(user);
    const host = textAfter(text, c.end, 60);
    if (/^SK[0-9a-f]{32}$/.test(user) || /^AC[0-9a-f]{32}$/.test(user) || userNorm.includes('twilio') || userNorm.includes('sid') || /twilio/i.test(host) || facts.mentionsTwilio()) {
      evidence.push('basic-auth');
      return { kind: kindFor(user.startsWith('SK') || /apikey|keysid/.test(userNorm)), evidence };
    }
    return undefined;
  }

  let key = keyBefore(text, c.start);
  // A key/value list entry (`{"key": "password", "value": "…"}`, `- name: X\n  value: …`): the
  // sibling field names the value. An entry named by something else (`GITHUB_TOKEN`,
  // `image.digest`) is that thing, whatever SID sits nearby.
  if (key && isValueKey(key.name)) {
    const sibling = siblingName(text, key, c.end);
    if (sibling) {
      key = sibling;
      evidence.push('key-value-entry');
    }
  }
  const keyNorm = key ? normalizeName(key.name) : '';
  if (key && isNegativeName(key.name)) return undefined;
  const keyToken = TOKEN_NAME.test(keyNorm);
  const keySecret = SECRET_NAME.test(keyNorm);
  const keyGeneric = !keyToken && !keySecret && GENERIC_NAME.test(keyNorm) && !namesSomethingElse(key!.name);
  const keyOther = !!key && !keyToken && !keySecret && !keyGeneric && !NEUTRAL_NAMES.has(keyNorm);

  if (keySecret || keyToken || (keyGeneric && keyNorm.includes('twilio'))) {
    // An alphanumeric value under an Auth Token name is an API key secret passed as the password
    // (`twilio(SK…, secret)`), but only believable in a Twilio context.
    if (!hex && !keySecret && !facts.mentionsTwilio()) return undefined;
    evidence.push(`name:${key!.name}`);
    return { kind: kindFor(keySecret), evidence, key };
  }

  if (isEmbedded(text, c.start, c.end)) return undefined;
  const after = textAfter(text, c.end, 40);
  if (NEGATIVE_WORD.test(splitCamel(before.slice(-60))) || NEGATIVE_WORD.test(splitCamel(after))) return undefined;

  // In a comment the words before the value are prose (`# twilio auth token for the staging
  // account: …`): the last word before a colon is not a key that names the value.
  const lineNorm = keyOther && !inComment(before) ? '' : normalizeName(before);
  const lineToken = TOKEN_NAME.test(lineNorm);
  const lineSecret = /apisecret|keysecret|apikeysecret/.test(lineNorm);
  if (lineToken || lineSecret) {
    evidence.push(lineToken ? 'line:auth-token' : 'line:api-secret');
    return { kind: kindFor(lineSecret && !lineToken), evidence, key };
  }

  const call = facts.callAround(c.start);
  const acDistance = facts.sidDistance(c, 'AC');
  const skDistance = facts.sidDistance(c, 'SK');
  const secretByCall = !!call && /accesstoken/i.test(call.callee) && call.argIndex === 2;
  const secretHint = secretByCall || skDistance < acDistance;
  if (call) {
    const callee = normalizeName(call.callee);
    if (SPECIFIC_CALLEE.test(callee) || (GENERIC_CALLEE.test(callee) && facts.mentionsTwilio())) {
      evidence.push(`call:${call.callee}`);
      return { kind: kindFor(secretHint), evidence, key, call };
    }
  }

  // A SID nearby vouches only for a value that is written as one (quoted, or assigned): in prose
  // or a log line (`[AC…] request 3f2a… done`) a hex word next to a SID is anything.
  const p = text.charCodeAt(c.start - 1), n = text.charCodeAt(c.end);
  const quoted = p === 34 || p === 39 || p === 96 || n === 34 || n === 39 || n === 96;
  if ((!keyOther || keyGeneric) && (quoted || key)) {
    if (hex ? Math.min(acDistance, skDistance) <= SID_NEARBY : skDistance <= SID_NEARBY || (keyGeneric && acDistance <= SID_NEARBY)) {
      evidence.push(skDistance < acDistance ? 'sid-nearby:SK' : 'sid-nearby:AC');
      return { kind: kindFor(secretHint), evidence, key, call };
    }
  }
  if (keyGeneric && facts.mentionsTwilio()) {
    evidence.push(`generic-name:${key!.name}`);
    return { kind: kindFor(secretHint), evidence, key, call };
  }
  // `token: <32 hex>` beside `from: '+1…'` or a Messaging Service SID: an SMS sender's config.
  if (hex && keyGeneric && facts.twilioNeighbour(c)) {
    evidence.push(`generic-name:${key!.name}`, 'twilio-neighbour');
    return { kind: kindFor(secretHint), evidence, key, call };
  }
  // "twilio" earlier on the value's own line (`Twilio::REST::Client.new sid, '…'`); a mention on
  // the line above is too weak (a checksum list of twilio-cli downloads).
  if (hex && !keyOther && normalizeName(before.slice(before.lastIndexOf('\n') + 1)).includes('twilio')) {
    evidence.push('line:twilio');
    return { kind: kindFor(secretHint), evidence, key, call };
  }
  return undefined;
}
