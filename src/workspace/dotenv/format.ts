/**
 * Writing a value so that dotenv (and `parseDotenv`) reads back exactly that value.
 *
 * dotenv has no general escape mechanism: only `\n` and `\r` are decoded, and only inside double
 * quotes. So the choice of quotes is what makes a value representable:
 * - Unquoted when the value has no blanks, `#`, quotes or `$` (the common case: SIDs, secrets).
 *   `$` is quoted because dotenv-expand and python-dotenv expand `$VAR` / `${VAR}` in unquoted
 *   values.
 * - Otherwise single quotes: everything inside is literal.
 * - A value holding `'` goes in double quotes, unless it holds `"` or a backslash (dotenv would
 *   keep `\"` as two characters and turn a literal `\n` into a newline); then backticks.
 * - Newlines: double quotes with `\n` / `\r` escapes, which keeps the entry on one line; when
 *   double quotes cannot hold the value, backticks or single quotes spanning lines.
 * - A quoted value may not end with a backslash (see the grammar in parse.ts).
 * Some values fit none of these (say, one line holding all three quote characters and a `#`):
 * `formatValue` returns undefined and the caller reports it.
 */
import type { Eol, Quote } from './parse';

function endsWithBackslash(v: string): boolean {
  return v.endsWith('\\');
}

function hasLineBreak(v: string): boolean {
  return v.includes('\n') || v.includes('\r');
}

/** Needs no quotes at all. */
export function isPlainValue(v: string): boolean {
  return !/[\s#'"`$]/.test(v);
}

/** dotenv reads `v` back unchanged when written without quotes. */
function unquotedReadsBack(v: string): boolean {
  return !/[#\r\n]/.test(v) && v.trim() === v && !/^['"`]/.test(v);
}

function single(v: string): string | undefined {
  return !v.includes("'") && !hasLineBreak(v) && !endsWithBackslash(v) ? `'${v}'` : undefined;
}

function double(v: string): string | undefined {
  if (v.includes('"') || v.includes('\\')) return undefined;
  return `"${v.replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
}

function backtick(v: string): string | undefined {
  return !v.includes('`') && !hasLineBreak(v) && !endsWithBackslash(v) ? `\`${v}\`` : undefined;
}

/** A quoted value spanning lines; line breaks are written with the file's own line ending. */
function multiline(v: string, q: "'" | '`', eol: Eol): string | undefined {
  if (v.includes(q) || v.includes('\r') || endsWithBackslash(v)) return undefined;
  return q + v.replace(/\n/g, eol || '\n') + q;
}

/**
 * The raw text for `value`, keeping `prefer` (an existing entry's quote style) when it still
 * represents the value; undefined when no form does.
 */
// Stryker disable next-line StringLiteral: multiline() writes '\n' for an empty line ending too
export function formatValue(value: string, prefer?: Quote, eol: Eol = '\n'): string | undefined {
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: single(''), double('') and backtick('') give the same two quotes, and '' needs none
  if (value === '' && prefer !== undefined && prefer !== '') return prefer + prefer;
  const kept =
    prefer === "'" ? single(value) :
    prefer === '"' ? double(value) :
    prefer === '`' ? backtick(value) :
    undefined;
  if (kept !== undefined) return kept;
  if (isPlainValue(value)) return value;
  if (!hasLineBreak(value)) {
    return single(value) ?? double(value) ?? backtick(value) ?? (unquotedReadsBack(value) ? value : undefined);
  }
  return double(value) ?? multiline(value, '`', eol) ?? multiline(value, "'", eol);
}
