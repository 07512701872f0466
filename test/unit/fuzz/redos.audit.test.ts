// ReDoS audit. Two complementary checks that no regular expression in src/ backtracks
// catastrophically:
//  1. every regular-expression literal in src/**/*.ts (found with the TypeScript parser) is run
//     over every pathological input; one whose time grows faster than the input is reported;
//  2. every public text-processing function is driven with the same inputs at 1 MB and 10 MB
//     (which also covers the regular expressions built at run time) and must return.
// Times are printed. The literal audit asserts how time grows with the input (linear or not),
// measured as the best of several runs so that a busy machine slows both sizes alike; the function
// audit asserts that every function returns. Speed itself is measured by `npm run bench`.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { credentialsFrom } from '../../../src/features/accounts/environmentCredentials';
import {
  detectLanguage, fileRole, isEnvFormat, isLockfile, isPlaceholder, isTestPath, matchesAnyGlob, mightContainSecret, parseIgnoreFile,
  scanText,
} from '../../../src/core/detection';
import {
  appendGitignoreEntry, applyEdits, ensureExampleEntries, findReferences, formatValue, parseDotenv,
} from '../../../src/workspace/dotenv';
import { parseCliConfig } from '../../../src/features/profiles';
import { redact } from '../../../src/core/util/redact';
import {
  diagnoseAccountSid, diagnoseApiKeySecret, diagnoseAuthToken, validateEnvVarName, validateFriendlyName,
} from '../../../src/core/validation';
import { BREAKERS, HUGE_INPUT_TIMEOUT_MS, MB, PATHOLOGICAL, secretShaped, timed } from './hostile';

const root = path.resolve(__dirname, '../../../..');

