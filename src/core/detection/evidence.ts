// Readers of evidence around a candidate, each reading a bounded window so that a 10 MB line
// costs the same per candidate as a short file. None decides: the judge (rules.ts) weighs what
// they find. Nothing here parses a language; these are shapes that files of many kinds share:
// a SID written beside a value, the block a value sits in, a table's header, the name a call's
// first argument gives its second, the variables a Twilio client is built from.

import { Candidate } from './candidates';
import {
  EnclosingCall, KeyName, breaksBetween, calleeBefore, keyBefore, lineStartWithin, logicalLineEnd, matchingClose, normalizeName,
} from './context';

/** How a file is read: which readers apply (a CSV header, a notebook's escapes, a program's calls). */
export type FileKind = 'code' | 'config' | 'env' | 'notebook' | 'log' | 'csv' | 'docs' | 'other';

const KIND_BY_EXTENSION: Record<string, FileKind> = {
  csv: 'csv', tsv: 'csv', psv: 'csv',
  log: 'log', out: 'log', err: 'log',
  md: 'docs', markdown: 'docs', rst: 'docs', txt: 'docs', adoc: 'docs', html: 'docs', htm: 'docs', org: 'docs', tex: 'docs', rtf: 'docs',
  ipynb: 'notebook',
  env: 'env', envrc: 'env',
  json: 'config', jsonc: 'config', json5: 'config', yml: 'config', yaml: 'config', toml: 'config', ini: 'config', cfg: 'config',
  conf: 'config', properties: 'config', xml: 'config', config: 'config', plist: 'config', tf: 'config', tfvars: 'config', hcl: 'config',
  neon: 'config', http: 'config', rest: 'config',
};
const KIND_BY_LANGUAGE_ID: Record<string, FileKind> = {
  csv: 'csv', tsv: 'csv', log: 'log', markdown: 'docs', plaintext: 'docs', html: 'docs', jupyter: 'notebook', dotenv: 'env',
  json: 'config', jsonc: 'config', yaml: 'config', toml: 'config', ini: 'config', properties: 'config', xml: 'config',
};

/**
 * The kind of file, from its name (`.env.production` is env, `app.log.1` a log). The editor's
 * language counts only for a document without a path (untitled): the CLI, which has no language,
 * must read a file the way the editor does.
 */
export function fileKind(path?: string, languageId?: string): FileKind {
  if (!path && languageId && KIND_BY_LANGUAGE_ID[languageId]) return KIND_BY_LANGUAGE_ID[languageId];
  const name = (path ?? '').split(/[\\/]/).pop()!.toLowerCase();
  if (name === '.env' || name.startsWith('.env.') || name === '.envrc') return 'env';
  if (/\.log(?:\.\d+)?$/.test(name)) return 'log';
  const dot = name.lastIndexOf('.');
  const byExt = dot >= 0 ? KIND_BY_EXTENSION[name.slice(dot + 1)] : undefined;
  if (byExt) return byExt;
  return dot >= 0 ? 'code' : 'other';
}

/** Characters that may stand between a SID and its secret written as a pair. */
function isPairSeparator(c: number): boolean {
  // space tab " ' ` : , ; | = \ > < - ( ) [ ] { } / CR LF
  return c === 32 || c === 9 || c === 34 || c === 39 || c === 96 || c === 58 || c === 44 || c === 59 || c === 124 || c === 61
    || c === 92 || c === 62 || c === 60 || c === 45 || c === 40 || c === 41 || c === 91 || c === 93 || c === 123 || c === 125
    || c === 47 || c === 10 || c === 13;
}

/** At most this many characters between a SID and a value written as a pair. */
const PAIR_GAP = 12;

function isPairGap(text: string, from: number, to: number): boolean {
  if (to - from < 1 || to - from > PAIR_GAP) return false;
  let newlines = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 110 && text.charCodeAt(i - 1) === 92)) {
      if (++newlines > 1) return false;
      continue;
    }
    if ((c === 116 || c === 114) && text.charCodeAt(i - 1) === 92) continue; // \t \r escapes
    if (!isPairSeparator(c)) return false;
  }
  return true;
}

