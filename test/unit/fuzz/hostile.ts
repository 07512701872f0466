// Hostile inputs shared by the fuzz suites: fast-check arbitraries for random, binary and
// malformed text, builders for huge and pathological texts, and values shaped like credentials,
// all generated at run time (nothing realistic is written in the repository).
//
// FUZZ_SCALE=10 makes a longer, nightly-style run: ten times the runs of every property, and the
// ReDoS audit gives every input at 10 MB to every function. fast-check prints the seed and the
// shrunk counterexample of any failure; FUZZ_SEED=<seed> replays it (test/unit/fastcheck.setup.ts).
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';

export const MB = 1024 * 1024;

/**
 * How long a test of huge or pathological inputs may run before mocha calls it hung. A linear pass
 * over 10 MB takes well under a second on an idle machine and catastrophic backtracking takes
 * minutes to forever, so only a limit far above both is safe on a busy machine: these tests
 * assert what the code returns, never how fast. Times are printed; targets live in `npm run bench`
 * (scripts/bench-detection.ts).
 */
export const HUGE_INPUT_TIMEOUT_MS = 600_000;

export function runs(n: number): { numRuns: number } {
  const scale = Number(process.env.FUZZ_SCALE) || 1;
  return { numRuns: Math.max(1, Math.round(n * scale)) };
}

/** Runs `fn` and prints how long it took (a figure to read, not an assertion: see HUGE_INPUT_TIMEOUT_MS). */
export function timed<T>(label: string, fn: () => T): T {
  const started = performance.now();
  const result = fn();
  console.log(`      ${(performance.now() - started).toFixed(0).padStart(5)} ms  ${label}`);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Credential-shaped values, random at run time.

const HEX = '0123456789abcdef';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomHex(n: number): string {
  return randomBytes(Math.ceil(n / 2)).toString('hex').slice(0, n);
}

/**
 * Cheap random hex for building megabytes out of small pieces: slices of one block from
 * `crypto`, refilled when used up (one `randomBytes` call per piece would dominate the tests).
 */
function pooled(make: (n: number) => string): (n: number) => string {
  let pool = '';
  let at = 0;
  return (n) => {
    if (at + n > pool.length) {
      pool = make(Math.max(4 * MB, n));
      at = 0;
    }
    at += n;
    return pool.slice(at - n, at);
  };
}
export const pooledHex = pooled((n) => randomHex(n));

export function randomAlnum(n: number): string {
  const bytes = randomBytes(n);
  for (let i = 0; i < n; i++) bytes[i] = ALNUM.charCodeAt(bytes[i] % ALNUM.length);
  return bytes.toString('latin1');
}
export const pooledAlnum = pooled((n) => randomAlnum(n));

/** An Auth Token's shape: 32 lowercase hex. */
export const tokenShaped = (): string => randomHex(32);
/** An API key secret's shape: 32 letters and digits with both cases and a digit. */
export function secretShaped(): string {
  for (;;) {
    const s = randomAlnum(32);
    if (/[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s)) return s;
  }
}
export const sidShaped = (prefix: 'AC' | 'SK'): string => prefix + pooledHex(32);

/** The same shapes as arbitraries, so fast-check can mix them into generated documents. */
export const hex32 = fc.string({ unit: fc.constantFrom(...HEX.split('')), minLength: 32, maxLength: 32 });
export const alnum32 = fc.string({ unit: fc.constantFrom(...ALNUM.split('')), minLength: 32, maxLength: 32 });
export const credentialShaped = fc.oneof(hex32, alnum32, hex32.map((h) => 'AC' + h), hex32.map((h) => 'SK' + h));

// ---------------------------------------------------------------------------------------------
// Hostile characters and strings.

/** Lone UTF-16 surrogates (invalid Unicode that a JavaScript string can still hold). */
export const surrogateHalf = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** Characters that break naive parsers: breaks of every kind, quotes, escapes, NUL, BOM, invisible and RTL marks. */
export const HOSTILE_CHARS = [
  '\0', '\uFEFF', '\r', '\n', '\r\n', '\u2028', '\u2029', '\u0085', '\u00a0', '\u3000', '\t', '\v', '\f', ' ',
  '"', "'", '`', '\\', '#', '=', ':', '$', '{', '}', '[', ']', '(', ')', ',', ';', '/', '*', '?', '!', '@', '%', '-', '_', '.',
  'export ', '${', '{{', '\\n', '\u200b', '\u202e', '\u0301', 'é', '😀', '\ud83d', '\ude00', '\udc00\ud800', '\x7f', '\x1b',
];
export const hostileChar = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_CHARS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: surrogateHalf },
  { weight: 2, arbitrary: fc.constantFrom('a', 'Z', '0', 'A', 'x', 'TWILIO', 'AC', 'SK') },
);

