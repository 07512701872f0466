// Redaction of secrets from anything that may be shown or logged. Pure: no vscode import.
// Linear in the text: every pattern below is a single pass without nested quantifiers, and known
// secrets are found with indexOf (test/unit/fuzz/redos.audit.test.ts drives it at 10 MB).
import { MASK, maskSecret } from '../validation/mask';

/**
 * Shapes that are secret whatever their context: a word of exactly 32 letters and digits (an Auth
 * Token is 32 hex, a key secret 32 alphanumerics). Only letters and digits make a word here, so a
 * token glued to `_` (`TOKEN_<hex>`) is found, and a SID (AC/SK + 32 hex, 34 characters) is not.
 */
const SECRET_SHAPES = /(?<![A-Za-z0-9])[A-Za-z0-9]{32}(?![A-Za-z0-9])/g;

/**
 * The credentials of an HTTP Basic Authorization value: base64 (standard or URL-safe, possibly
 * URL-encoded) of `user:password`, after `Basic` and spaces (or `%20`, `+`). Always secret, whoever
 * the user is; group 1 is the credentials.
 */
const BASIC_CREDENTIALS = /(?<![A-Za-z0-9])Basic(?:\s|%20|\+)+((?:[A-Za-z0-9+/_-]|%[0-9A-Fa-f]{2})+=*)/gi;

/** Only secrets this long are searched for by value (shorter ones would mask ordinary words). */
const MIN_KNOWN_LENGTH = 8;

/**
 * The forms a secret takes in text besides itself: URL-encoded, JSON-escaped, and base64 (standard
 * and URL-safe) at each of the three byte alignments it can have inside a longer base64 value, cut
 * to the characters that depend on the secret's bytes alone.
 */
export function secretForms(secret: string): string[] {
  if (secret.length < MIN_KNOWN_LENGTH) return [];
  const forms = new Set([secret]);
  try {
    forms.add(encodeURIComponent(secret));
  } catch {
    // a lone surrogate has no URL-encoded form
  }
  forms.add(JSON.stringify(secret).slice(1, -1));
  const bytes = Buffer.from(secret, 'utf8');
  for (let skip = 0; skip < 3; skip++) {
    const whole = bytes.subarray(skip, skip + Math.floor((bytes.length - skip) / 3) * 3);
    if (whole.length < 6) continue;
    const core = whole.toString('base64');
    forms.add(core);
    forms.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...forms].filter((f) => f.length >= MIN_KNOWN_LENGTH);
}

/** A stretch of text to mask: `whole` masks every character (no tail shown). */
interface Span {
  start: number;
  end: number;
  whole: boolean;
}

/** Every occurrence of `form`, overlapping ones merged into one span as they are found. */
function occurrences(text: string, form: string, out: Span[]): void {
  let last: Span | undefined;
  for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) {
    if (last && at <= last.end) last.end = Math.max(last.end, at + form.length);
    else out.push((last = { start: at, end: at + form.length, whole: false }));
  }
}

/** The text with every span replaced by a mask; overlapping and touching spans become one. */
function maskSpans(text: string, spans: Span[]): string {
  if (!spans.length) return text;
  spans.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (let i = 0; i < spans.length; ) {
    const merged = { ...spans[i++] };
    for (; i < spans.length && spans[i].start <= merged.end; i++) {
      merged.end = Math.max(merged.end, spans[i].end);
      if (spans[i].whole) merged.whole = true;
    }
    const hidden = text.slice(merged.start, merged.end);
    out += text.slice(at, merged.start) + (merged.whole ? MASK : maskSecret(hidden));
    at = merged.end;
  }
  return out + text.slice(at);
}

/**
 * Replaces every known secret (in any of its forms), anything shaped like a token or key secret,
 * and every Basic credential with a mask that keeps at most the last 4 characters (none for a
 * Basic credential). SIDs (AC…/SK…, public identifiers) are kept. The spans are found in the
 * original text and masked together, so no mask's tail can join the text after it into a secret.
 */
export function redact(text: string, knownSecrets: Iterable<string> = []): string {
  const forms: string[] = [];
  for (const s of knownSecrets) if (s) forms.push(...secretForms(s));
  return redactForms(text, forms);
}

/** `redact` with the known secrets given as their forms (`secretForms`), computed once by the caller. */
export function redactForms(text: string, forms: Iterable<string>): string {
  const spans: Span[] = [];
  for (const form of forms) if (form.length >= MIN_KNOWN_LENGTH) occurrences(text, form, spans);
  for (const m of text.matchAll(SECRET_SHAPES)) spans.push({ start: m.index, end: m.index + m[0].length, whole: false });
  for (const m of text.matchAll(BASIC_CREDENTIALS)) {
    const end = m.index + m[0].length;
    spans.push({ start: end - m[1].length, end, whole: true });
  }
  return maskSpans(text, spans);
}
