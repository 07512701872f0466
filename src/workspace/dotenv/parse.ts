/**
 * A lossless model of a `.env` file: every line keeps its exact text and line ending, so a writer
 * can change one variable and put every other byte back untouched.
 *
 * Grammar (what motdotla/dotenv's default parser reads, minus what it reads ambiguously):
 * - Line endings are `\n`, `\r\n` or a lone `\r` (dotenv treats all three as breaks); the last
 *   line may have none. A UTF-8 BOM at the very start is kept aside, as dotenv skips it.
 * - A line of whitespace only is blank; a line whose first non-blank character is `#` is a comment.
 * - An assignment is `[indent][export ]NAME<sep>[value][trailer]`:
 *   - NAME is `[A-Za-z0-9_.-]+` (dotenv's `[\w.-]+`).
 *   - `<sep>` is `=` with optional blanks around it, or `:` followed by a blank (dotenv accepts
 *     `NAME: value`).
 *   - A value starting with `'`, `"` or `` ` `` is quoted and ends at the first matching quote;
 *     `\<quote>` and `\\` inside do not end it (the pairs dotenv's scanner skips). Quoted values
 *     may span lines, as in dotenv. After the closing quote only blanks and a `# comment` may
 *     follow. Inside double quotes `\n` and `\r` become a newline and a carriage return, and
 *     nothing else is unescaped (dotenv keeps `\"` as two characters); line breaks inside any
 *     quoted value read as `\n`.
 *   - Any other value is unquoted: it runs to the first `#` (dotenv starts a comment at any `#`
 *     in an unquoted value, with or without a space before it) or the end of the line, and
 *     surrounding blanks are trimmed.
 *
 * Deliberately stricter than dotenv, because the caller must refuse to edit a file it cannot
 * read the same way the application will:
 * - An unterminated quote is an error (dotenv silently keeps the quote as part of the value).
 * - Text after a closing quote is an error (dotenv falls back to reading the whole rest of the
 *   line, quotes included, which is rarely what the author meant).
 * - A quoted value whose closing quote follows a backslash (`"C:\dir\\"`) is an error: dotenv's
 *   two parsers disagree about where such a value ends.
 * - A line that is neither blank, comment nor assignment (`FOO BAR`, `FOO`, `export FOO`) is an
 *   error; dotenv skips it, but it usually means a typo near a secret.
 * - `export =value` (a variable named "export", then blanks) is an error: dotenv's regex and
 *   fast parsers disagree about it.
 *
 * Duplicates: dotenv's `parse` keeps the LAST occurrence of a name (its own test is named "last
 * duplicate key wins"), so `getValue` returns the last one.
 *
 * Error messages never quote the offending text: a malformed line may well be a pasted secret.
 */
import * as l10n from '@vscode/l10n';

export type Eol = '\n' | '\r\n' | '\r' | '';
export type Quote = '' | "'" | '"' | '`';

interface LineBase {
  /** 1-based number of the entry's first physical line. */
  line: number;
  /** Exact text, without the final line ending (a multi-line value keeps its inner breaks). */
  text: string;
  /** The line ending after `text`: '' only for a last line without one. */
  eol: Eol;
}

export interface BlankEntry extends LineBase {
  kind: 'blank';
}

export interface CommentEntry extends LineBase {
  kind: 'comment';
}

/** `text === lead + name + separator + rawValue + trailer`. */
export interface AssignmentEntry extends LineBase {
  kind: 'assignment';
  /** Number of physical lines the entry spans (more than 1 for a multi-line quoted value). */
  lineCount: number;
  name: string;
  /** The value as dotenv reads it. */
  value: string;
  exported: boolean;
  /** Indentation and the `export ` keyword with its blanks. */
  lead: string;
  /** `=` or `:` with the blanks around it (blanks before an empty value belong to `trailer`). */
  separator: string;
  /** The value as written, quotes included. */
  rawValue: string;
  quote: Quote;
  /** Blanks and the inline comment after the value. */
  trailer: string;
}

export type DotenvEntry = BlankEntry | CommentEntry | AssignmentEntry;

export interface DotenvDoc {
  bom: boolean;
  entries: DotenvEntry[];
}

/** `line` is 1-based; 0 means the problem is in a requested edit rather than in the file. */
export interface DotenvError {
  line: number;
  /** 1-based, in UTF-16 code units. */
  column?: number;
  message: string;
}

export type ParseResult = { ok: true; doc: DotenvDoc } | { ok: false; error: DotenvError };

const BOM = '\uFEFF';
const NAME_CHAR = /[A-Za-z0-9_.-]/;

/** Blanks inside a line: JavaScript's `\s` without the line breaks (dotenv trims with `\s`). */
function isBlankChar(c: string): boolean {
  // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: no caller passes a line break (each stops at the line's end)
  return c !== '\n' && c !== '\r' && /\s/.test(c);
}

function isNameChar(c: string | undefined): boolean {
  return c !== undefined && NAME_CHAR.test(c);
}