/** Index of the first candidate in `sorted` that starts at or after `pos`. */
export function firstAtOrAfter(sorted: readonly Candidate[], pos: number): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A SID written right beside the value, with only punctuation and blanks between (at most one
 * line break): `AC…:tok` in a comment, `AC…,tok` in a CSV row, `"AC…": "tok"`, `| AC… | tok |`,
 * `("AC…", "tok")`, `AC… tok` in a log line. Either order.
 */
export function adjacentSid(text: string, c: Candidate, sids: readonly Candidate[]): Candidate | undefined {
  const i = firstAtOrAfter(sids, c.end);
  const before = i > 0 ? sids[i - 1] : undefined;
  if (before && before.end <= c.start && isPairGap(text, before.end, c.start)) return before;
  const after = sids[i];
  if (after && isPairGap(text, c.end, after.start)) return after;
  return undefined;
}

/**
 * How far a SID is from a value: on its line, in its block (200 characters, 6 lines), near
 * (2,000 / 40), in the file (64 KB: a small project's file; further in a bundle says nothing).
 */
export type SidTier = 'line' | 'block' | 'near' | 'file';

export function sidTier(text: string, c: Candidate, sid: Candidate): SidTier | undefined {
  const from = sid.end <= c.start ? sid.end : c.end;
  const to = sid.end <= c.start ? c.start : sid.start;
  const gap = to - from;
  if (gap > 65536) return undefined;
  if (gap > 2000) return 'file';
  const breaks = breaksBetween(text, from, to);
  if (breaks === 0) return 'line';
  if (gap <= 200 && breaks <= 6) return 'block';
  if (breaks <= 40) return 'near';
  return 'file';
}

