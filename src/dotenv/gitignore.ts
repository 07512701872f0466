/**
 * Is `.env` kept out of git? A pure reading of ONE `.gitignore` file.
 *
 * Prefer `git check-ignore -q -- <path>` when git and a repository are available: it also reads
 * nested `.gitignore` files, `.git/info/exclude` and the user's global excludes, honours
 * `core.ignoreCase`, and (without `--no-index`) reports a file that is already tracked as NOT
 * ignored, which is the case that matters most: a committed `.env` is not protected by any
 * pattern. This module is the fallback when git is not there (no git binary, no repository, a
 * virtual workspace) and the writer used to add an entry.
 *
 * Supported: blank lines and `#` comments, `\#` and `\!` escapes, trailing blanks (unless
 * escaped), `!` negation with "last match wins", a trailing `/` for directories only, anchoring by
 * a leading or inner `/`, `*`, `?`, `[...]` classes (with `!`/`^` negation and `[:alpha:]`-style
 * names), and `**` in the leading, trailing and inner forms. As in git, nothing inside an ignored
 * directory can be re-included by a later `!` pattern. A randomized test compares this reader with
 * `git check-ignore` itself. Known difference: in a pattern like `a**` followed by a slash and
 * more, git lets the double star match any directories after `a`; here a double star that is not
 * a whole segment is a plain `*`, as git's documentation says.
 */

export interface GitignoreRule {
  /** 1-based line in the file. */
  line: number;
  pattern: string;
  negate: boolean;
  dirOnly: boolean;
  regex: RegExp;
}

export interface GitignoreOptions {
  /** The path names a directory (a trailing `/` on the path says the same). */
  isDirectory?: boolean;
  /** Match case-insensitively, like git with `core.ignoreCase` (Windows, macOS). */
  ignoreCase?: boolean;
}

const CLASS_NAMES: Record<string, string> = {
  alnum: 'A-Za-z0-9', alpha: 'A-Za-z', blank: ' \\t', cntrl: '\\x00-\\x1f\\x7f', digit: '0-9',
  graph: '\\x21-\\x7e', lower: 'a-z', print: '\\x20-\\x7e', punct: '!-\\/:-@\\[-`{-~',
  space: ' \\t\\n\\r\\f\\v', upper: 'A-Z', xdigit: '0-9A-Fa-f',
};

function escapeRegex(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? '\\' + c : c;
}

/**
 * What the class scans of one pattern have learnt, so that a line of many `[` without their `]`
 * is read in linear time rather than scanned to its end from every `[`.
 */
interface ClassScans {
  /** Positions from which (past a class's first character) no closing `]` follows. */
  unclosed: Uint8Array;
  /** `nameEnd` is the first `:]` at or after `nameFrom` (-1: none). */
  nameFrom: number;
  nameEnd: number;
}

/** Translates `[...]` starting at `i`; returns the regex source and the index after `]`. */
function charClass(glob: string, i: number, scans: ClassScans): { source: string; next: number } | undefined {
  let j = i + 1;
  let negate = false;
  if (glob[j] === '!' || glob[j] === '^') {
    negate = true;
    j++;
  }
  let body = '';
  let first = true;
  // Past the first character, where a scan goes depends only on the position: one that found
  // no `]` from here will not find one the next time either.
  const visited: number[] = [];
  while (j < glob.length) {
    if (!first) {
      if (scans.unclosed[j]) break;
      visited.push(j);
    }
    const c = glob[j];
    if (c === ']' && !first) {
      // A class never matches "/" in a path-aware glob.
      return { source: negate ? `[^/${body}]` : `(?!/)[${body}]`, next: j + 1 };
    }
    first = false;
    if (c === '[' && glob[j + 1] === ':') {
      if (j + 2 < scans.nameFrom || (scans.nameEnd >= 0 && scans.nameEnd < j + 2)) {
        scans.nameFrom = j + 2;
        scans.nameEnd = glob.indexOf(':]', j + 2);
      }
      const end = scans.nameEnd;
      const name = end > 0 ? glob.slice(j + 2, end) : '';
      if (name in CLASS_NAMES) {
        body += CLASS_NAMES[name];
        j = end + 2;
        continue;
      }
    }
    if (c === '\\' && j + 1 < glob.length) {
      body += escapeRegex(glob[j + 1]);
      j += 2;
      continue;
    }
    if (c === '-' && body !== '' && glob[j + 1] !== ']' && j + 1 < glob.length) {
      body += '-';
      j++;
      continue;
    }
    body += escapeRegex(c);
    j++;
  }
  for (const v of visited) scans.unclosed[v] = 1;
  return undefined; // no closing bracket: "[" is literal
}

