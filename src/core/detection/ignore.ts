// Suppressions a user writes down: a `twilio-credentials-ignore` comment next to a value, and a
// `.twilio-credentials-ignore` file listing fingerprints (never values) and path globs. The
// editor and the CLI share these so a suppression made in one holds in the other.

import { appendLine, splitLines } from '../util/lines';
import { isFingerprint } from './fingerprint';

export const IGNORE_COMMENT = 'twilio-credentials-ignore';
export const IGNORE_FILE_NAME = '.twilio-credentials-ignore';

export interface IgnoreRules {
  /** Fingerprints (`tc1:…`) of values that are known not to be secrets, or accepted. */
  fingerprints: Set<string>;
  /** Globs of paths to skip, relative to the folder holding the ignore file. */
  pathGlobs: string[];
  /**
   * Lines that were neither, or over a limit (see IGNORE_FILE_LIMITS): reported so a typo does not
   * silently ignore nothing. `reason` is set for a limit; `text` is cut to 80 characters.
   */
  invalidLines: { line: number; text: string; reason?: 'glob-too-long' | 'too-many-globs' }[];
}

/**
 * Limits on what an ignore file may ask of the glob matcher. A repository is untrusted input:
 * without them, 20 long `*?` globs against deep paths took 17 s per scan. Matching costs
 * (glob length x path length) per glob and path, so these bound it to about 2 M steps per path.
 * Real ignore files are far below them (a few dozen globs of a few dozen characters).
 */
export const IGNORE_FILE_LIMITS = {
  /** Globs per ignore file; later ones are reported and not used. */
  maxGlobs: 100,
  /** Characters per glob; longer ones are reported and not used (matchesAnyGlob ignores them too). */
  maxGlobLength: 256,
  /** Characters of all the globs of one file together; globs past it are reported and not used. */
  maxTotalGlobLength: 2048,
  /**
   * Longest path a glob is matched against. A longer path matches no glob, so the file is
   * scanned: a limit here can only make the scan report more, never hide a finding.
   */
  maxPathLength: 1024,
} as const;

function cut(text: string): string {
  return text.length > 80 ? text.slice(0, 79) + '…' : text;
}

/**
 * Parses a `.twilio-credentials-ignore` file: one entry per line, `#` starts a comment (at the
 * line start or after whitespace). A line shaped like a fingerprint is a fingerprint; anything
 * else is a path glob (gitignore-like: `*`, `**`, `?`, `[…]`, a trailing `/` for folders, a
 * leading `/` anchors to the file's folder). `!` negation is not supported and is reported.
 */
