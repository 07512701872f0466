// Suppressions a user writes down: a `twilio-credentials-ignore` comment next to a value, and a
// `.twilio-credentials-ignore` file listing fingerprints (never values) and path globs. The
// editor and the CLI share these so a suppression made in one holds in the other.

import { isFingerprint } from './fingerprint';

export const IGNORE_COMMENT = 'twilio-credentials-ignore';
export const IGNORE_FILE_NAME = '.twilio-credentials-ignore';

export interface IgnoreRules {
  /** Fingerprints (`tc1:…`) of values that are known not to be secrets, or accepted. */
  fingerprints: Set<string>;
  /** Globs of paths to skip, relative to the folder holding the ignore file. */
  pathGlobs: string[];
  /** Lines that were neither: reported so a typo does not silently ignore nothing. */
  invalidLines: { line: number; text: string }[];
}

/**
 * Parses a `.twilio-credentials-ignore` file: one entry per line, `#` starts a comment (at the
 * line start or after whitespace). A line shaped like a fingerprint is a fingerprint; anything
 * else is a path glob (gitignore-like: `*`, `**`, `?`, `[…]`, a trailing `/` for folders, a
 * leading `/` anchors to the file's folder). `!` negation is not supported and is reported.
 */
export function parseIgnoreFile(text: string): IgnoreRules {
  const rules: IgnoreRules = { fingerprints: new Set(), pathGlobs: [], invalidLines: [] };
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    // `[\s\S]*` rather than `.*`: `.` stops at a lone CR or U+2028, and `$` then fails and the
    // search restarts at every later ` #`, quadratic in the line's length.
    const line = raw.replace(/(^|\s)#[\s\S]*$/, '').trim();
    if (!line) return;
    if (isFingerprint(line)) rules.fingerprints.add(line);
    else if (line.startsWith('!') || /^[0-9a-f]{16}$/.test(line)) rules.invalidLines.push({ line: index + 1, text: line });
    else rules.pathGlobs.push(line);
  });
  return rules;
}

/** Serialises rules back, e.g. after the editor adds a fingerprint. */
export function formatIgnoreEntry(fingerprintValue: string, note?: string): string {
  const comment = note ? `  # ${note.replace(/[\r\n]+/g, ' ')}` : '';
  return `${fingerprintValue}${comment}\n`;
}

const globCache = new Map<string, RegExp>();

/** A gitignore-like glob as a RegExp over `/`-separated relative paths. */
export function globToRegExp(glob: string): RegExp {
  const cached = globCache.get(glob);
  if (cached) return cached;
  // A folder pattern (`fixtures/`) is matched like a name: a match on a folder covers the files
  // below it, which are all that is ever tested.
  let g = glob.replace(/\\/g, '/');
  // Trailing slashes by hand: /\/+$/ retries from every slash of a long run that does not end
  // the glob, quadratic in its length.
  let end = g.length;
  while (end > 0 && g[end - 1] === '/') end--;
  g = g.slice(0, end);
  // Without a slash (other than a trailing one) a pattern matches a name at any depth.
  const anchored = g.includes('/');
  if (g.startsWith('/')) g = g.slice(1);
  let re = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        const slashAfter = g[i + 2] === '/';
        re += slashAfter ? '(?:[^/]*/)*' : '.*';
        i += slashAfter ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = g.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        re += '[' + g.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  // A match on a folder covers everything below it.
  const body = `${re}(?:/.*)?`;
  let result: RegExp;
  try {
    result = new RegExp(anchored ? `^${body}$` : `(?:^|/)${body}$`);
    result.test(''); // V8 compiles on first use: a glob too large to compile throws here, not later
  } catch {
    // A reversed range such as `[z-a]` (git's matcher never matches it either) or a glob too
    // large to compile. The path is then scanned, the safe side for a typo in an ignore file.
    result = /(?!)/;
  }
  globCache.set(glob, result);
  return result;
}

/** True when `relativePath` (`/`-separated, relative to the rules' folder) matches a glob. */
export function matchesAnyGlob(relativePath: string, globs: readonly string[]): boolean {
  const path = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  return globs.some((g) => globToRegExp(g).test(path));
}

/**
 * 0-based line numbers on which findings are suppressed: each line holding the ignore comment,
 * and the line after it. Offsets of the markers are mapped to lines by `lineOf`.
 */
export function suppressedLines(text: string, lineOf: (offset: number) => number): Set<number> {
  const lines = new Set<number>();
  let at = text.indexOf(IGNORE_COMMENT);
  while (at >= 0) {
    const line = lineOf(at);
    lines.add(line);
    lines.add(line + 1);
    at = text.indexOf(IGNORE_COMMENT, at + IGNORE_COMMENT.length);
  }
  return lines;
}