function isQuote(c: string | undefined): c is "'" | '"' | '`' {
  return c === "'" || c === '"' || c === '`';
}

/** Index where the line starting at `from` ends (its line break, or `text.length`). */
function lineEndAt(text: string, from: number): number {
  // Stryker disable next-line EqualityOperator: one more turn reads undefined, which ends nothing
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || c === '\r') return i;
  }
  return text.length;
}

function eolAt(text: string, i: number): Eol {
  if (text[i] === '\r') return text[i + 1] === '\n' ? '\r\n' : '\r';
  return text[i] === '\n' ? '\n' : '';
}

function countLineBreaks(s: string): number {
  let n = 0;
  // Stryker disable next-line EqualityOperator: one more turn reads undefined, which counts nothing
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\n' || (s[i] === '\r' && s[i + 1] !== '\n')) n++;
  }
  return n;
}

/** Decodes a quoted value's inner text the way dotenv does. */
function decodeQuoted(inner: string, quote: Quote): string {
  let value = inner.replace(/\r\n?/g, '\n');
  if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
  return value;
}

class Fail {
  constructor(readonly error: DotenvError) {}
}

/**
 * Parses an assignment starting at `start` (the beginning of a non-blank, non-comment line).
 * Returns the entry and the index just past its text (before its final line break).
 */
function parseAssignment(text: string, start: number, lineNo: number): { entry: AssignmentEntry; end: number } {
  const lineEnd = lineEndAt(text, start);
  const col = (i: number) => i - start + 1;
  const fail = (i: number, message: string) => new Fail({ line: lineNo, column: col(i), message });

  let p = start;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the character test already stops at the line's end
  while (p < lineEnd && isBlankChar(text[p])) p++;
  let exported = false;
  // Stryker disable next-line EqualityOperator,ArithmeticOperator: isBlankChar already fails at the line's end
  if (text.startsWith('export', p) && p + 6 < lineEnd && isBlankChar(text[p + 6])) {
    let q = p + 6;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: the character test already stops at the line's end
    while (q < lineEnd && isBlankChar(text[q])) q++;
    if (isNameChar(text[q])) {
      exported = true;
      p = q;
    } else {
      // dotenv's default parser reads `export =1` as a variable named "export", its fast parser
      // as a nameless line: ambiguous, so refused.
      throw fail(p, l10n.t('A variable named "export" must be written without blanks before "=".'));
    }
  }
  const lead = text.slice(start, p);

  const nameStart = p;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the character test already stops at the line's end
  while (p < lineEnd && isNameChar(text[p])) p++;
  if (p === nameStart) {
    throw fail(p, l10n.t('Expected a comment or NAME=value; a name may use letters, digits, "_", "." and "-".'));
  }
  const name = text.slice(nameStart, p);

  const sepStart = p;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the character test already stops at the line's end
  while (p < lineEnd && isBlankChar(text[p])) p++;
  if (text[p] === '=') {
    p++;
  } else if (p === sepStart && text[p] === ':' && p + 1 < lineEnd && isBlankChar(text[p + 1])) {
    p += 2; // the blank is part of a `NAME: value` separator, even before an empty value
  } else {
    throw fail(p, l10n.t('Expected "=" after the variable name (this line is not a comment or NAME=value).'));
  }
  const sepEnd = p;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the character test already stops at the line's end
  while (p < lineEnd && isBlankChar(text[p])) p++;

  // Empty value: the blanks after the separator belong to the trailer, so a new value is written
  // right after `=` and any comment keeps its spacing.
  if (p === lineEnd || text[p] === '#') {
    return {
      entry: {
        kind: 'assignment', line: lineNo, lineCount: 1, text: text.slice(start, lineEnd), eol: '',
        name, value: '', exported, lead, separator: text.slice(sepStart, sepEnd), rawValue: '', quote: '',
        trailer: text.slice(sepEnd, lineEnd),
      },
      end: lineEnd,
    };
  }

  const separator = text.slice(sepStart, p);
  const valueStart = p;
  const c = text[p];
  if (isQuote(c)) {
    let j = p + 1;
    for (;;) {
      // Stryker disable next-line EqualityOperator: at j === text.length no quote is read and the next turn throws the same error
      if (j >= text.length) throw fail(valueStart, unterminated(c));
      const d = text[j];
      if (d === '\\' && (text[j + 1] === c || text[j + 1] === '\\')) {
        j += 2;
        continue;
      }
      if (d === c) break;
      j++;
    }
    if (text[j - 1] === '\\') {
      throw fail(valueStart, l10n.t('A quoted value that ends with a backslash is read differently by dotenv versions; add a character after the backslash or use another quote.'));
    }
    const closeLineStart = lastLineStart(text, j);
    const closeLineEnd = lineEndAt(text, j);
    const closeLineNo = lineNo + countLineBreaks(text.slice(start, j));
    let k = j + 1;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: the character test already stops at the line's end
    while (k < closeLineEnd && isBlankChar(text[k])) k++;
    if (k < closeLineEnd && text[k] !== '#') {
      throw new Fail({
        line: closeLineNo,
        column: k - closeLineStart + 1,
        message: l10n.t('Unexpected text after the closing quote (only a # comment may follow).'),
      });
    }
    const entryText = text.slice(start, closeLineEnd);
    return {
      entry: {
        kind: 'assignment', line: lineNo, lineCount: closeLineNo - lineNo + 1, text: entryText, eol: '',
        name, value: decodeQuoted(text.slice(valueStart + 1, j), c), exported, lead, separator,
        rawValue: text.slice(valueStart, j + 1), quote: c, trailer: text.slice(j + 1, closeLineEnd),
      },
      end: closeLineEnd,
    };
  }

  let valueEnd = valueStart;
  while (valueEnd < lineEnd && text[valueEnd] !== '#') valueEnd++;
  let rawEnd = valueEnd;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the value's first character is not blank, so the trim stops there anyway
  while (rawEnd > valueStart && isBlankChar(text[rawEnd - 1])) rawEnd--;
  const rawValue = text.slice(valueStart, rawEnd);
  return {
    entry: {
      kind: 'assignment', line: lineNo, lineCount: 1, text: text.slice(start, lineEnd), eol: '',
      name, value: rawValue, exported, lead, separator, rawValue, quote: '', trailer: text.slice(rawEnd, lineEnd),
    },
    end: lineEnd,
  };
}

