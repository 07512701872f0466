// The engine's entry point: candidates → judgement → findings with everything an editor or the
// CLI needs (range, severity, a redacted message, a fingerprint and the context for a fix).

import * as l10n from '@vscode/l10n';
import { Candidate, findCandidates } from './candidates';
import { CALL_WINDOW, KeyName, breaksBetween, enclosingCall, enclosingStringLiteral, lineEndWithin, lineStartWithin, matchingClose, normalizeName } from './context';
import { EncodedPair, findEncodedPairs } from './encoded';
import { fingerprint } from './fingerprint';
import { InlineSuppression, hasIgnoreMarker, suppressionMarkers } from './ignore';
import { FileRole, LanguageId, detectLanguage, envLookup, fileRole, isLockfile } from './languages';
import { isPlaceholder } from './placeholders';
import { LineIndex, TextRange } from './positions';
import { EnclosingCall } from './context';
import { CallArgument, FileKind, TableReader, fileKind, firstAtOrAfter, twilioCallArguments } from './evidence';
import { Confidence, Reason, TextFacts, Verdict, judge } from './rules';

export type FindingKind = 'twilio-auth-token' | 'twilio-api-key-secret' | 'twilio-account-sid' | 'twilio-api-key-sid';
export type Severity = 'error' | 'warning' | 'information' | 'hint';

export type EnvVarName = 'TWILIO_AUTH_TOKEN' | 'TWILIO_API_SECRET' | 'TWILIO_ACCOUNT_SID' | 'TWILIO_API_KEY';

/** A Twilio client constructor call holding the value, e.g. `twilio('AC…', 'token')`. */
export interface TwilioCall {
  /** The callee as written: `twilio`, `new Twilio`, `require('twilio')`, `Client`. */
  callee: string;
  /** The whole call, callee to closing parenthesis. */
  range: TextRange;
  /** The argument list including its parentheses: replace it by `()` to drop the arguments. */
  argumentsRange: TextRange;
  argumentCount: number;
  /**
   * True when the SDK reads the credentials from the environment when called without them
   * (twilio-node `twilio()`, twilio-python `Client()`) and the call passes only the two
   * credentials, so the fix "replace the arguments by `()`" loses nothing.
   */
  canDropArguments: boolean;
}

export interface FixContext {
  /** Where the value should live instead. */
  envVar: EnvVarName;
  language: LanguageId;
  /** How that language reads `envVar` (`process.env.TWILIO_AUTH_TOKEN`…), when known. */
  envLookup?: string;
  /** The name the value is assigned to in the source (`authToken`, `TWILIO_AUTH_TOKEN`), if any. */
  assignedTo?: string;
  /** The string literal holding the value, quotes included. */
  stringLiteral?: { range: TextRange; quote: string; valueOnly: boolean };
  twilioCall?: TwilioCall;
  /**
   * The range holds the secret encoded, not as written: `base64` = an `Authorization: Basic`
   * value of `SID:secret`. Replacing the range by an environment lookup would be wrong; a fix
   * must rebuild the header from both variables.
   */
  encoding?: 'base64';
}

export interface Finding {
  kind: FindingKind;
  /** True for Auth Tokens and API key secrets; SIDs are reported as context only. */
  isSecret: boolean;
  severity: Severity;
  /** The value's range. */
  range: TextRange;
  /** Never shows more than the last 4 characters of a secret. */
  message: string;
  /** `…a1b2` (secrets) or the SID shortened to `AC…a1b2`. */
  redacted: string;
  /** `fingerprint(value)`: identifies the value without revealing it. */
  fingerprint: string;
  /** The value equals a credential the caller knows to be live. */
  live: boolean;
  /** Where the file sits: `.env` files hold secrets by design, tests are less urgent. */
  fileRole: FileRole;
  /**
   * How strong the evidence is: `high` for a name, a call, a SID pair or enough context together;
   * `low` for weak but real evidence (a value beside a SID, a generic name in a file about
   * Twilio), reported one severity lower with a "Possible …" message. SIDs are `high`.
   */
  confidence: Confidence;
  /** Why it was reported (e.g. `name:authToken`, `sid-pair:AC`, `twilio:near`); for tests and debugging. */
  evidence: string[];
  fix: FixContext;
  /**
   * Set only with `keepSuppressed`: the inline marker (ours or another tool's) that suppresses
   * this finding, and the 0-based line the marker is on. The caller decides whether to honour it.
   */
  inlineSuppression?: InlineSuppression;
}

