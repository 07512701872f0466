// Inputs that broke a module when the fuzz suites first ran, kept as plain examples.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { matchesAnyGlob, parseIgnoreFile, scanText } from '../../../src/core/detection';
import { parseCliConfig } from '../../../src/features/profiles';
import { PYTHON_IMPORTS_OS, envImportInsertion } from '../../../src/features/replace/envImport';
import { globToRegExp } from '../../support/globRegExp';
import { HUGE_INPUT_TIMEOUT_MS, timed } from './hostile';

// Each input below once took seconds to hours; the tests hold what it returns now and print its
// time, with a limit meant for a busy machine. Their speed is measured by `npm run bench` (the
// "hostile inputs" figures, with targets), never asserted here: a slow machine is not a bug.


describe('fuzz regressions', function () {
  this.timeout(HUGE_INPUT_TIMEOUT_MS); // a limit for a busy machine: the assertions are about what is returned

  it('a reversed range in an ignore-file glob ("[z-a]", "[*-!]") matches nothing instead of throwing', () => {
    assert.equal(matchesAnyGlob('src/a.js', ['[z-a]', '[*-!]']), false);
    assert.equal(matchesAnyGlob('z', ['[z-a]']), false);
    assert.equal(matchesAnyGlob('src/5.txt', ['src/[9-0].txt']), false);
    // the other globs of the file still apply
    assert.equal(matchesAnyGlob('src/a.snap', ['[z-a]', '*.snap']), true);
  });

  it('an ignore-file line of 128k " #" pairs before a U+2028 is read and returns (was quadratic: about half a minute)', () => {
    const line = ' #'.repeat(128_000) + '\u2028tail';
    const rules = timed('parseIgnoreFile: " #" x 128k + U+2028', () => parseIgnoreFile(`${line}\nfixtures/\n`));
    assert.deepEqual(rules.pathGlobs, ['fixtures/']);
    assert.deepEqual(timed('parseIgnoreFile: " #" x 128k + CR', () => parseIgnoreFile(`${' #'.repeat(128_000)}\rtail\n`)).pathGlobs, ['tail']); // a lone CR ends a line
    // a # after a blank still starts a comment, whatever follows it on the line
    assert.deepEqual(parseIgnoreFile('a.txt # note\u2028more\ntc1:0123456789abcdef #x\u2028y\n').pathGlobs, ['a.txt']);
    assert.deepEqual([...parseIgnoreFile('tc1:0123456789abcdef #x\u2028y').fingerprints], ['tc1:0123456789abcdef']);
  });

  it('an ignore glob of 128k slashes then "x" returns, and a 1 MB glob does not throw (was quadratic; "Regular expression too large")', () => {
    const glob = '/'.repeat(128_000) + 'x';
    assert.equal(timed('matchesAnyGlob: "/" x 128k + x', () => matchesAnyGlob('x', [glob])), false);
    // too large for V8 to compile: it matches nothing, like any glob that cannot be compiled
    assert.equal(timed('matchesAnyGlob: 1 MB glob', () => matchesAnyGlob('a', ['a'.repeat(1 << 20), '*.snap'])), false);
    assert.equal(matchesAnyGlob('x', ['/x///']), true);
    // trailing slashes still mark a folder pattern that matches like a name
    assert.equal(matchesAnyGlob('deep/fixtures/y.json', ['fixtures///']), true);
    assert.equal(matchesAnyGlob('a/b', ['a\\']), true);
  });

  it('a twilio-cli config.json listing 100k projects is read and returns (was quadratic: about a minute; 200k took 4)', () => {
    const projects = Array.from({ length: 100_000 }, (_, i) => ({ id: `p${i % 75_000}` }));
    const r = timed('parseCliConfig: 100k projects', () => parseCliConfig(JSON.stringify({ profiles: { p7: {} }, projects })));
    assert.ok(r.ok);
    // a profile id present in both is read once, from profiles; repeated project ids count once
    assert.equal(r.config.profiles.length, 75_000);
    assert.equal(r.config.profiles.filter((p) => p.id === 'p7').map((p) => p.source).join(), 'profiles');
  });

  it('a config.json error is never located from "position 5" written in the file itself', () => {
    // V8 quotes the text around such errors in its message; the file's own words were read as the position
    for (const [source, line] of [['{"a": position 5}', 1], ['{"a":1,\n"b" position 7}', 2], ['{\n\n"x": 1 position 999999}', 3]] as const) {
      const r = parseCliConfig(source);
      assert.equal(r.ok, false);
      const at = !r.ok && /\(line (\d+), column (\d+)\)/.exec(r.message);
      if (at) assert.equal(Number(at[1]), line, r.message);
    }
    // V8's own position is still reported
    const r = parseCliConfig('{\n  "profiles": {\n    "a": 1,\n  }\n}');
    assert.ok(!r.ok && /\(line 4, column 3\)/.test(r.message), !r.ok ? r.message : '');
  });

  it('the "is os imported?" check of the Python quick fix returns on 128 KB of blank lines (was quadratic: about a minute)', () => {
    const importsOs = PYTHON_IMPORTS_OS;
    for (const blank of ['\n', '\r\n', ' \n', '\t\r']) {
      assert.equal(timed(`"is os imported?" on 128 KB of ${JSON.stringify(blank)}`, () => importsOs.test(blank.repeat((128 * 1024) / blank.length) + 'x = 1')), false);
      // and the whole quick-fix step: `import os` goes on the first line
      assert.deepEqual(timed(`import insertion on 128 KB of ${JSON.stringify(blank)}`, () => envImportInsertion(blank.repeat((128 * 1024) / blank.length) + 'x = 1', 'python', '\n')), { offset: 0, text: 'import os\n' });
    }
    for (const yes of ['import os', 'x = 1\n\n  import os\n', '\timport sys, os', 'from os import environ', 'if x:\r\n    import os']) assert.ok(importsOs.test(yes), yes);
    for (const no of ['import osx', '# import os', 'x = "import os"', 'from os.path import join']) assert.ok(!importsOs.test(no), no);
  });

  describe('ignore-file globs are matched without backtracking (a glob like *a*a*a*a*a*a*a*a*a*b took seconds to hours)', () => {
    it('hostile globs against long names and deep paths return', () => {
      const cases: [string, string][] = [
        ['*a'.repeat(15) + 'b', 'a'.repeat(250)],
        ['**/a/'.repeat(12) + 'b', 'a/'.repeat(2000) + 'c'],
        ['*a*/'.repeat(8) + 'x', ('a'.repeat(30) + '/').repeat(60)],
        ['**' + '*a'.repeat(12) + 'b', ('a'.repeat(200) + '/').repeat(10)],
        ['?*'.repeat(40) + '[!a]', 'a'.repeat(4000)],
      ];
      for (const [glob, path] of cases) assert.equal(timed(`matchesAnyGlob ${JSON.stringify(glob.slice(0, 24))}… on ${path.length} chars`, () => matchesAnyGlob(path, [glob])), false);
      assert.equal(matchesAnyGlob('a'.repeat(250) + 'b', ['*a'.repeat(15) + 'b']), true);
    });

    it('a glob of 1 MB of "[" (no closing bracket) is read and returns (was quadratic: 6 s)', () => {
      for (const glob of ['['.repeat(1 << 20), '['.repeat(1 << 19) + 'a]', 'x/' + '[!'.repeat(1 << 19)]) {
        timed(`matchesAnyGlob ${JSON.stringify(glob.slice(0, 6))}… (${glob.length} chars)`, () => matchesAnyGlob('[[[a', [glob]));
      }
      assert.equal(matchesAnyGlob('a[b', ['a[b']), true);
      assert.equal(matchesAnyGlob('a[', ['a[[[x-z]']), true); // one class: '[', 'x'-'z'
    });

    it('a 10 MB glob is refused instead of compiled to a step per character (was 10 s and 1 GB)', () => {
      const glob = 'a'.repeat(10 << 20);
      assert.equal(timed('matchesAnyGlob with a 10 MB glob', () => matchesAnyGlob('a', [glob, '*.snap'])), false);
      assert.equal(matchesAnyGlob('x.snap', [glob, '*.snap']), true);
    });

    it('mean exactly what the glob\'s RegExp translation means, for any glob and path', () => {
      const glob = fc.string({ unit: fc.constantFrom('*', '**', '**/', '?', '[', ']', '!', '^', '-', '/', '\\', 'a', 'b', '.', 'z-a', '[!a]', '[a-c]', '\n', 'é', '\ud800'), maxLength: 10 });
      const path = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '/', '.', '\\', '-', '[', ']', '\n', '\r', '\u2028', 'é', '\ud800'), maxLength: 12 });
      fc.assert(
        fc.property(glob, path, (g, p) => {
          const normalized = p.replace(/\\/g, '/').replace(/^\.\//, '');
          assert.equal(matchesAnyGlob(p, [g]), globToRegExp(g).test(normalized));
        }),
        { numRuns: 20_000 },
      );
    });
  });

  it('a file with old Mac (CR) line endings has lines: an ignore comment no longer hides every secret in it', () => {
    const token = randomBytes(16).toString('hex');
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = ['# twilio-credentials-ignore: the sample below', 'x = 1', '', 'y = 2', `auth_token = "${token}"`].join(eol);
      const found = scanText(text, { path: 'app.py' });
      assert.deepEqual(found.map((f) => [f.range.startLine, f.range.startCharacter]), [[4, 14]], JSON.stringify(eol));
    }
    const cr = timed('line positions in 1 MB of CR-only lines', () => scanText('x\r'.repeat(1 << 19) + `auth_token = "${token}"`, { path: 'app.py' }));
    assert.equal(cr[0]?.range.startLine, 1 << 19);
  });
});
