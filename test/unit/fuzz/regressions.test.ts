// Inputs that broke a module when the fuzz suites first ran, kept as plain examples.
import * as assert from 'node:assert/strict';
import { globToRegExp, matchesAnyGlob, parseIgnoreFile } from '../../../src/detection';
import { isIgnoredByGitignore, parseGitignore } from '../../../src/dotenv';
import { parseCliConfig } from '../../../src/profiles';

/** Hang guard: these inputs took seconds to minutes before their fix, milliseconds after. */
function quick<T>(label: string, fn: () => T, guardMs = 2000): T {
  const started = performance.now();
  const result = fn();
  const ms = performance.now() - started;
  console.log(`      ${ms.toFixed(0).padStart(5)} ms  ${label}`);
  assert.ok(ms < guardMs, `${label} took ${ms.toFixed(0)} ms`);
  return result;
}

describe('fuzz regressions', () => {
  it('a reversed range in an ignore-file glob ("[z-a]", "[*-!]") matches nothing instead of throwing', () => {
    assert.equal(matchesAnyGlob('src/a.js', ['[z-a]', '[*-!]']), false);
    assert.equal(matchesAnyGlob('z', ['[z-a]']), false);
    assert.equal(globToRegExp('src/[9-0].txt').test('src/5.txt'), false);
    // the other globs of the file still apply
    assert.equal(matchesAnyGlob('src/a.snap', ['[z-a]', '*.snap']), true);
  });

  it('an ignore-file line of 500k " #" pairs before a lone CR is read in linear time (was quadratic: minutes)', () => {
    const line = ' #'.repeat(500_000) + '\rtail';
    const rules = quick('parseIgnoreFile: " #" x 500k + CR', () => parseIgnoreFile(`${line}\nfixtures/\n`));
    assert.deepEqual(rules.pathGlobs, ['fixtures/']);
    // a # after a blank still starts a comment, whatever follows it on the line
    assert.deepEqual(parseIgnoreFile('a.txt # note\rmore\ntc1:0123456789abcdef #x\u2028y\n').pathGlobs, ['a.txt']);
    assert.deepEqual([...parseIgnoreFile('tc1:0123456789abcdef #x\u2028y').fingerprints], ['tc1:0123456789abcdef']);
  });

  it('an ignore glob of 500k slashes then "x" returns quickly and does not throw (was quadratic, then "Regular expression too large")', () => {
    const glob = '/'.repeat(500_000) + 'x';
    // too large for V8 to compile: it matches nothing, like any glob that cannot be compiled
    assert.equal(quick('globToRegExp: "/" x 500k + x', () => matchesAnyGlob('x', [glob])), false);
    assert.equal(quick('globToRegExp: 1 MB glob', () => matchesAnyGlob('a', ['a'.repeat(1 << 20), '*.snap'])), false);
    assert.equal(matchesAnyGlob('x', ['/x///']), true);
    // trailing slashes still mark a folder pattern that matches like a name
    assert.equal(matchesAnyGlob('deep/fixtures/y.json', ['fixtures///']), true);
    assert.equal(matchesAnyGlob('a/b', ['a\\']), true);
  });

  it('a .gitignore line of 500k slashes then "x/" is read quickly, and a 1 MB pattern does not throw (was quadratic, then "Regular expression too large")', () => {
    const text = '/'.repeat(500_000) + 'x/\n' + 'a'.repeat(1 << 20) + '\n.env\n';
    quick('parseGitignore: "/" x 500k + x/', () => parseGitignore(text));
    assert.equal(quick('isIgnoredByGitignore next to a 1 MB pattern', () => isIgnoredByGitignore(text, '.env')), true);
    assert.equal(isIgnoredByGitignore('build///\n', 'build/out.js'), true);
    assert.equal(isIgnoredByGitignore('build///\n', 'build'), false);
  });

  it('a twilio-cli config.json listing 200k projects is read in linear time (was quadratic: 4 minutes)', () => {
    const projects = Array.from({ length: 200_000 }, (_, i) => ({ id: `p${i % 150_000}` }));
    const r = quick('parseCliConfig: 200k projects', () => parseCliConfig(JSON.stringify({ profiles: { p7: {} }, projects })));
    assert.ok(r.ok);
    // a profile id present in both is read once, from profiles; repeated project ids count once
    assert.equal(r.config.profiles.length, 150_000);
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
});