/** Random Unicode: any code point, astral included. */
export const unicodeString = (maxLength: number) => fc.string({ unit: 'binary', maxLength });
/** Dense in the characters parsers care about. */
export const hostileString = (maxLength: number) => fc.string({ unit: hostileChar, maxLength });
/** Strings made only of surrogate halves and a few ASCII characters. */
export const surrogateString = (maxLength: number) =>
  fc.string({ unit: fc.oneof(surrogateHalf, fc.constantFrom('a', '=', '"', '\n', '#')), maxLength });
/** Random bytes as a file reader would decode them: UTF-8 (with replacement characters) and Latin-1. */
export const decodedBytes = (maxLength: number) =>
  fc.uint8Array({ maxLength }).chain((bytes) =>
    fc.constantFrom(Buffer.from(bytes).toString('utf8'), Buffer.from(bytes).toString('latin1')),
  );
/** Text with NUL bytes scattered in or running through it. */
export const nulString = (maxLength: number) =>
  fc.string({ unit: fc.oneof({ weight: 3, arbitrary: fc.constant('\0') }, { weight: 2, arbitrary: hostileChar }), maxLength });

/** Any of the above: the input classes every "never throws" property runs over. */
export const anyHostileText = (maxLength: number) =>
  fc.oneof(unicodeString(maxLength), hostileString(maxLength), surrogateString(maxLength), decodedBytes(maxLength), nulString(maxLength));

/** Lines joined by a random mix of LF, CRLF and lone CR, maybe with a BOM, maybe without a last break. */
export const EOLS = ['\n', '\r\n', '\r'] as const;
export function joinLines(lines: readonly (readonly [string, string])[], bom: boolean, finalBreak: boolean): string {
  let text = (bom ? '\uFEFF' : '') + lines.map(([l, e]) => l + e).join('');
  if (!finalBreak && lines.length > 0) text = text.slice(0, text.length - lines[lines.length - 1][1].length);
  return text;
}

/** Number of lines the way the .env parser (and dotenv) counts them: `\n`, `\r\n` and lone `\r` break. */
export function physicalLineCount(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) n++;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// Pathological texts for the regular-expression audit and the huge-input tests.

/** Repeats `unit` (or calls it for fresh pieces) until the text is at least `size` characters long. */
export function fill(size: number, unit: string | ((i: number) => string)): string {
  if (typeof unit === 'string') return unit.repeat(Math.ceil(size / Math.max(1, unit.length)));
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const p = unit(i);
    parts.push(p);
    length += p.length;
  }
  return parts.join('');
}

export interface Pathological {
  /** Input class, as the test output names it. */
  name: string;
  build(size: number): string;
  /**
   * Made of credential-shaped values that are each judged (10 MB of them is hundreds of
   * thousands of candidates): linear, but seconds rather than milliseconds.
   */
  dense?: boolean;
  /**
   * Among the slowest inputs of the functions that read whole files: a default run gives only
   * these to them at 10 MB, the others at 1 MB (FUZZ_SCALE > 1: every input at 10 MB).
   */
  worst?: boolean;
  /** Only for the regular-expression audit: the function audit reads the same text through a sibling (CR/LF/CRLF mix). */
  regexOnly?: boolean;
}

const SEPARATORS = [' ', ':', '=', '"', ',', '\n', '-', '/', "'", ';', '\t', '|'];

/**
 * Inputs that make backtracking regular expressions and naive scanners super-linear: long runs
 * of what a pattern repeats (hex, letters and digits, `=`, quotes, backslashes, `${`, `{{`),
 * runs that almost match and then fail at the very end, deep nesting, and dense values.
 */