function indentOf(text: string, lineStart: number, limit: number): number {
  let i = lineStart;
  while (i < limit && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i - lineStart;
}

/** `[twilio]`, `[twilio.prod]`, `[[accounts]]`: an INI or TOML section header line. */
const SECTION_HEADER = /^[ \t]*\[{1,2}([^\]\r\n]{1,80})\]{1,2}[ \t]*(?:[#;].*)?$/;
/** `twilio:` or `  "twilio":` alone on its line: a YAML parent key. */
const YAML_PARENT = /^[ \t]*(?:- )?["']?([^\s"':#{}[\],][^"':#{}[\],]{0,79}?)["']?[ \t]*:[ \t]*(?:#.*)?$/;

/**
 * The names of the blocks enclosing `pos`, innermost first (at most 3): the key before an unclosed
 * `{` or `[` (`"backup": {…}`, `TWILIO = {…}`), a YAML parent key with less indentation
 * (`twilio:` above `  key: …`), an INI/TOML section (`[twilio]`). Read back at most 2,000
 * characters and 40 lines; brackets inside strings can confuse it, and then it finds less.
 */
export function parentNames(text: string, pos: number): string[] {
  const out: string[] = [];
  const floor = Math.max(0, pos - 2000);
  let indent = indentOf(text, lineStartWithin(text, pos, 400), pos);
  let depth = 0;
  let lines = 0;
  /** End of the line being walked back over; -1 while on the value's own line. */
  let lineEnd = -1;
  const atLineStart = (start: number): boolean => {
    if (lineEnd < 0 || depth !== 0) return false;
    const line = text.slice(start, text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd);
    const section = SECTION_HEADER.exec(line);
    if (section) {
      out.push(section[1]);
      return true; // nothing encloses an INI section
    }
    const ownIndent = indentOf(line, 0, line.length);
    if (ownIndent < indent && line.trim() !== '') {
      const parent = YAML_PARENT.exec(line);
      if (parent) out.push(parent[1]);
      indent = ownIndent;
    }
    return false;
  };
  let i = pos - 1;
  for (; i >= floor && out.length < 3; i--) {
    const c = text.charCodeAt(i);
    if (c === 125 || c === 93) depth++;
    else if (c === 123 || c === 91) {
      if (depth > 0) { depth--; continue; }
      const key = keyBefore(text, i);
      if (key) out.push(key.name);
    } else if (c === 10) {
      if (++lines > 40 || atLineStart(i + 1)) break;
      lineEnd = i;
    }
  }
  if (i < 0 && out.length < 3) atLineStart(0);
  return out;
}

/** Splits one CSV or table row into cells, honouring double quotes. */
function cells(line: string, delimiter: number): string[] {
  const out: string[] = [];
  let cell = '', quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === delimiter && !quoted) {
      out.push(cell);
      cell = '';
    } else cell += line[i];
  }
  out.push(cell);
  return out.map((s) => s.trim());
}

/** The delimiter of a CSV header: the most frequent of `,` `;` tab `|`. */
export function csvDelimiter(header: string): number {
  let best = 44, bestCount = 0;
  for (const d of [44, 59, 9, 124]) {
    let n = 0;
    for (let i = 0; i < header.length; i++) if (header.charCodeAt(i) === d) n++;
    if (n > bestCount) { best = d; bestCount = n; }
  }
  return best;
}

/** Longest row of a table that is read for a header or a cell. */
const ROW_WINDOW = 4096;
/** How far up a pipe table's first row is looked for. */
const TABLE_WINDOW = 8192;
const VALUE_HEADER = /^(?:value|values|valor|wert|valeur|val)$/i;

function unquote(cell: string): string {
  let start = 0, end = cell.length;
  while (start < end && isQuoteCode(cell.charCodeAt(start))) start++;
  while (end > start && isQuoteCode(cell.charCodeAt(end - 1))) end--;
  return cell.slice(start, end);
}

function isQuoteCode(c: number): boolean {
  return c === 96 || c === 39 || c === 34;
}

/**
 * The column a value sits in, named by its table's header: a CSV file's first line
 * (`name,account_sid,auth_token`), or a Markdown/pipe table's first row. When the header only
 * says "value" (`| Variable | Value |`), the row's first cell names it instead.
 *
 * Values come in order, so the reader keeps its place: a row's header is found once, its cells
 * are counted once from left to right, and each table's header is split once. A file of long
 * rows full of values costs a pass, not a pass per value.
 */
export class TableReader {
  private rowStart = -1;
  private header: readonly string[] | undefined;
  private delimiter = 44;
  /** Where the cell count stopped in the current row, the count, and whether inside quotes there. */
  private countedTo = 0;
  private index = 0;
  private quoted = false;
  /** The row's first cell once read (null: not read yet). */
  private firstCell: string | undefined | null = null;
  private readonly headers = new Map<number, readonly string[]>();
  /** The last table row started, and its table's first row. */
  private pipedRow = -1;
  private pipedTop = -1;

  constructor(private readonly text: string, private readonly kind: FileKind, private readonly csvHeader: () => string | undefined) {}

  columnName(c: Candidate): KeyName | undefined {
    const text = this.text;
    // Cheap first: a table cell has a `|` just before it; a CSV file has a header.
    if (this.kind !== 'csv' && !pipeBefore(text, c.start)) return undefined;
    // Count the cells between the last value of the row and this one; a line break on the way
    // (or a value before the count) means a new row, found by reading back from the value.
    let sameRow = this.rowStart >= 0 && c.start >= this.countedTo && c.start - this.rowStart <= ROW_WINDOW;
    let index = this.index, quoted = this.quoted;
    for (let i = this.countedTo; sameRow && i < c.start; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10 || ch === 13) sameRow = false;
      else if (ch === 34) quoted = !quoted;
      else if (ch === this.delimiter && !quoted) index++;
    }
    if (sameRow) {
      this.index = index;
      this.quoted = quoted;
    } else {
      const rowStart = lineStartWithin(text, c.start, ROW_WINDOW);
      if (rowStart > 0 && text.charCodeAt(rowStart - 1) !== 10 && text.charCodeAt(rowStart - 1) !== 13) {
        this.rowStart = -1; // row too long
        return undefined;
      }
      this.startRow(rowStart, c.start);
      for (let i = this.countedTo; i < c.start; i++) {
        const ch = text.charCodeAt(i);
        if (ch === 34) this.quoted = !this.quoted;
        else if (ch === this.delimiter && !this.quoted) this.index++;
      }
    }
    this.countedTo = c.start;
    if (!this.header) return undefined;
    const name = this.header[this.index];
    if (name === undefined || name === '') return undefined;
    if (VALUE_HEADER.test(name) && this.index > 0) {
      if (this.firstCell === null) {
        const row = cells(text.slice(this.rowStart, c.start), this.delimiter);
        this.firstCell = unquote(row[this.delimiter === 124 ? 1 : 0] ?? '') || undefined;
      }
      if (this.firstCell) return { name: this.firstCell, start: c.start, end: c.start };
    }
    return { name: unquote(name), start: c.start, end: c.start };
  }

  private startRow(rowStart: number, valueStart: number): void {
    const text = this.text;
    this.rowStart = rowStart;
    this.index = 0;
    this.quoted = false;
    this.firstCell = null;
    this.header = undefined;
    const firstChar = rowStart + indentOf(text, rowStart, valueStart);
    const piped = text.charCodeAt(firstChar) === 124; /* | */
    this.countedTo = piped ? firstChar : rowStart;
    if (piped) {
      this.delimiter = 124;
      // The row above was this table's: same first row. Else walk up to it (50 rows, 8 KB).
      let top = rowStart;
      const above = rowStart > 0 ? lineStartWithin(text, rowStart - 1, ROW_WINDOW) : -1;
      if (above >= 0 && above === this.pipedRow) top = this.pipedTop;
      else {
        for (let n = 0; n < 50 && top > 0 && rowStart - top < TABLE_WINDOW; n++) {
          const prevStart = lineStartWithin(text, top - 1, ROW_WINDOW);
          const first = prevStart + indentOf(text, prevStart, top - 1);
          if (text.charCodeAt(first) !== 124) break;
          top = prevStart;
        }
      }
      this.pipedRow = rowStart;
      this.pipedTop = top;
      if (top === rowStart) return;
      let header = this.headers.get(top);
      if (!header) this.headers.set(top, (header = cells(text.slice(top, logicalLineEnd(text, top, ROW_WINDOW)), 124)));
      this.header = header;
    } else if (this.kind === 'csv' && rowStart > 0) {
      const line = this.csvHeader();
      if (line === undefined) return;
      this.delimiter = csvDelimiter(line);
      let header = this.headers.get(-1);
      if (!header) this.headers.set(-1, (header = cells(line, this.delimiter)));
      this.header = header;
    }
  }
}

