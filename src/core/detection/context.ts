// Reading the code around a candidate, always within a bounded window so that a 10 MB line
// costs the same per candidate as a short one. Nothing here parses a language: these are the
// few surface shapes that assignments, calls and URLs share across the languages we support.

import { isAlnumCode } from './candidates';

/** How far back a call's opening parenthesis is looked for (multi-line constructor calls). */
export const CALL_WINDOW = 400;
/** How much of a line before a value is read for names ("auth token", `TWILIO_AUTH_TOKEN`). */
export const LINE_WINDOW = 120;

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}
function isNewline(c: number): boolean {
  return c === 10 || c === 13;
}
function isQuoteOrEscape(c: number): boolean {
  return c === 34 || c === 39 || c === 96 || c === 92; // " ' ` \
}
/** Characters of a key name: identifiers, dotted/dashed config keys, `$var`, `:sym`, `@attr`. */
function isNameCode(c: number): boolean {
  return isAlnumCode(c) || c === 95 || c === 46 || c === 45 || c === 36 || c === 64;
}

/** The offset where the line holding `pos` starts, looking back at most `max` characters. */
export function lineStartWithin(text: string, pos: number, max: number): number {
  const stop = Math.max(0, pos - max);
  for (let i = pos - 1; i >= stop; i--) if (isNewline(text.charCodeAt(i))) return i + 1;
  return stop;
}

/**
 * A line break as a reader sees it: a newline, or the two characters `\n` inside a string that
 * holds a file (a notebook's source line, a `.env` or a config embedded in JSON). `i` is the
 * offset of the `n` when looking back, of the backslash when looking ahead.
 */
function escapedBreakBack(text: string, i: number): boolean {
  return text.charCodeAt(i) === 110 && text.charCodeAt(i - 1) === 92 && text.charCodeAt(i - 2) !== 92;
}
function escapedBreakAhead(text: string, i: number): boolean {
  return text.charCodeAt(i) === 92 && text.charCodeAt(i + 1) === 110 && text.charCodeAt(i - 1) !== 92;
}

/** Like lineStartWithin, but an escaped `\n` also ends a line: the start of the logical line. */
export function logicalLineStart(text: string, pos: number, max: number): number {
  const stop = Math.max(0, pos - max);
  for (let i = pos - 1; i >= stop; i--) {
    if (isNewline(text.charCodeAt(i))) return i + 1;
    if (escapedBreakBack(text, i)) return i + 1;
  }
  return stop;
}

/** Like lineEndWithin, but an escaped `\n` also ends a line. */
export function logicalLineEnd(text: string, pos: number, max: number): number {
  const stop = Math.min(text.length, pos + max);
  for (let i = pos; i < stop; i++) if (isNewline(text.charCodeAt(i)) || escapedBreakAhead(text, i)) return i;
  return stop;
}

/** Logical line breaks (newlines and escaped `\n`) in `text[from, to)`; CRLF counts once. */
export function breaksBetween(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
    else if (escapedBreakAhead(text, i)) {
      n++;
      // A notebook's `…\n",` + newline is one line break, not two.
      let j = i + 2;
      while (j < to && j < i + 8 && isQuoteCommaOrBlank(text.charCodeAt(j))) j++;
      i = text.charCodeAt(j) === 10 ? j : i + 1;
    }
  }
  return n;
}
function isQuoteCommaOrBlank(c: number): boolean {
  return c === 34 || c === 39 || c === 44 || c === 32 || c === 9 || c === 13;
}

/** The offset where the line holding `pos` ends, looking ahead at most `max` characters. */
export function lineEndWithin(text: string, pos: number, max: number): number {
  const stop = Math.min(text.length, pos + max);
  for (let i = pos; i < stop; i++) if (isNewline(text.charCodeAt(i))) return i;
  return stop;
}

export interface KeyName {
  /** The name as written: `authToken`, `TWILIO_AUTH_TOKEN`, `twilio.auth-token`, `--auth-token`. */
  name: string;
  start: number;
  end: number;
}

/**
 * The name a value is assigned to, read backwards from the value over quotes and an assignment
 * operator: `authToken = "…"`, `auth_token: …`, `"authToken": "…"`, `:auth_token => '…'`,
 * `TWILIO_AUTH_TOKEN=…`, `ENV["X"] ||= '…'`, `<AuthToken>…`, `--auth-token …`,
 * `process.env.TWILIO_AUTH_TOKEN || '…'`, `${TWILIO_AUTH_TOKEN:-…}`.
 */