export interface ScanOptions {
  /** The document's path (any separator); decides language, `.env`/test role, lockfile skip. */
  path?: string;
  /** The editor's language id, preferred over the path's extension. */
  languageId?: string;
  /** Fingerprints of secrets known to be live (from SecretStorage): marked `live`, raised to error. */
  knownSecretFingerprints?: ReadonlySet<string>;
  /** Fingerprints to leave out (from `.twilio-credentials-ignore`). */
  ignoreFingerprints?: ReadonlySet<string>;
  /**
   * Return findings an inline marker suppresses, with `inlineSuppression` set, instead of leaving
   * them out (the CLI judges suppressions itself: a pull request's own markers do not count).
   */
  keepSuppressed?: boolean;
}

const ENV_VAR: Record<FindingKind, EnvVarName> = {
  'twilio-auth-token': 'TWILIO_AUTH_TOKEN',
  'twilio-api-key-secret': 'TWILIO_API_SECRET',
  'twilio-account-sid': 'TWILIO_ACCOUNT_SID',
  'twilio-api-key-sid': 'TWILIO_API_KEY',
};

/** SDK constructors that fall back to TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN when called bare. */
const ENV_READING_CALLEES = /^(?:new\s+)?(?:twilio|Twilio|require\(\s*['"]twilio['"]\s*\))$/;

/** Other Twilio SIDs (Messaging Service, phone number, Verify…): 34 characters, two capitals + 32 hex. */
const OTHER_SID = /(?:^|[^A-Za-z0-9])(?:AP|CA|CF|CH|CR|FW|HS|IS|KS|MG|MM|PN|QU|RE|SM|TQ|VA|WA|WS|WW|ZS)[0-9a-f]{32}(?![A-Za-z0-9])/;
/** A sender number under a sender-like key: `from: '+15017122661'`, `"From": "+1…"`, `sms.from=+1…`. */
const SENDER_NUMBER = /(?:^|[^A-Za-z0-9])(?:from|from_?number|sender|caller_?id|phone_?number|twilio_?number)['"]?[ \t]{0,8}[:=][ \t]{0,8}['"]?\+[1-9][0-9]{6,14}(?![0-9])/i;

/** Hosts of URLs (`https://api.openweathermap.org/…`); bounded, so a long run after `https://` costs one pass. */
const URL_HOST = /https?:\/\/([A-Za-z0-9.-]{1,100})/g;
/** API services whose 32-character keys sit beside Twilio's in small projects (weather, news, prices, mail). */
const OTHER_API_SERVICE =
  /openweather|weatherapi|weatherstack|accuweather|newsapi|newsdata|gnews|mediastack|alphavantage|finnhub|twelvedata|polygon\.io|marketstack|coinmarketcap|coingecko|binance|exchangerate|currencylayer|fixer\.io|sendgrid|mailgun|mailchimp|stripe|rapidapi|nutritionix|sheety|spoonacular|themoviedb|omdbapi|ipstack|ipinfo|mapbox|openai|telegram|positionstack|abstractapi/i;

/**
 * The last two segments of a path (`config/twilio.yml`, `twilio/credentials.json`,
 * `TwilioService.java`): a name there says the file is about Twilio. Further up is the checkout's
 * own folder name (`~/src/twilio-app/…`), which says nothing about one file.
 */
function pathNamesTwilio(path: string | undefined): boolean {
  if (!path) return false;
  const parts = path.split(/[\\/]/);
  return /twilio/i.test(parts.slice(-2).join('/'));
}

class Facts implements TextFacts {
  private twilio: boolean | undefined;
  /** Offsets of the word "twilio" (any case), found on first use. */
  private twilioWords: number[] | undefined;
  private header: string | undefined | null = null;
  private table: TableReader | undefined;
  private readonly callArguments = new Map<number, Map<string, CallArgument>>();
  private readonly otherApi = new Map<number, boolean>();
  private readonly byPrefix: Record<'AC' | 'SK', Candidate[]>;
  /** Scan position and the last `(` / `{` seen before it: candidates come in order. */
  private bracketScan = 0;
  private lastOpen = -Infinity;
  readonly kind: FileKind;
  constructor(private readonly text: string, readonly sids: Candidate[], private readonly path?: string, languageId?: string) {
    this.byPrefix = { AC: sids.filter((s) => s.shape === 'account-sid'), SK: sids.filter((s) => s.shape === 'key-sid') };
    this.kind = fileKind(path, languageId);
  }

  /**
   * A Twilio-only neighbour within a few lines: another Twilio SID (`MG…`, `PN…`) or a sender
   * phone number under a sender key. Read in a bounded window, so it costs the same anywhere.
   */
  twilioNeighbour(c: Candidate): boolean {
    let from = c.start, to = c.end;
    for (let n = 0; n < 4 && from > 0; n++) from = lineStartWithin(this.text, Math.max(0, from - 1), 200);
    for (let n = 0; n < 4 && to < this.text.length; n++) to = lineEndWithin(this.text, Math.min(this.text.length, to + 1), 200);
    const window = this.text.slice(from, to);
    return OTHER_SID.test(window) || SENDER_NUMBER.test(window);
  }

  /**
   * Walking back up to CALL_WINDOW characters for every candidate is the costliest step on
   * texts dense with values, so first check, in a forward pass that never reads a character
   * twice, whether any opening bracket is near enough to matter.
   */
  callAround(pos: number): EnclosingCall | undefined {
    if (pos < this.bracketScan) return enclosingCall(this.text, pos);
    // Brackets further back than the window cannot matter: jump over long gaps.
    for (let i = Math.max(this.bracketScan, pos - CALL_WINDOW); i < pos; i++) {
      const c = this.text.charCodeAt(i);
      if (c === 40 || c === 123) this.lastOpen = i;
    }
    this.bracketScan = pos;
    return pos - this.lastOpen <= CALL_WINDOW ? enclosingCall(this.text, pos) : undefined;
  }

  nearestSid(c: Candidate, prefix: 'AC' | 'SK'): Candidate | undefined {
    const list = this.byPrefix[prefix];
    if (list.length === 0) return undefined;
    const i = firstAtOrAfter(list, c.start);
    const before = list[i - 1], after = list[i];
    if (!before) return after;
    if (!after) return before;
    return c.start - before.end <= after.start - c.end ? before : after;
  }

  twilioWordNear(c: Candidate): 'line' | 'near' | undefined {
    if (!this.saysTwilio()) return undefined;
    const words = this.twilioWords!;
    // The nearest occurrence before and after the value.
    let lo = 0, hi = words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (words[mid] < c.start) lo = mid + 1;
      else hi = mid;
    }
    let best: 'line' | 'near' | undefined;
    for (const w of [words[lo - 1], words[lo]]) {
      if (w === undefined) continue;
      const from = w < c.start ? w + 6 : c.end, to = w < c.start ? c.start : w;
      if (to - from > 400) continue;
      const breaks = breaksBetween(this.text, from, to);
      if (breaks === 0 && to - from <= 200) return 'line';
      if (breaks <= 4) best = 'near';
    }
    return best;
  }

  saysTwilio(): boolean {
    if (this.twilioWords === undefined) {
      // indexOf per spelling is several times faster than a case-insensitive expression on megabytes.
      // `wilio` rather than `twilio`: `w` is rarer than `t` in code, and indexOf skips to it.
      const words: number[] = [];
      for (const spelling of ['wilio', 'WILIO']) {
        for (let at = this.text.indexOf(spelling); at >= 0; at = this.text.indexOf(spelling, at + 5)) {
          const t = this.text.charCodeAt(at - 1);
          if (t === 116 || t === 84) words.push(at - 1);
        }
      }
      this.twilioWords = words.sort((a, b) => a - b);
    }
    return this.twilioWords.length > 0;
  }

  pathNamesTwilio(): boolean {
    return pathNamesTwilio(this.path);
  }

  mentionsTwilio(): boolean {
    if (this.twilio === undefined) this.twilio = this.sids.length > 0 || pathNamesTwilio(this.path) || this.saysTwilio();
    return this.twilio;
  }

  columnName(c: Candidate): KeyName | undefined {
    this.table ??= new TableReader(this.text, this.kind, () => this.csvHeader());
    return this.table.columnName(c);
  }

  /** A CSV file's first line (at most 4 KB). */
  private csvHeader(): string | undefined {
    if (this.header === null) {
      const text = this.text.charCodeAt(0) === 0xfeff ? this.text.slice(1) : this.text;
      const end = lineEndWithin(text, 0, 4096);
      this.header = end < text.length || text.length <= 4096 ? text.slice(0, end) : undefined;
    }
    return this.header;
  }

  /**
   * Read in blocks of 16 KB around the value (its own and its neighbours), each once: a small
   * project's file is one block; a 5 MB bundle is not read whole for a value in its middle.
   */
  callsOtherApi(c: Candidate): boolean {
    const block = c.start >> 14;
    for (let b = Math.max(0, block - 1); b <= block + 1; b++) {
      let known = this.otherApi.get(b);
      if (known === undefined) {
        // Overlap by a few characters so a name across a block edge is seen.
        const text = this.text.slice(b << 14, ((b + 1) << 14) + 100);
        known = OTHER_API_SERVICE.test(text);
        for (const m of text.matchAll(URL_HOST)) {
          if (known) break;
          const host = m[1].toLowerCase();
          if (host.includes('api') && !/twilio|twil\.io|localhost|example/.test(host)) known = true;
        }
        this.otherApi.set(b, known);
      }
      if (known) return true;
    }
    return false;
  }

  /** A file of up to 256 KB is read whole; a larger one in blocks of 64 KB around the value. */
  twilioCallArguments(c: Candidate): ReadonlyMap<string, CallArgument> {
    const words = this.saysTwilio() ? this.twilioWords! : [];
    const block = this.text.length <= 1 << 18 ? -1 : c.start >> 16;
    let found = this.callArguments.get(block);
    if (!found) {
      found = block < 0 ? twilioCallArguments(this.text, words) : twilioCallArguments(this.text, words, Math.max(0, (block - 1) << 16), (block + 2) << 16);
      this.callArguments.set(block, found);
    }
    return found;
  }
}

/**
 * How loud a finding is: secrets `warning`; `information` in tests and in env files (where
 * secrets belong); `error` when known to be live. A secret judged on weak evidence (`low`) is one
 * step quieter (`information`, `hint` in tests and env files): reported, never silent.
 */
function severityOf(isSecret: boolean, role: FileRole, live: boolean, confidence: Confidence): Severity {
  if (!isSecret) return 'hint';
  if (live && role !== 'env-file') return 'error';
  const quiet = role === 'env-file' || role === 'test';
  if (confidence === 'low') return quiet ? 'hint' : 'information';
  return quiet ? 'information' : 'warning';
}

/** Why a possible secret was reported, as a phrase for its message. */
function reasonText(reason: Reason | undefined, kind: FindingKind): string {
  switch (reason) {
    case 'sid': return kind === 'twilio-api-key-secret' ? l10n.t('an API key SID or Account SID is written near it') : l10n.t('an Account SID is written near it');
    case 'name': return l10n.t('its name says it is a credential and the file mentions Twilio');
    case 'twilio': return l10n.t('Twilio is mentioned near it');
    default: return l10n.t('it is passed to a client in a file that mentions Twilio');
  }
}

/** The finding's message, as whole sentences per kind and place (translators get sentences). */
function messageOf(kind: FindingKind, redacted: string, role: FileRole, live: boolean, confidence: Confidence, reason?: Reason): string {
  if (confidence === 'low' && !live && (kind === 'twilio-auth-token' || kind === 'twilio-api-key-secret')) {
    return kind === 'twilio-auth-token'
      ? l10n.t('Possible Twilio Auth Token ({0}): {1}', redacted, reasonText(reason, kind))
      : l10n.t('Possible Twilio API key secret ({0}): {1}', redacted, reasonText(reason, kind));
  }
  switch (kind) {
    case 'twilio-account-sid':
      return l10n.t('Twilio Account SID ({0})', redacted);
    case 'twilio-api-key-sid':
      return l10n.t('Twilio API key SID ({0})', redacted);
    case 'twilio-auth-token':
      if (role === 'env-file') return l10n.t('Twilio Auth Token ({0}) in a .env file: keep this file out of version control', redacted);
      if (live) {
        return role === 'test'
          ? l10n.t('Hardcoded Twilio Auth Token ({0}) in a test file: this is a live credential, rotate it', redacted)
          : l10n.t('Hardcoded Twilio Auth Token ({0}): this is a live credential, rotate it', redacted);
      }
      return role === 'test' ? l10n.t('Hardcoded Twilio Auth Token ({0}) in a test file', redacted) : l10n.t('Hardcoded Twilio Auth Token ({0})', redacted);
    case 'twilio-api-key-secret':
      if (role === 'env-file') return l10n.t('Twilio API key secret ({0}) in a .env file: keep this file out of version control', redacted);
      if (live) {
        return role === 'test'
          ? l10n.t('Hardcoded Twilio API key secret ({0}) in a test file: this is a live credential, rotate it', redacted)
          : l10n.t('Hardcoded Twilio API key secret ({0}): this is a live credential, rotate it', redacted);
      }
      return role === 'test' ? l10n.t('Hardcoded Twilio API key secret ({0}) in a test file', redacted) : l10n.t('Hardcoded Twilio API key secret ({0})', redacted);
  }
}

/** Scans `text` for Twilio credentials. Pure, never throws on any string, linear time. */
export function scanText(text: string, opts: ScanOptions = {}): Finding[] {
  if (typeof text !== 'string' || text.length < 32) return [];
  if (opts.path && isLockfile(opts.path)) return [];
  const candidates = findCandidates(text);
  const encoded = findEncodedPairs(text);
  if (candidates.length === 0 && encoded.length === 0) return [];

  const sids = candidates.filter((c) => c.shape === 'account-sid' || c.shape === 'key-sid');
  const facts = new Facts(text, sids, opts.path, opts.languageId);
  const role = fileRole(opts.path, text);
  const language = detectLanguage(opts.path, opts.languageId);
  const lines = new LineIndex(text);
  // Looked for only once a value is about to be reported: most texts with candidates have no
  // finding, and each marker search reads the whole text.
  let suppressedMemo: Map<number, InlineSuppression> | null | undefined;
  const suppressionAt = (line: number): InlineSuppression | undefined => {
    if (suppressedMemo === undefined) suppressedMemo = hasIgnoreMarker(text) ? suppressionMarkers(text, (o) => lines.lineOf(o)) : null;
    return suppressedMemo?.get(line);
  };

  const findings: Finding[] = [];
  // Texts dense with findings often repeat a value (fixtures, logs): hash each value once.
  const prints = new Map<string, string>();
  let nextEncoded = 0;
  const pushEncoded = (until: number): void => {
    for (; nextEncoded < encoded.length && encoded[nextEncoded].start < until; nextEncoded++) {
      const f = encodedFinding(encoded[nextEncoded], opts, role, language, lines, suppressionAt);
      if (f) findings.push(f);
    }
  };
  for (const c of candidates) {
    pushEncoded(c.start);
    // Letters and digits inside a base64 value already reported are part of it.
    if (nextEncoded > 0 && c.start < encoded[nextEncoded - 1].end) continue;
    let kind: FindingKind;
    let verdict: Verdict | undefined;
    if (c.shape === 'account-sid' || c.shape === 'key-sid') {
      if (isPlaceholder(c.value.slice(2))) continue;
      kind = c.shape === 'account-sid' ? 'twilio-account-sid' : 'twilio-api-key-sid';
    } else {
      verdict = judge(text, c, facts);
      if (!verdict) continue;
      kind = verdict.kind;
    }
    let print = prints.get(c.value);
    if (print === undefined) prints.set(c.value, (print = fingerprint(c.value)));
    if (opts.ignoreFingerprints?.has(print)) continue;
    const range = lines.range(c.start, c.end);
    const suppressed = suppressionAt(range.startLine);
    if (suppressed && !opts.keepSuppressed) continue;
    const isSecret = verdict !== undefined;
    const finding = makeFinding(kind, isSecret, c.value, print, range, role, opts, verdict ?? { evidence: ['shape'], confidence: 'high' }, fixContext(text, c, kind, language, lines, facts, verdict));
    if (suppressed) finding.inlineSuppression = suppressed;
    findings.push(finding);
  }
  pushEncoded(Infinity);
  return findings;
}

/** A finding for a base64 `SID:secret` value: the range is the base64 text, the fingerprint the secret's. */
function encodedFinding(pair: EncodedPair, opts: ScanOptions, role: FileRole, language: LanguageId, lines: LineIndex, suppressionAt: (line: number) => InlineSuppression | undefined): Finding | undefined {
  const print = fingerprint(pair.secret);
  if (opts.ignoreFingerprints?.has(print)) return undefined;
  const range = lines.range(pair.start, pair.end);
  const suppressed = suppressionAt(range.startLine);
  if (suppressed && !opts.keepSuppressed) return undefined;
  const kind: FindingKind = pair.sid.startsWith('SK') ? 'twilio-api-key-secret' : 'twilio-auth-token';
  const envVar = ENV_VAR[kind];
  const fix: FixContext = { envVar, language, encoding: 'base64' };
  const lookup = envLookup(language, envVar);
  if (lookup) fix.envLookup = lookup;
  const finding = makeFinding(kind, true, pair.secret, print, range, role, opts, { evidence: ['basic-auth-base64'], confidence: 'high' }, fix);
  if (suppressed) finding.inlineSuppression = suppressed;
  return finding;
}

/**
 * A finding of `value` (a secret, or a SID when `isSecret` is false): live when its fingerprint is
 * known, and its severity, message and redacted form follow from the kind, the file's role and that.
 */
function makeFinding(kind: FindingKind, isSecret: boolean, value: string, print: string, range: TextRange, role: FileRole, opts: ScanOptions, judged: Pick<Verdict, 'evidence' | 'confidence' | 'reason'>, fix: FixContext): Finding {
  const live = isSecret && !!opts.knownSecretFingerprints?.has(print);
  const { evidence, confidence, reason } = judged;
  const redacted = isSecret ? `…${value.slice(-4)}` : `${value.slice(0, 2)}…${value.slice(-4)}`;
  return {
    kind,
    isSecret,
    severity: severityOf(isSecret, role, live, confidence),
    range,
    message: messageOf(kind, redacted, role, live, confidence, reason),
    redacted,
    fingerprint: print,
    live,
    fileRole: role,
    confidence,
    evidence,
    fix,
  };
}

function fixContext(text: string, c: Candidate, kind: FindingKind, language: LanguageId, lines: LineIndex, facts: Facts, verdict: Verdict | undefined): FixContext {
  const envVar = ENV_VAR[kind];
  const fix: FixContext = { envVar, language };
  const lookup = envLookup(language, envVar);
  if (lookup) fix.envLookup = lookup;
  if (verdict?.key && normalizeName(verdict.key.name)) fix.assignedTo = verdict.key.name;
  const literal = enclosingStringLiteral(text, c.start, c.end);
  if (literal) fix.stringLiteral = { range: lines.range(literal.start, literal.end), quote: literal.quote, valueOnly: literal.valueOnly };
  const call = twilioCall(text, c, language, lines, facts, verdict?.call);
  if (call) fix.twilioCall = call;
  return fix;
}

function twilioCall(text: string, c: Candidate, language: LanguageId, lines: LineIndex, facts: Facts, known: EnclosingCall | undefined): TwilioCall | undefined {
  if (language !== 'javascript' && language !== 'typescript' && language !== 'python' && language !== 'jupyter') return undefined;
  // SIDs have no verdict; their call is looked up the same way.
  const call = known ?? facts.callAround(c.start);
  if (!call || call.open > c.start || text.charCodeAt(call.open) !== 40 /* ( */) return undefined;
  const callee = call.isNew ? `new ${call.callee}` : call.callee;
  const node = (language === 'javascript' || language === 'typescript') && ENV_READING_CALLEES.test(callee);
  const python = (language === 'python' || language === 'jupyter') && /^(?:twilio\.rest\.)?Client$/.test(call.callee);
  if (!node && !python) return undefined;
  const close = matchingClose(text, call.open);
  if (!close) return undefined;
  return {
    callee,
    range: lines.range(call.calleeStart, close.close),
    argumentsRange: lines.range(call.open, close.close),
    argumentCount: close.argumentCount,
    canDropArguments: close.argumentCount === 2,
  };
}