function lastLineStart(text: string, i: number): number {
  let s = i;
  while (s > 0 && text[s - 1] !== '\n' && text[s - 1] !== '\r') s--;
  return s;
}

function unterminated(q: string): string {
  if (q === "'") return l10n.t('Unterminated single quote.');
  return q === '"' ? l10n.t('Unterminated double quote.') : l10n.t('Unterminated backtick quote.');
}

/** Parses `.env` text. Never throws. */
export function parseDotenv(text: string): ParseResult {
  if (typeof text !== 'string') {
    return { ok: false, error: { line: 0, message: l10n.t('The .env content is not text.') } };
  }
  const bom = text.startsWith(BOM);
  const entries: DotenvEntry[] = [];
  let pos = bom ? 1 : 0;
  let lineNo = 1;
  try {
    while (pos < text.length) {
      const lineEnd = lineEndAt(text, pos);
      let first = pos;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: the character test already stops at the line's end
      while (first < lineEnd && isBlankChar(text[first])) first++;
      let entry: DotenvEntry;
      let end: number;
      if (first === lineEnd) {
        entry = { kind: 'blank', line: lineNo, text: text.slice(pos, lineEnd), eol: '' };
        end = lineEnd;
      } else if (text[first] === '#') {
        entry = { kind: 'comment', line: lineNo, text: text.slice(pos, lineEnd), eol: '' };
        end = lineEnd;
      } else {
        ({ entry, end } = parseAssignment(text, pos, lineNo));
      }
      entry.eol = eolAt(text, end);
      entries.push(entry);
      lineNo += entry.kind === 'assignment' ? entry.lineCount : 1;
      pos = end + entry.eol.length;
    }
  } catch (e) {
    // Stryker disable next-line ConditionalExpression: only a Fail is thrown on purpose; anything else would be a bug in this parser
    if (e instanceof Fail) return { ok: false, error: e.error };
    throw e;
  }
  return { ok: true, doc: { bom, entries } };
}

/** The exact text the document was parsed from. */
export function serializeDotenv(doc: DotenvDoc): string {
  return (doc.bom ? BOM : '') + doc.entries.map((e) => e.text + e.eol).join('');
}

function assignments(doc: DotenvDoc): AssignmentEntry[] {
  return doc.entries.filter((e): e is AssignmentEntry => e.kind === 'assignment');
}

/** The value dotenv would load for `name`: the last occurrence wins. */
export function getValue(doc: DotenvDoc, name: string): string | undefined {
  let value: string | undefined;
  for (const e of assignments(doc)) if (e.name === name) value = e.value;
  return value;
}

/** Variable names in order of first appearance, each once. */
export function names(doc: DotenvDoc): string[] {
  return [...new Set(assignments(doc).map((e) => e.name))];
}

export interface DotenvReference {
  name: string;
  /** 1-based first line of the assignment. */
  line: number;
  lineCount: number;
}

/** Assignments whose value is exactly `value` (e.g. which variables hold a key SID). */
export function findReferences(
  text: string,
  value: string,
): { ok: true; references: DotenvReference[] } | { ok: false; error: DotenvError } {
  const parsed = parseDotenv(text);
  if (!parsed.ok) return parsed;
  const references = assignments(parsed.doc)
    .filter((e) => e.value === value)
    .map((e) => ({ name: e.name, line: e.line, lineCount: e.lineCount }));
  return { ok: true, references };
}