export function keyBefore(text: string, valueStart: number): KeyName | undefined {
  let i = valueStart - 1;
  const floor = Math.max(0, valueStart - 80);
  const skip = (pred: (c: number) => boolean, maxSteps: number): void => {
    for (let n = 0; n < maxSteps && i >= floor && pred(text.charCodeAt(i)); n++) i--;
  };
  skip(isQuoteOrEscape, 4);
  skip((c) => isSpace(c), 16);
  skip(isQuoteOrEscape, 4);
  // A YAML/INI value may sit on the line after its key (`auth_token:\n  abc…`).
  skip((c) => isSpace(c) || isNewline(c), 24);
  const afterSpace = i;
  // Assignment operators, read backwards. `||`, `??` and `:-` cover fallbacks to a default.
  const c0 = text.charCodeAt(i);
  const c1 = text.charCodeAt(i - 1);
  let sawOperator = true;
  if (c0 === 61 /* = */) {
    i--;
    const p = text.charCodeAt(i);
    if (p === 58 || p === 43 || p === 63 || p === 124 || p === 33 || p === 61) i--; // := += ?= |= == ||= 
    if (p === 124 && text.charCodeAt(i) === 124) i--;
  } else if (c0 === 62 /* > */ && (c1 === 61 || c1 === 45)) i -= 2; // => ->
  else if (c0 === 62 /* > */) i--; // <Tag>value
  else if (c0 === 58 /* : */) i--;
  else if (c0 === 45 /* - */ && c1 === 58) i -= 2; // ${X:-default}
  else if (c0 === 124 && c1 === 124) i -= 2; // x || 'default'
  else if (c0 === 63 && c1 === 63) i -= 2; // x ?? 'default'
  else if (c0 === 44 /* , */) return undefined; // an argument list: the call decides
  else sawOperator = false;
  if (!sawOperator && afterSpace === valueStart - 1) return undefined; // glued to something else
  skip((c) => isSpace(c), 16);
  skip((c) => isQuoteOrEscape(c) || c === 93 /* ] */ || c === 41 /* ) */, 5);
  const end = i + 1;
  while (i >= floor && isNameCode(text.charCodeAt(i))) i--;
  let start = i + 1;
  // `\nTWILIO_AUTH_TOKEN=…` inside a string that holds a file: the escape's letter is not the name's.
  if (text.charCodeAt(i) === 92 && (text.charCodeAt(start) === 110 || text.charCodeAt(start) === 116 || text.charCodeAt(start) === 114)) start++;
  if (end - start < 1) return undefined;
  if (!sawOperator && text.charCodeAt(start) !== 45) return undefined; // bare word: only `--flag value`
  return { name: text.slice(start, end), start, end };
}

/** Lowercase letters and digits only: `TWILIO_AUTH_TOKEN`, `authToken`, "auth token" → comparable. */
export function normalizeName(name: string): string {
  return name.replace(/[^A-Za-z0-9]+/g, '').toLowerCase();
}

/**
 * The text before a value on its line (at most LINE_WINDOW characters); when the value starts
 * its line, the end of the previous line too (a YAML key, a multi-line call).
 */