export function parseIgnoreFile(text: string): IgnoreRules {
  const rules: IgnoreRules = { fingerprints: new Set(), pathGlobs: [], invalidLines: [] };
  let total = 0;
  splitLines(text).forEach((raw, index) => {
    // `[\s\S]*` rather than `.*`: `.` stops at a lone CR or U+2028, and `$` then fails and the
    // search restarts at every later ` #`, quadratic in the line's length.
    const line = raw.replace(/(^|\s)#[\s\S]*$/, '').trim();
    if (!line) return;
    if (isFingerprint(line)) rules.fingerprints.add(line);
    else if (line.startsWith('!') || /^[0-9a-f]{16}$/.test(line)) rules.invalidLines.push({ line: index + 1, text: cut(line) });
    else if (line.length > IGNORE_FILE_LIMITS.maxGlobLength) rules.invalidLines.push({ line: index + 1, text: cut(line), reason: 'glob-too-long' });
    else if (rules.pathGlobs.length >= IGNORE_FILE_LIMITS.maxGlobs || total + line.length > IGNORE_FILE_LIMITS.maxTotalGlobLength) {
      rules.invalidLines.push({ line: index + 1, text: cut(line), reason: 'too-many-globs' });
    } else {
      rules.pathGlobs.push(line);
      total += line.length;
    }
  });
  return rules;
}

/** What a new ignore file starts with. */
export const IGNORE_FILE_HEADER = '# Values twilio-credentials should not report (fingerprints, never the values), and paths to skip.\n';

/**
 * The ignore file's text with a fingerprint added on a line of its own (with `note` as a comment),
 * unless the file already lists it. Every existing byte and the file's line endings are kept.
 */
export function addIgnoreEntry(text: string, fingerprintValue: string, note?: string): { text: string; changed: boolean } {
  if (parseIgnoreFile(text).fingerprints.has(fingerprintValue)) return { text, changed: false };
  const comment = note ? `  # ${note.replace(/[\r\n\u2028\u2029]+/g, ' ')}` : '';
  return { text: appendLine(text, fingerprintValue + comment), changed: true };
}

/**
 * A glob as the matcher reads it: `/` separators, no trailing slashes, no leading `/`, and
 * whether it is anchored (a slash other than a trailing one means a path, not a name at any depth).
 */
export function normalizeGlob(glob: string): { body: string; anchored: boolean } {
  let g = glob.replace(/\\/g, '/');
  // Trailing slashes by hand: /\/+$/ retries from every slash of a long run that does not end
  // the glob, quadratic in its length.
  let end = g.length;
  while (end > 0 && g[end - 1] === '/') end--;
  g = g.slice(0, end);
  const anchored = g.includes('/');
  return { body: g.startsWith('/') ? g.slice(1) : g, anchored };
}

/**
 * One step of a glob: `char` consumes one path character (a literal, `?` or a `[…]` class);
 * `star` is `*` (`[^/]*`), `any` is `**` not followed by a slash (`.*`), `dirs` is `**` and its
 * slash (`(?:[^/]*\/)*`). The RegExp forms are the meaning; a test compares this matcher with a
 * RegExp translation of the same glob (test/support/globRegExp.ts).
 */
type GlobStep = { kind: 'char'; matches: (c: string) => boolean } | { kind: 'star' | 'any' | 'dirs' };

interface GlobProgram {
  anchored: boolean;
  steps: GlobStep[];
  /** Number of `char` steps: a path shorter than this cannot match. */
  chars: number;
}

/** A longer glob matches nothing (ignore files report it; see IGNORE_FILE_LIMITS). */
const MAX_GLOB_LENGTH = IGNORE_FILE_LIMITS.maxGlobLength;

/** The steps of `glob`; undefined when it can never match. */
function compileGlob(glob: string): GlobProgram | undefined {
  if (glob.length > MAX_GLOB_LENGTH) return undefined;
  const { body: g, anchored } = normalizeGlob(glob);
  const steps: GlobStep[] = [];
  let chars = 0;
  // `**/**/` is `**/`, `**` twice is `**`: collapsing keeps the number of steps near `chars`.
  const repeat = (kind: 'star' | 'any' | 'dirs') => {
    if (steps[steps.length - 1]?.kind !== kind) steps.push({ kind });
  };
  const one = (matches: (c: string) => boolean) => {
    steps.push({ kind: 'char', matches });
    chars++;
  };
  let close = 0; // the first `]` after the current `[`, found once for a run of `[` (else quadratic)
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        const slashAfter = g[i + 2] === '/';
        repeat(slashAfter ? 'dirs' : 'any');
        i += slashAfter ? 2 : 1;
      } else repeat('star');
    } else if (c === '?') one((x) => x !== '/');
    else if (c === '[') {
      if (close >= 0 && close <= i) close = g.indexOf(']', i + 1);
      if (close < 0) one((x) => x === '[');
      else {
        let cls: RegExp;
        try {
          cls = new RegExp('^[' + g.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']$');
        } catch {
          return undefined; // a reversed range such as `[z-a]`
        }
        one((x) => cls.test(x));
        i = close;
      }
    } else one((x) => x === c);
  }
  return { anchored, steps, chars };
}

function isLineTerminator(c: string): boolean {
  return c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029'; // what `.` does not match
}

/**
 * Runs the glob over `path` as its RegExp translation would, but as a set of states advanced
 * one character at a time: time is bounded by path length x glob length, where the RegExp
 * backtracks exponentially on globs such as `*a*a*a*a*a*a*a*a*b` against a long name.
 */
function runGlob(p: GlobProgram, path: string): boolean {
  const { steps } = p;
  const m = steps.length;
  if (p.chars > path.length) return false;
  // Per step: bit 1 = about to match this step, bit 2 = inside a `dirs` segment (before its slash).
  let cur = new Uint8Array(m + 1);
  let next = new Uint8Array(m + 1);
  const skipRepeats = (set: Uint8Array) => {
    for (let i = 0; i < m; i++) if (set[i] & 1 && steps[i].kind !== 'char') set[i + 1] |= 1;
  };
  cur[0] = 1;
  skipRepeats(cur);
  // After the body: `(?:/.*)?$`, the files below a matching folder.
  let below = false;
  for (let k = 0; k < path.length; k++) {
    const c = path[k];
    const slash = c === '/';
    next.fill(0);
    const nextBelow: boolean = (below && !isLineTerminator(c)) || (slash && (cur[m] & 1) === 1);
    for (let i = 0; i < m; i++) {
      const state = cur[i];
      if (state === 0) continue;
      const step = steps[i];
      if (state & 1) {
        if (step.kind === 'char') {
          if (step.matches(c)) next[i + 1] |= 1;
        } else if (step.kind === 'star') {
          if (!slash) next[i] |= 1;
        } else if (step.kind === 'any') {
          if (!isLineTerminator(c)) next[i] |= 1;
        } else next[i] |= slash ? 1 : 2;
      }
      if (state & 2) next[i] |= slash ? 1 : 2;
    }
    // `(?:^|/)`: an unanchored glob may start after any slash.
    if (slash && !p.anchored) next[0] |= 1;
    skipRepeats(next);
    [cur, next] = [next, cur];
    below = nextBelow;
  }
  return (cur[m] & 1) === 1 || below;
}