export const PATHOLOGICAL: readonly Pathological[] = [
  { name: 'one long run of hex', build: (n) => randomHex(n) },
  { name: 'one long run of letters and digits', build: (n) => randomAlnum(n), worst: true },
  { name: 'one letter repeated', build: (n) => fill(n, 'a') },
  { name: 'repeated AC+hex fragments', build: (n) => fill(n, (i) => 'AC' + pooledHex(1 + (i * 7) % 40)) },
  { name: 'SID-shaped values separated by blanks', build: (n) => fill(n, (i) => sidShaped(i % 3 ? 'AC' : 'SK') + ' '), dense: true, worst: true },
  { name: 'hex words alternating with separators', build: (n) => fill(n, (i) => pooledHex(32) + SEPARATORS[i % SEPARATORS.length]), dense: true },
  { name: 'alnum words alternating with separators', build: (n) => fill(n, (i) => pooledAlnum(32) + SEPARATORS[i % SEPARATORS.length]), dense: true, worst: true },
  { name: 'hex and separators alternating per character', build: (n) => fill(n, (i) => HEX[i % 16] + SEPARATORS[i % SEPARATORS.length]) },
  { name: 'credential assignments back to back', build: (n) => fill(n, () => `authToken="${pooledHex(32)}";`), dense: true, worst: true },
  { name: 'run of =', build: (n) => fill(n, '=') },
  { name: 'run of double quotes', build: (n) => fill(n, '"') },
  { name: 'run of single quotes', build: (n) => fill(n, "'") },
  { name: 'run of backticks', build: (n) => fill(n, '`') },
  { name: 'run of backslashes', build: (n) => fill(n, '\\') },
  { name: 'run of escaped quotes \\"', build: (n) => fill(n, '\\"') },
  { name: 'run of ${', build: (n) => fill(n, '${') },
  { name: 'run of {{', build: (n) => fill(n, '{{') },
  { name: 'run of #', build: (n) => fill(n, '#') },
  { name: 'run of " #" (blank-hash pairs)', build: (n) => fill(n, ' #') },
  { name: 'run of blanks', build: (n) => fill(n, ' '), worst: true },
  { name: 'run of tabs and blanks', build: (n) => fill(n, ' \t') },
  { name: 'run of /', build: (n) => fill(n, '/') },
  { name: 'run of :', build: (n) => fill(n, ':') },
  { name: 'run of -', build: (n) => fill(n, '-') },
  { name: 'run of _', build: (n) => fill(n, '_'), worst: true },
  { name: 'run of .', build: (n) => fill(n, '.') },
  { name: 'run of *', build: (n) => fill(n, '*') },
  { name: 'run of a=', build: (n) => fill(n, 'a=') },
  { name: 'run of a.', build: (n) => fill(n, 'a.') },
  { name: 'run of a-', build: (n) => fill(n, 'a-') },
  { name: 'run of a_', build: (n) => fill(n, 'a_') },
  { name: 'run of aA (camelCase)', build: (n) => fill(n, 'aA') },
  { name: 'run of \\n escapes', build: (n) => fill(n, '\\n') },
  { name: 'run of %3D', build: (n) => fill(n, '%3D') },
  { name: '100k-deep [ nesting', build: (n) => fill(n, '['), worst: true },
  { name: '( nesting, then closed', build: (n) => '('.repeat(n >> 1) + ')'.repeat(n >> 1) },
  { name: '{"a": nesting (JSON)', build: (n) => fill(n, '{"a":') },
  { name: '<a> nesting (XML)', build: (n) => fill(n, '<a>') },
  { name: 'run of CR', build: (n) => fill(n, '\r'), regexOnly: true },
  { name: 'run of LF', build: (n) => fill(n, '\n'), regexOnly: true },
  { name: 'run of CRLF', build: (n) => fill(n, '\r\n'), regexOnly: true },
  { name: 'CR/LF/CRLF mix', build: (n) => fill(n, (i) => EOLS[(i * 7919) % 3]) },
  { name: 'run of NUL', build: (n) => fill(n, '\0') },
  { name: 'run of BOM', build: (n) => fill(n, '\uFEFF') },
  { name: 'run of U+2028', build: (n) => fill(n, '\u2028') },
  { name: 'run of lone high surrogates', build: (n) => fill(n, '\ud800') },
  { name: 'run of reversed surrogate pairs', build: (n) => fill(n, '\udc00\ud800') },
  { name: 'run of emoji', build: (n) => fill(n, '😀') },
  { name: 'run of [\\] (escaped brackets)', build: (n) => fill(n, '[\\]') },
  { name: 'run of [: (class names never closed)', build: (n) => fill(n, '[:') },
  { name: 'run of [[:alpha:] (named classes)', build: (n) => fill(n, '[[:alpha:]') },
  { name: 'run of **/ (globstars)', build: (n) => fill(n, '**/') },
  { name: 'run of *a (stars)', build: (n) => fill(n, '*a') },
  { name: 'words around credential names', build: (n) => fill(n, (i) => ['twilio', 'auth', 'token', 'secret', 'md5', 'sha', 'id', 'AuthToken', 'api_key'][i % 9] + ' ') },
];

/** Endings that make a pattern that matched the run fail at the very last character. */
export const BREAKERS = ['', '!', '\r', '\n', '\0', '"', '/'];
