/**
 * Keeping a `.env` out of git: adds an entry to a `.gitignore` text. Whether a file is ignored is
 * asked of `git check-ignore` (see envWriter), which also reads nested `.gitignore` files,
 * `.git/info/exclude`, global excludes and `core.ignoreCase`, and reports an already tracked file
 * as not ignored: no reader of one `.gitignore` could answer that as well.
 */
import { dominantEol } from '../../core/util/lines';

function trimTrailingBlanks(s: string): string {
  let end = s.length;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: s[-1] is not a blank, so the loop stops at 0 anyway
  while (end > 0 && s[end - 1] === ' ') {
    // "\ " keeps the blank (and the ones before it stay too)
    let slashes = 0;
    for (let k = end - 2; k >= 0 && s[k] === '\\'; k--) slashes++;
    if (slashes % 2 === 1) break;
    end--;
  }
  return s.slice(0, end);
}

/**
 * Appends `entry` as a line of its own unless a line already says exactly that. Keeps every
 * existing byte; the new line ends in CRLF when most lines do, else in LF.
 */
export function appendGitignoreEntry(text: string, entry: string): { text: string; changed: boolean } {
  if (/[\r\n]/.test(entry) || entry.trim() === '') throw new RangeError('A .gitignore entry is one non-empty line.');
  // Read as git reads it: lines end at LF (a CR before it is dropped); a lone CR is not a break.
  const lines = text.replace(/^\uFEFF/, '').split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines.some((l) => trimTrailingBlanks(l) === entry.trim())) return { text, changed: false };
  const eol = dominantEol(text) === '\r\n' ? '\r\n' : '\n';
  const body = text === '' || text === '\uFEFF' || text.endsWith('\n') ? text : text + eol;
  return { text: body + entry.trim() + eol, changed: true };
}