/** Regex source for a glob segment sequence (no leading/trailing "/" handling). */
function globToRegex(glob: string): string {
  let out = '';
  let i = 0;
  let scans: ClassScans | undefined;
  while (i < glob.length) {
    const c = glob[i];
    if (c === '*') {
      let j = i;
      while (glob[j] === '*') j++;
      const run = j - i;
      const atSegmentStart = i === 0 || glob[i - 1] === '/';
      const atSegmentEnd = j === glob.length || glob[j] === '/';
      if (run >= 2 && atSegmentStart && atSegmentEnd) {
        if (j === glob.length) {
          // trailing "/**" (or a bare "**"): everything below
          out += i === 0 ? '.*' : '.+';
          i = j;
        } else {
          // "**/": zero or more directories
          out += '(?:.*/)?';
          i = j + 1;
        }
        continue;
      }
      out += '[^/]*';
      i = j;
      continue;
    }
    if (c === '?') {
      out += '[^/]';
      i++;
      continue;
    }
    if (c === '[') {
      scans ??= { unclosed: new Uint8Array(glob.length + 1), nameFrom: Infinity, nameEnd: -1 };
      const cls = charClass(glob, i, scans);
      if (cls) {
        out += cls.source;
        i = cls.next;
        continue;
      }
    }
    if (c === '\\' && i + 1 < glob.length) {
      out += escapeRegex(glob[i + 1]);
      i += 2;
      continue;
    }
    out += escapeRegex(c);
    i++;
  }
  return out;
}

function trimTrailingBlanks(s: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === ' ') {
    // "\ " keeps the blank (and the ones before it stay too)
    let slashes = 0;
    for (let k = end - 2; k >= 0 && s[k] === '\\'; k--) slashes++;
    if (slashes % 2 === 1) break;
    end--;
  }
  return s.slice(0, end);
}

export function parseGitignore(text: string, opts: Pick<GitignoreOptions, 'ignoreCase'> = {}): GitignoreRule[] {
  const rules: GitignoreRule[] = [];
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((rawLine, index) => {
    let p = trimTrailingBlanks(rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine);
    if (p === '' || p.startsWith('#')) return;
    let negate = false;
    if (p.startsWith('!')) {
      negate = true;
      p = p.slice(1);
    }
    let dirOnly = false;
    if (p.endsWith('/') && !p.endsWith('\\/')) {
      dirOnly = true;
      // by hand: /\/+$/ retries from every slash of a long run before the last one (quadratic)
      let end = p.length;
      while (end > 0 && p[end - 1] === '/') end--;
      p = p.slice(0, end);
    }
    if (p === '') return;
    const anchored = p.includes('/');
    if (p.startsWith('/')) p = p.slice(1);
    const body = globToRegex(p);
    const source = anchored ? `^${body}$` : `^(?:.*/)?${body}$`;
    let regex: RegExp;
    try {
      regex = new RegExp(source, opts.ignoreCase ? 'si' : 's');
      regex.test(''); // V8 compiles on first use: a pattern too large to compile throws here
    } catch {
      return; // e.g. a reversed range "[z-a]": git's matcher never matches it either
    }
    rules.push({ line: index + 1, pattern: rawLine, negate, dirOnly, regex });
  });
  return rules;
}

function lastVerdict(rules: readonly GitignoreRule[], path: string, isDirectory: boolean): boolean | undefined {
  let verdict: boolean | undefined;
  for (const rule of rules) {
    if (rule.dirOnly && !isDirectory) continue;
    if (rule.regex.test(path)) verdict = !rule.negate;
  }
  return verdict;
}

/**
 * Whether `relativePath` (relative to the `.gitignore`'s folder, `/`-separated; `\` is read as a
 * separator too, for Windows callers) is ignored by the patterns in `gitignoreText`.
 */
export function isIgnoredByGitignore(gitignoreText: string, relativePath: string, opts: GitignoreOptions = {}): boolean {
  const normalized = relativePath.replace(/\\/g, '/');
  const isDirectory = opts.isDirectory === true || normalized.endsWith('/');
  const parts = normalized.split('/').filter((s) => s !== '' && s !== '.');
  if (parts.length === 0) return false;
  const rules = parseGitignore(gitignoreText, opts);
  // A parent directory that is ignored hides everything inside it for good.
  for (let i = 1; i < parts.length; i++) {
    if (lastVerdict(rules, parts.slice(0, i).join('/'), true) === true) return true;
  }
  return lastVerdict(rules, parts.join('/'), isDirectory) === true;
}

/**
 * Appends `entry` as a line of its own unless a line already says exactly that. Keeps every
 * existing byte and the file's dominant line ending.
 */
export function appendGitignoreEntry(text: string, entry: string): { text: string; changed: boolean } {
  if (/[\r\n]/.test(entry) || entry.trim() === '') throw new RangeError('A .gitignore entry is one non-empty line.');
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  if (lines.some((l) => trimTrailingBlanks(l) === entry.trim())) return { text, changed: false };
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  const eol = crlf > lf ? '\r\n' : '\n';
  const body = text === '' || text === '\uFEFF' || /[\r\n]$/.test(text) ? text : text + eol;
  return { text: body + entry.trim() + eol, changed: true };
}
