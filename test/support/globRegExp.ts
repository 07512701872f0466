// The meaning of an ignore-file glob, written as a RegExp: the reference the backtracking-free
// matcher (matchesAnyGlob) is compared with. Only for short globs: as a RegExp, a glob such as
// `*a*a*a*a*a*a*a*b` backtracks exponentially, which is why the extension does not use it.
import { normalizeGlob } from '../../src/core/detection/ignore';

/** A gitignore-like glob as a RegExp over `/`-separated relative paths. */
export function globToRegExp(glob: string): RegExp {
  // A folder pattern (`fixtures/`) is matched like a name: a match on a folder covers the files
  // below it, which are all that is ever tested.
  const { body: g, anchored } = normalizeGlob(glob);
  let re = '';
  let close = 0; // the first `]` after the current `[`, found once for a run of `[` (else quadratic)
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
      if (close >= 0 && close <= i) close = g.indexOf(']', i + 1);
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
  return result;
}