const programCache = new Map<string, GlobProgram | null>();

/**
 * True when `relativePath` (`/`-separated, relative to the rules' folder) matches a glob. Globs
 * here come from files in the repository, so they are run by `runGlob` rather than as RegExps:
 * same meaning, no backtracking. Globs longer than 256 characters and paths longer than 1024
 * match nothing (IGNORE_FILE_LIMITS): the cost stays bounded, and the file is scanned.
 */
export function matchesAnyGlob(relativePath: string, globs: readonly string[]): boolean {
  if (relativePath.length > IGNORE_FILE_LIMITS.maxPathLength + 2) return false;
  const path = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  if (path.length > IGNORE_FILE_LIMITS.maxPathLength) return false;
  return globs.some((g) => {
    let program = programCache.get(g);
    if (program === undefined) programCache.set(g, (program = compileGlob(g) ?? null));
    return program !== null && runGlob(program, path);
  });
}

/**
 * Other scanners' inline markers, honoured so that a team moving to (or running alongside) this
 * one keeps its suppressions. Each suppresses what its own tool suppresses, as documented:
 * - `gitleaks:allow` (gitleaks): a finding on the line holding it;
 * - `pragma: allowlist secret` (Yelp detect-secrets): the line holding it, and
 *   `pragma: allowlist nextline secret` the line after it;
 * - `ggignore` (GitGuardian ggshield): the line holding it;
 * - `trufflehog:ignore` (TruffleHog v3): the line holding it.
 * Matched as written (lower case), anywhere on the line, like those tools; our own
 * `twilio-credentials-ignore` keeps its meaning (its line and the next).
 */
export const FOREIGN_SAME_LINE_MARKERS = ['gitleaks:allow', 'pragma: allowlist secret', 'ggignore', 'trufflehog:ignore'] as const;
export const FOREIGN_NEXT_LINE_MARKERS = ['pragma: allowlist nextline secret'] as const;

const MARKERS: { marker: string; lines: readonly number[] }[] = [
  { marker: IGNORE_COMMENT, lines: [0, 1] },
  ...FOREIGN_SAME_LINE_MARKERS.map((marker) => ({ marker, lines: [0] })),
  ...FOREIGN_NEXT_LINE_MARKERS.map((marker) => ({ marker, lines: [1] })),
];

/** True when `text` holds any suppression marker (ours or another tool's): a cheap test first. */
export function hasIgnoreMarker(text: string): boolean {
  // Every marker contains "ignore" or "allow": two passes over a large text, not six.
  return (text.includes('ignore') || text.includes('allow')) && MARKERS.some((m) => text.includes(m.marker));
}

/** The marker that suppresses findings on a line, and the (0-based) line it is written on. */
export interface InlineSuppression {
  marker: string;
  line: number;
}

/**
 * 0-based line numbers on which findings are suppressed, each with the marker that does it: each
 * line holding our ignore comment and the line after it, each line holding another tool's
 * same-line marker, and the line after `pragma: allowlist nextline secret`. Offsets of the
 * markers are mapped to lines by `lineOf`. A line two markers cover keeps the first found.
 */
export function suppressionMarkers(text: string, lineOf: (offset: number) => number): Map<number, InlineSuppression> {
  const lines = new Map<number, InlineSuppression>();
  for (const { marker, lines: offsets } of MARKERS) {
    let at = text.indexOf(marker);
    while (at >= 0) {
      const line = lineOf(at);
      for (const o of offsets) if (!lines.has(line + o)) lines.set(line + o, { marker, line });
      at = text.indexOf(marker, at + marker.length);
    }
  }
  return lines;
}

/** The lines of `suppressionMarkers`, without the markers. */
export function suppressedLines(text: string, lineOf: (offset: number) => number): Set<number> {
  return new Set(suppressionMarkers(text, lineOf).keys());
}