/** A `|` before the value, over at most 8 blanks and quotes (`| AC… |`, `` | `…` ``). */
function pipeBefore(text: string, start: number): boolean {
  for (let i = start - 1, n = 0; i >= 0 && n < 9; i--, n++) {
    const c = text.charCodeAt(i);
    if (c === 124) return true;
    if (c !== 32 && c !== 9 && c !== 96 && c !== 34 && c !== 39) return false;
  }
  return false;
}

/**
 * A call whose first argument is a name and whose second is the value: a default
 * (`env('TWILIO_AUTH_TOKEN', '…')`, `os.getenv("TWILIO_AUTH_TOKEN", "…")`) or a setter
 * (`props.setProperty("twilio.auth.token", "…")`, `map.put("authToken", "…")`).
 */
export function firstArgumentName(text: string, call: EnclosingCall, valueStart: number): KeyName | undefined {
  if (call.argIndex !== 1 || valueStart - call.open > 200) return undefined;
  const m = /^\s*(['"`])([A-Za-z_][A-Za-z0-9_.:-]{0,79})\1\s*,\s*['"`]?$/.exec(text.slice(call.open + 1, valueStart));
  if (!m) return undefined;
  const start = call.open + 1 + m[0].indexOf(m[2]);
  return { name: m[2], start, end: start + m[2].length };
}

/** A comment after the value on its line (`'…'  # twilio auth token`), as text; '' when none. */
export function trailingComment(text: string, end: number): string {
  const after = text.slice(end, logicalLineEnd(text, end, 120));
  const m = /^[\s"'`,;)\]}]*(?:#|\/\/|--|\/\*|<!--|%)(.*)$/.exec(after);
  return m ? m[1] : '';
}

/** Callees that build a Twilio client or check its signatures (a generic one, `Client`, needs the file to mention Twilio). */
export const SPECIFIC_CALLEE = /twilio|validaterequest|requestvalidator/;
export const GENERIC_CALLEE = /client|accesstoken|clientparams|init$|validator|^auth$/;

/** A Twilio call's argument that names a variable: where a value flows when it is assigned elsewhere. */
export interface CallArgument {
  callee: string;
  index: number;
}

/** The `(` that opens a call right after `text[end - 1]` (over `.new`, `::new` and blanks), or -1. */
function openAfter(text: string, end: number): number {
  let i = end;
  if (text.startsWith('.new', i)) i += 4;
  else if (text.startsWith('::new', i)) i += 5;
  for (let n = 0; n < 4 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9); n++) i++;
  return text.charCodeAt(i) === 40 ? i : -1;
}

/** Letters, digits, `_`, `.`, `:` and `$`: a callee written as a path (`twilio.rest.Client`, `Twilio::REST::Client`). */
function isCalleeCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 58 || c === 36;
}

/**
 * Offsets of the `(` of calls whose callee holds the word Twilio (`twilio(`, `Twilio.init(`,
 * `twilio.rest.Client(`, `Twilio::REST::Client.new(`) or a client-like name (`Client(`,
 * `AccessToken(`, `RequestValidator(`), in order. Starts from the word's known offsets and from
 * indexOf on rare-letter names: a 5 MB bundle is searched a few times, never by a costly pattern.
 */
function callOpenings(text: string, twilioWords: readonly number[], from: number, to: number, max: number): number[] {
  const found = new Set<number>();
  const add = (at: number): void => {
    let end = at;
    for (let n = 0; n < 60 && isCalleeCode(text.charCodeAt(end)); n++) end++;
    // Back over a trailing `.new` / `::new` is done by openAfter.
    const open = openAfter(text, text.endsWith('.new', end) ? end - 4 : text.endsWith('::new', end) ? end - 5 : end);
    if (open >= 0) found.add(open);
  };
  for (let i = firstOffsetAtOrAfter(twilioWords, from); i < twilioWords.length && twilioWords[i] < to && found.size < max; i++) add(twilioWords[i]);
  // indexOf on the window only (a slice shares the text's memory): never reads on to the end.
  const window = from === 0 && to >= text.length ? text : text.slice(from, to);
  for (const name of ['Client', 'AccessToken', 'Validator']) {
    for (let at = window.indexOf(name); at >= 0 && found.size < max; at = window.indexOf(name, at + 1)) add(from + at);
  }
  return [...found].sort((a, b) => a - b);
}

function firstOffsetAtOrAfter(sorted: readonly number[], pos: number): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The variables a Twilio client, validator or access token is built from, by normalised name:
 * `Client(account_sid, api_key)` says `api_key` holds the token whatever its name says. Read in
 * `text[from, to)` (a small file whole, a bundle around the value); at most 200 calls.
 */
export function twilioCallArguments(text: string, twilioWords: readonly number[], from = 0, to = text.length): Map<string, CallArgument> {
  const out = new Map<string, CallArgument>();
  let calls = 0;
  for (const open of callOpenings(text, twilioWords, from, to, 400)) {
    if (calls >= 200) break;
    const callee = calleeBefore(text, open);
    if (!callee) continue;
    const norm = normalizeName(callee.callee);
    if (!SPECIFIC_CALLEE.test(norm) && !GENERIC_CALLEE.test(norm)) continue;
    calls++;
    const close = matchingClose(text, open, 600);
    if (!close) continue;
    let depth = 0, index = 0, argStart = open + 1;
    for (let i = open + 1; i < close.close; i++) {
      const c = text.charCodeAt(i);
      if (c === 40 || c === 91 || c === 123) depth++;
      else if ((c === 41 || c === 93 || c === 125) && depth > 0) depth--;
      else if ((c === 44 && depth === 0) || i === close.close - 1) {
        const arg = text.slice(argStart, i).trim();
        // A variable or a member (`auth_token`, `self.token`, `$token`, `config['token']`), not a literal or a call.
        if (arg && !/^['"`\d]/.test(arg) && !arg.includes('(')) {
          const id = lastIdentifier(arg);
          if (id) {
            const key = normalizeName(id);
            if (key && !out.has(key)) out.set(key, { callee: callee.callee, index });
          }
        }
        index++;
        argStart = i + 1;
      }
    }
  }
  return out;
}

/**
 * The last identifier of a name or an argument as a program writes it (`self.auth_token` →
 * `auth_token`, `$token` → `token`, `config['token']` → `token`), read backwards without a
 * regular expression; '' when there is none.
 */
export function lastIdentifier(name: string): string {
  let end = name.length;
  // Closing quotes, brackets and blanks after the identifier.
  while (end > 0 && /[\s'"`\])]/.test(name[end - 1])) end--;
  let start = end;
  while (start > 0 && isIdentifierCode(name.charCodeAt(start - 1))) start--;
  // An identifier does not start with a digit.
  while (start < end && name.charCodeAt(start) >= 48 && name.charCodeAt(start) <= 57) start++;
  return name.slice(start, end);
}

function isIdentifierCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