export function textBefore(text: string, valueStart: number): string {
  const lineStart = logicalLineStart(text, valueStart, LINE_WINDOW);
  let segment = text.slice(lineStart, valueStart);
  // Also a comment line holding only the value (`# <token>` under `# Twilio auth token for …`).
  if (ONLY_PUNCTUATION.test(segment)) {
    // In a notebook each source line is `"…\n",` then a newline: step over the `",` between.
    let end = lineStart;
    for (let step = 0; step < 2 && end > 0; step++) {
      const prevEnd = isNewline(text.charCodeAt(end - 1)) ? end - 1 : escapedBreakBack(text, end - 1) ? end - 2 : -1;
      if (prevEnd < 0) break;
      const prevStart = logicalLineStart(text, prevEnd, LINE_WINDOW);
      const prev = text.slice(prevStart, prevEnd);
      if (!ONLY_PUNCTUATION.test(prev)) {
        segment = prev + '\n' + segment;
        break;
      }
      end = prevStart;
    }
  }
  return segment;
}
const ONLY_PUNCTUATION = /^[\s"'`\\,:=\-([#/*;]*$/;

/** Keys that hold a value whose name is a sibling key: `value`, `Value`, `ParameterValue`, `OptionValue`. */
export function isValueKey(name: string): boolean {
  const n = normalizeName(name);
  return n === 'value' || n === 'val' || n === 'v' || (n.length <= 16 && n.endsWith('value') && !n.startsWith('default'));
}

/**
 * `"key": "password"` / `name: TWILIO_AUTH_TOKEN` / `ParameterKey: TwilioAuthToken`: the field that
 * names an entry of a key/value list. Matched on a bounded slice of the entry.
 */
const SIBLING_NAME = /(?:^|[^A-Za-z0-9_])["']?(?:name|key|variable|var|parameter_?key|parameter_?name|option_?name|setting_?name|field)["']?[ \t]{0,8}(?:=>|[:=])[ \t]{0,8}["']?([A-Za-z0-9_.:-]{1,100})/gi;

function lastSiblingName(segment: string, offset: number): KeyName | undefined {
  let found: KeyName | undefined;
  SIBLING_NAME.lastIndex = 0;
  for (let m = SIBLING_NAME.exec(segment); m; m = SIBLING_NAME.exec(segment)) {
    const start = offset + m.index + m[0].length - m[1].length;
    found = { name: m[1], start, end: start + m[1].length };
  }
  return found;
}

/**
 * The name of a key/value list entry whose value is `valueKey`'s: Postman's
 * `{"key": "password", "value": "…"}`, Kubernetes' `- name: X\n  value: …`, Terraform's
 * `set { name = "x" value = "…" }`, CloudFormation's `ParameterKey`/`ParameterValue`. Looked for
 * before the value key (at most 4 lines, 240 characters, not past a bracket or a YAML list
 * item's dash), then after the value (to the entry's closing bracket, at most 3 lines).
 */
export function siblingName(text: string, valueKey: KeyName, valueEnd: number): KeyName | undefined {
  // Backwards from the value's key to the entry's start.
  let from = valueKey.start;
  const floor = Math.max(0, valueKey.start - 240);
  let lines = 0;
  for (let i = valueKey.start - 1; i >= floor; i--) {
    const c = text.charCodeAt(i);
    if (c === 123 || c === 125 || c === 91 || c === 93) break; // { } [ ]
    if (c === 10 || c === 13) {
      // A YAML list item (`- name: …`) starts its entry: stop above its dash.
      if (++lines > 4 || /^[ \t]*- /.test(text.slice(i + 1, Math.min(valueKey.start, i + 64)))) break;
    }
    from = i;
  }
  const before = lastSiblingName(text.slice(from, valueKey.start), from);
  if (before) return before;
  // Forwards from the value to the entry's end (`{"value": "…", "key": "password"}`).
  let to = valueEnd;
  const ceiling = Math.min(text.length, valueEnd + 200);
  lines = 0;
  for (let i = valueEnd; i < ceiling; i++) {
    const c = text.charCodeAt(i);
    if (c === 123 || c === 125 || c === 91 || c === 93) break;
    if (c === 10 && (++lines > 3 || /^[ \t]*-/.test(text.slice(i + 1, i + 64)))) break;
    to = i + 1;
  }
  SIBLING_NAME.lastIndex = 0;
  const m = SIBLING_NAME.exec(text.slice(valueEnd, to));
  if (!m) return undefined;
  const start = valueEnd + m.index + m[0].length - m[1].length;
  return { name: m[1], start, end: start + m[1].length };
}

/**
 * True when the value sits in a comment: the line (or, for a value alone on a comment line, the
 * comment line above it) has a comment opener before it. `#`, `//`, `/*`, `<!--`, `--` after a
 * blank or at the start; `*` and `;` only at the start (a doc-comment line, an INI comment).
 */
export function inComment(before: string): boolean {
  const lastLine = before.slice(before.lastIndexOf('\n') + 1);
  return COMMENT_OPENER.test(lastLine);
}
const COMMENT_OPENER = /^[ \t]*[*;]|(?:^|[ \t])(?:#|\/\/|\/\*|<!--|--)/;

/** The text after a value on its line, at most `max` characters. */
export function textAfter(text: string, valueEnd: number, max = 40): string {
  return text.slice(valueEnd, lineEndWithin(text, valueEnd, max));
}

export interface EnclosingCall {
  /** The callee as written: `twilio`, `Twilio.init`, `Twilio::REST::Client.new`, `twilio.ClientParams`. */
  callee: string;
  calleeStart: number;
  /** True for `new X(…)`. */
  isNew: boolean;
  /** Offset of the `(` or `{`. */
  open: number;
  /** 0-based index of the argument holding the value. */
  argIndex: number;
}

/**
 * The call (or Go composite literal `T{…}`) whose argument list holds `pos`, found by walking
 * back at most CALL_WINDOW characters and balancing brackets. Quotes are not tracked: a
 * bracket inside a string can confuse it, and then it simply finds no call.
 */
export function enclosingCall(text: string, pos: number): EnclosingCall | undefined {
  let depth = 0;
  let argIndex = 0;
  const floor = Math.max(0, pos - CALL_WINDOW);
  for (let i = pos - 1; i >= floor; i--) {
    const c = text.charCodeAt(i);
    if (c === 41 || c === 93 || c === 125) depth++; // ) ] }
    else if (c === 40 || c === 91 || c === 123) {
      // ( [ {
      if (depth > 0) { depth--; continue; }
      if (c === 91) return undefined; // inside an array literal
      const callee = calleeBefore(text, i);
      if (!callee) return undefined;
      return { ...callee, open: i, argIndex };
    } else if (c === 44 && depth === 0) argIndex++;
    else if (c === 59 && depth === 0) return undefined; // ; ends a statement
  }
  return undefined;
}

export function calleeBefore(text: string, open: number): Omit<EnclosingCall, 'open' | 'argIndex'> | undefined {
  let i = open - 1;
  const floor = Math.max(0, open - 100);
  while (i >= floor && isSpace(text.charCodeAt(i))) i--;
  const end = i + 1;
  // Identifiers with `.`, `::` (Ruby) and `\` (PHP namespaces); `require('twilio')(…)` too.
  if (text.charCodeAt(i) === 41 /* ) */) {
    const head = text.slice(Math.max(0, i - 30), i + 1);
    const m = /require\(\s*['"]twilio['"]\s*\)$/.exec(head);
    if (m) return { callee: m[0], calleeStart: i + 1 - m[0].length, isNew: false };
    return undefined;
  }
  // A tuple assigned to a keyword argument, `auth=(sid, token)`: the keyword names it.
  if (text.charCodeAt(i) === 61 /* = */ && text.charCodeAt(i - 1) !== 61) {
    i--;
    while (i >= floor && isSpace(text.charCodeAt(i))) i--;
    const nameEnd = i + 1;
    while (i >= floor && (isAlnumCode(text.charCodeAt(i)) || text.charCodeAt(i) === 95)) i--;
    if (nameEnd - (i + 1) < 1) return undefined;
    return { callee: text.slice(i + 1, nameEnd), calleeStart: i + 1, isNew: false };
  }
  while (i >= floor) {
    const c = text.charCodeAt(i);
    if (isAlnumCode(c) || c === 95 || c === 46 || c === 58 || c === 92 || c === 36) i--;
    else break;
  }
  const start = i + 1;
  if (start >= end) return undefined;
  let j = i;
  while (j >= floor && isSpace(text.charCodeAt(j))) j--;
  const isNew = j >= 2 && text.slice(j - 2, j + 1) === 'new' && (j < 3 || !isAlnumCode(text.charCodeAt(j - 3)));
  return { callee: text.slice(start, end), calleeStart: isNew ? j - 2 : start, isNew };
}

/** The offset just past the bracket closing the one at `open`, within `max` characters. */
export function matchingClose(text: string, open: number, max = 2000): { close: number; argumentCount: number } | undefined {
  let depth = 0;
  let commas = 0;
  let sawArgument = false;
  const stop = Math.min(text.length, open + max);
  for (let i = open; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) depth++;
    else if (c === 41 || c === 93 || c === 125) {
      depth--;
      if (depth === 0) return { close: i + 1, argumentCount: sawArgument ? commas + 1 : 0 };
    } else if (c === 44 && depth === 1) commas++;
    else if (depth >= 1 && !isSpace(c) && !isNewline(c)) sawArgument = true;
  }
  return undefined;
}

export interface StringLiteral {
  /** Range of the literal including its quotes. */
  start: number;
  end: number;
  quote: string;
  /** True when the literal holds the value and nothing else (`'abc…'`), so it can be replaced whole. */
  valueOnly: boolean;
}

/** The string literal on the value's line that contains it, when the quotes can be seen. */
export function enclosingStringLiteral(text: string, start: number, end: number): StringLiteral | undefined {
  const before = text.charCodeAt(start - 1);
  if ((before === 34 || before === 39 || before === 96) && text.charCodeAt(end) === before) {
    if (text.charCodeAt(start - 2) === 92) return undefined; // an escaped quote inside another string
    return { start: start - 1, end: end + 1, quote: String.fromCharCode(before), valueOnly: true };
  }
  const lineStart = lineStartWithin(text, start, 200);
  for (let i = start - 1; i >= lineStart; i--) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 39 || c === 96) {
      const close = text.indexOf(String.fromCharCode(c), end);
      const lineEnd = lineEndWithin(text, end, 200);
      if (close < 0 || close >= lineEnd) return undefined;
      // The quote must open a literal, not close an earlier one: an even number of the same
      // quote before it on the line.
      let count = 0;
      for (let k = lineStart; k < i; k++) if (text.charCodeAt(k) === c && text.charCodeAt(k - 1) !== 92) count++;
      if (count % 2 !== 0) return undefined;
      return { start: i, end: close + 1, quote: String.fromCharCode(c), valueOnly: false };
    }
  }
  return undefined;
}