interface Literal {
  where: string;
  source: string;
  flags: string;
}

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Every `/…/flags` literal in src/, and where `new RegExp(…)` builds one at run time. */
function collectRegexes(): { literals: Literal[]; dynamic: string[] } {
  const literals: Literal[] = [];
  const dynamic: string[] = [];
  for (const file of tsFiles(path.join(root, 'src'))) {
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const where = (n: ts.Node) => `${path.relative(root, file)}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
    const visit = (n: ts.Node): void => {
      if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = n.getText(sf);
        const slash = text.lastIndexOf('/');
        literals.push({ where: where(n), source: text.slice(1, slash), flags: text.slice(slash + 1) });
      } else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp') {
        dynamic.push(where(n));
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { literals, dynamic };
}

/** Runs `re` from every start position over `input` (a global replace), in milliseconds. */
function timeAllStarts(re: RegExp, input: string): number {
  const started = performance.now();
  input.replace(re, '');
  return performance.now() - started;
}

/**
 * The best of `runs` timings: other work on the machine only ever adds time, so the fastest run is
 * the one closest to what the expression itself costs.
 */
function bestOf(re: RegExp, input: string, runs = 3): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) best = Math.min(best, timeAllStarts(re, input));
  return best;
}

describe('ReDoS audit', function () {
  this.timeout(HUGE_INPUT_TIMEOUT_MS); // a limit for a busy machine: the assertions are about what is returned

  describe('every regular-expression literal in src/', () => {
    const { literals, dynamic } = collectRegexes();

    it('finds the literals (the audit is not vacuous)', () => {
      console.log(`      ${literals.length} literals in src/; built at run time (covered by the function audit and the glob tests): ${dynamic.join(', ')}`);
      assert.ok(literals.length > 50, `only ${literals.length} regular-expression literals found`);
    });

    /**
     * Literals that backtrack super-linearly on long input but only ever see short strings. Keyed
     * by file and source, so a changed pattern must be looked at again; each is still run over
     * every input cut to its bound.
     */
    const BOUNDED: { file: string; source: string; maxLength: number; why: string }[] = [
      {
        file: 'src/core/detection/rules.ts',
        source: '([^\\s\'"`=/(,]*):$',
        maxLength: 2 * 120 + 1,
        why: 'basicAuthUser reads textBefore(): at most LINE_WINDOW (120) characters of the line, plus as much of the line above',
      },
      {
        file: 'src/features/keys/keyNames.ts',
        source: String.raw`\s*\(rotated \d{4}-\d{2}-\d{2}\)$`,
        maxLength: 256,
        why: "a key's friendly name: Twilio allows 64 characters, validateFriendlyName too",
      },
    ];

    it('none grows faster than linearly on any pathological input (all runs, every class, every breaking last character)', () => {
      // Screen at 16 KB: a linear pass is well under a millisecond. Anything slower is measured
      // again at 16 KB and 64 KB: linear grows about 4x, quadratic 16x.
      const SMALL = 16 * 1024, LARGE = 64 * 1024;
      const inputs = PATHOLOGICAL.flatMap((p) => {
        const small = p.build(SMALL);
        return BREAKERS.map((b) => ({ name: `${p.name}${b ? ` + ${JSON.stringify(b)}` : ''}`, small: small + b, large: p.build(LARGE) + b }));
      });
      const superlinear: string[] = [];
      let slowest = { ms: 0, what: '' };
      const started = performance.now();
      const boundedSeen = new Set<string>();
      for (const lit of literals) {
        const re = new RegExp(lit.source, lit.flags.replace(/[gy]/g, '') + 'g');
        const bound = BOUNDED.find((b) => lit.where.startsWith(b.file + ':') && b.source === lit.source);
        if (bound) {
          boundedSeen.add(bound.file + bound.source);
          for (const input of inputs) {
            // A few hundred characters: linear or quadratic, well under a millisecond; exponential, seconds.
            const ms = bestOf(re, input.small.slice(-bound.maxLength));
            if (ms > 200) superlinear.push(`${lit.where} /${lit.source}/ on ${bound.maxLength} characters of ${input.name}: ${ms.toFixed(1)} ms`);
          }
          continue;
        }
        for (const input of inputs) {
          let t1 = timeAllStarts(re, input.small);
          if (t1 < 5) continue;
          t1 = bestOf(re, input.small);
          const t2 = bestOf(re, input.large);
          const what = `${lit.where} /${lit.source}/${lit.flags} on ${input.name}: ${t1.toFixed(1)} ms at 16 KB, ${t2.toFixed(1)} ms at 64 KB`;
          if (process.env.FUZZ_VERBOSE) console.log('      ' + what);
          if (t2 > slowest.ms) slowest = { ms: t2, what };
          if (t2 > 100 && t2 / Math.max(t1, 0.5) > 8) {
            superlinear.push(what);
            break; // one input is enough to convict; the others would only cost time
          }
        }
      }
      for (const b of BOUNDED) assert.ok(boundedSeen.has(b.file + b.source), `stale BOUNDED entry: /${b.source}/ is no longer in ${b.file}`);
      console.log(`      ${literals.length} literals x ${inputs.length} inputs in ${((performance.now() - started) / 1000).toFixed(1)} s; slowest re-measured: ${slowest.what || 'none'}`);
      assert.deepEqual(superlinear, [], 'regular expressions that backtrack super-linearly');
    });
  });

  describe('public text functions on pathological input at 1 MB and 10 MB', () => {
    const secret = secretShaped();
    const edits = [{ name: 'TWILIO_API_SECRET', value: secret }, { remove: 'OLD' }];
    /**
     * Every public function that reads text from a file, a setting, an input box or a log line.
     * - `file`: reads whole files (or whole messages), so every worst input is tried at 10 MB;
     * - `line`: reads a path, a glob, a value or an input box, so 10 MB is tried on one input only;
     * - scanText at 10 MB is in detection.fuzz.test.ts (every input class, with a credential to find);
     * - 10 MB of CR/LF/CRLF (7 million empty lines) through the .env editor takes about 12 s: linear, and
     *   left to FUZZ_SCALE > 1 runs;
     * FUZZ_SCALE > 1: every function, every input, both sizes.
     */
    type Reach = 'file' | 'line' | '1MB';
    const FNS: { name: string; run: (text: string) => unknown; reach: Reach }[] = [
      { name: 'scanText', run: (t) => scanText(t, { path: 'dist/bundle.min.js' }), reach: '1MB' },
      { name: 'scanText(.env)', run: (t) => scanText(t, { path: '.env' }), reach: '1MB' },
      { name: 'mightContainSecret', run: (t) => [mightContainSecret(t), mightContainSecret(Buffer.from(t, 'latin1'))], reach: 'file' },
      { name: 'parseIgnoreFile', run: (t) => parseIgnoreFile(t), reach: 'file' },
      { name: 'isEnvFormat', run: (t) => [isEnvFormat(t), fileRole('.env', t)], reach: 'file' },
      { name: 'matchesAnyGlob', run: (t) => [matchesAnyGlob(t.slice(0, 4096), ['**/*.snap', 'a*b*c*d*e', t.slice(0, 4096)]), matchesAnyGlob('src/a/b.js', [t])], reach: 'line' },
      { name: 'path rules', run: (t) => [detectLanguage(t), fileRole(t), isLockfile(t), isTestPath(t)], reach: 'line' },
      { name: 'isPlaceholder', run: (t) => isPlaceholder(t), reach: 'line' },
      { name: 'parseDotenv', run: (t) => parseDotenv(t), reach: 'file' },
      { name: 'applyEdits', run: (t) => [applyEdits(t, edits), applyEdits(`A=${t}`, edits)], reach: 'file' },
      { name: 'ensureExampleEntries', run: (t) => ensureExampleEntries(t, ['TWILIO_API_KEY']), reach: '1MB' /* applyEdits, once more */ },
      { name: 'findReferences', run: (t) => findReferences(t, secret), reach: 'file' },
      { name: 'formatValue', run: (t) => [formatValue(t), formatValue(t, '"'), formatValue(t, "'", '\r\n')], reach: 'line' },
      { name: 'appendGitignoreEntry', run: (t) => appendGitignoreEntry(t, '/.env'), reach: 'file' },
      { name: 'parseCliConfig', run: (t) => [parseCliConfig(t), parseCliConfig(`{"profiles":{"a":{"apiSecret":"${t}"}}}`)], reach: 'file' },
      { name: 'redact', run: (t) => redact(t, [secret]), reach: 'file' },
      { name: 'credentialsFrom', run: (t) => credentialsFrom({ TWILIO_ACCOUNT_SID: 'AC' + t, TWILIO_AUTH_TOKEN: t, TWILIO_API_KEY: t, TWILIO_API_SECRET: t }, 'env'), reach: 'line' },
      { name: 'validation', run: (t) => [diagnoseAccountSid(t), diagnoseAuthToken(t), diagnoseApiKeySecret(t), validateEnvVarName(t), validateFriendlyName(t)], reach: 'line' },
    ];
    const everything = (Number(process.env.FUZZ_SCALE) || 1) > 1;
    /** The one input every `line` function also sees at 10 MB. */
    const LINE_AT_10MB = 'one long run of letters and digits';

    function runsAt(reach: Reach, size: number, name: string, worst: boolean): boolean {
      if (everything) return true;
      if (size === MB) return true;
      if (reach === 'file') return worst;
      return reach === 'line' && name === LINE_AT_10MB;
    }

    for (const { name, build, worst = false, regexOnly } of PATHOLOGICAL) {
      if (regexOnly && !everything) continue;
      it(`input class: ${name}`, () => {
        const sizes = FNS.some((fn) => runsAt(fn.reach, 10 * MB, name, worst)) ? [MB, 10 * MB] : [MB];
        const big = build(sizes[sizes.length - 1]);
        for (const size of sizes) {
          const text = big.length > size ? big.slice(0, size) : big;
          const times: string[] = [];
          for (const fn of FNS) {
            if (!runsAt(fn.reach, size, name, worst)) continue;
            // Returning (not throwing, not hanging) is the assertion; the time is printed.
            const started = performance.now();
            fn.run(text);
            times.push(`${fn.name} ${(performance.now() - started).toFixed(0)}`);
          }
          console.log(`      ${size / MB} MB, ms: ${times.join(', ')}`);
        }
      });
    }
  });

  describe('globs from .twilio-credentials-ignore, --exclude, settings and .gitignore', () => {
    const HOSTILE_GLOBS: [string, string][] = [
      ['*a'.repeat(20) + 'b', 'a'.repeat(255)],
      ['**/a/'.repeat(20) + 'b', 'a/'.repeat(2000) + 'c'],
      ['*a*/'.repeat(10) + 'x', ('a'.repeat(40) + '/').repeat(100)],
      ['**' + '*a'.repeat(20) + 'b', ('a'.repeat(250) + '/').repeat(16)],
      ['?*'.repeat(60) + '[!a]', 'a'.repeat(4000)],
      ['[a-z]*'.repeat(30) + '!', 'ab'.repeat(2000)],
      ['**/*'.repeat(30) + '.snap', ('a.b.c/').repeat(600) + 'x.snap.js'],
    ];

    it('.twilio-credentials-ignore and --exclude globs (matchesAnyGlob): hostile patterns against the longest paths return', () => {
      for (const [glob, path] of HOSTILE_GLOBS) {
        timed(`matchesAnyGlob ${JSON.stringify(glob.slice(0, 20))}… (${glob.length} chars) on a ${path.length}-character path`, () => matchesAnyGlob(path, [glob]));
      }
    });
  });
});
