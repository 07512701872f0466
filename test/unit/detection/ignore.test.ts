import * as assert from 'assert';
import { addIgnoreEntry, fingerprint, IGNORE_FILE_LIMITS, matchesAnyGlob, parseIgnoreFile, scanText, sha256Portable } from '../../../src/core/detection';
import { Values } from './helpers';

describe('ignore comments', () => {
  const v = new Values(808);

  it('a twilio-credentials-ignore comment on the same line suppresses it', () => {
    const src = `auth_token = "${v.token()}"  # twilio-credentials-ignore: test account\nother = 1`;
    assert.deepStrictEqual(scanText(src, { path: 'a.py' }), []);
  });

  it('a comment on the line before suppresses the next line only', () => {
    const t2 = v.token();
    const src = `// twilio-credentials-ignore\nconst authToken = '${v.token()}';\nconst authToken2 = '${t2}';`;
    const found = scanText(src, { path: 'a.js' });
    assert.deepStrictEqual(found.map((f) => src.slice(f.range.start, f.range.end)), [t2]);
  });

  it('ignoreFingerprints leaves out exactly those values', () => {
    const t1 = v.token(), t2 = v.token();
    const src = `auth_token = "${t1}"\nauth_token_2 = "${t2}"`;
    const found = scanText(src, { path: 'a.py', ignoreFingerprints: new Set([fingerprint(t1)]) });
    assert.deepStrictEqual(found.map((f) => f.fingerprint), [fingerprint(t2)]);
  });
});

describe("other scanners' ignore markers", () => {
  const v = new Values(818);

  for (const [marker, comment] of [
    ['gitleaks:allow', '# gitleaks:allow'],
    ['pragma: allowlist secret', '# pragma: allowlist secret'],
    ['ggignore', '# ggignore'],
    ['trufflehog:ignore', '# trufflehog:ignore'],
  ] as const) {
    it(`${marker} suppresses a finding on its own line only, as in that tool`, () => {
      const kept = v.token();
      const src = `auth_token = "${v.token()}"  ${comment}\nauth_token_2 = "${kept}"\n`;
      const found = scanText(src, { path: 'a.py' }).filter((f) => f.isSecret);
      assert.deepStrictEqual(found.map((f) => src.slice(f.range.start, f.range.end)), [kept], 'the next line is still reported');
    });
  }

  it('pragma: allowlist nextline secret suppresses the next line only (detect-secrets)', () => {
    const kept = v.token();
    const src = `// pragma: allowlist nextline secret\nconst authToken = '${v.token()}';\nconst authToken2 = '${kept}';\n`;
    const found = scanText(src, { path: 'a.js' }).filter((f) => f.isSecret);
    assert.deepStrictEqual(found.map((f) => src.slice(f.range.start, f.range.end)), [kept]);
  });

  it('a marker on the line before does not suppress (except ours and the nextline pragma)', () => {
    for (const marker of ['gitleaks:allow', 'pragma: allowlist secret', 'ggignore', 'trufflehog:ignore']) {
      const t = v.token();
      const src = `# ${marker}\nauth_token = "${t}"\n`;
      assert.strictEqual(scanText(src, { path: 'a.py' }).filter((f) => f.isSecret).length, 1, marker);
    }
  });

  it('the markers apply to base64 Basic values too, and a marker elsewhere in the file changes nothing', () => {
    const pair = Buffer.from(`${v.accountSid()}:${v.token()}`).toString('base64');
    assert.deepStrictEqual(scanText(`Authorization: Basic ${pair} # gitleaks:allow`, { path: 'r.http' }).filter((f) => f.isSecret), []);
    const src = `# trufflehog:ignore\n\n\nauth_token = "${v.token()}"\n`;
    assert.strictEqual(scanText(src, { path: 'a.py' }).filter((f) => f.isSecret).length, 1);
  });
});

describe('.twilio-credentials-ignore file', () => {
  it('parses fingerprints, globs and comments', () => {
    const rules = parseIgnoreFile('# accepted test credentials\ntc1:0123456789abcdef  # the sandbox token\n\nfixtures/**\n*.snap\n!keep.js\n');
    assert.deepStrictEqual([...rules.fingerprints], ['tc1:0123456789abcdef']);
    assert.deepStrictEqual(rules.pathGlobs, ['fixtures/**', '*.snap']);
    assert.deepStrictEqual(rules.invalidLines, [{ line: 6, text: '!keep.js' }]);
  });

  it('reads LF, CRLF and lone CR line endings and a BOM alike, numbering lines as the editor does', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const rules = parseIgnoreFile(['\uFEFFtc1:0123456789abcdef', 'fixtures/', '!keep.js', ''].join(eol));
      assert.deepStrictEqual([...rules.fingerprints], ['tc1:0123456789abcdef'], JSON.stringify(eol));
      assert.deepStrictEqual(rules.pathGlobs, ['fixtures/'], JSON.stringify(eol));
      assert.deepStrictEqual(rules.invalidLines, [{ line: 3, text: '!keep.js' }], JSON.stringify(eol));
    }
  });

  it('adds a fingerprint with its note on a line of its own, keeping every byte and the file\'s line endings', () => {
    const fp = fingerprint(new Values(809).token());
    const cases: [string, string][] = [
      ['', `${fp}  # src/a.js\n`],
      ['fixtures/\n', `fixtures/\n${fp}  # src/a.js\n`],
      ['fixtures/', `fixtures/\n${fp}  # src/a.js\n`],
      ['a/\r\nb/\r\n', `a/\r\nb/\r\n${fp}  # src/a.js\r\n`],
      ['a/\rb/', `a/\rb/\r${fp}  # src/a.js\r`],
      ['\uFEFF# mine\n', `\uFEFF# mine\n${fp}  # src/a.js\n`],
    ];
    for (const [before, after] of cases) {
      assert.deepStrictEqual(addIgnoreEntry(before, fp, 'src/a.js'), { text: after, changed: true }, JSON.stringify(before));
      assert.deepStrictEqual(addIgnoreEntry(after, fp, 'other note'), { text: after, changed: false }, 'listed once');
    }
    assert.strictEqual(addIgnoreEntry('', fp, 'two\nlines\u2028here').text, `${fp}  # two lines here\n`, 'a note stays one comment');
    assert.ok(parseIgnoreFile(addIgnoreEntry('x/\r', fp, 'n').text).fingerprints.has(fp));
  });

  it('matches globs like .gitignore: names at any depth, anchored paths, folders', () => {
    assert.ok(matchesAnyGlob('src/a/b.snap', ['*.snap']));
    assert.ok(matchesAnyGlob('fixtures/x/y.json', ['fixtures/']));
    assert.ok(matchesAnyGlob('deep/fixtures/y.json', ['fixtures']));
    assert.ok(matchesAnyGlob('test/fixtures/y.json', ['test/**/*.json']));
    assert.ok(matchesAnyGlob('docs/a.md', ['/docs']));
    assert.ok(!matchesAnyGlob('src/docs/a.md', ['/docs']));
    assert.ok(!matchesAnyGlob('src/a.ts', ['*.snap', 'fixtures/']));
    assert.ok(matchesAnyGlob('a\\b\\c.txt', ['a/**/*.txt']), 'Windows separators');
    assert.ok(matchesAnyGlob('data/file1.csv', ['data/file?.csv']));
    assert.ok(matchesAnyGlob('data/file1.csv', ['data/file[0-9].csv']));
  });
});

describe('.twilio-credentials-ignore limits (a hostile repository cannot stall CI)', () => {
  /** Runs `fn`, failing if it takes longer than `ms` (a hang guard, not a speed target). */
  function guarded<T>(what: string, ms: number, fn: () => T): T {
    const started = performance.now();
    const result = fn();
    const took = performance.now() - started;
    assert.ok(took < ms, `${what} took ${took.toFixed(0)} ms (hang guard ${ms} ms)`);
    return result;
  }
  const deepPaths = (count: number, depth: number) => Array.from({ length: count }, (_, i) => Array.from({ length: depth }, (_, d) => `dir${d}`).join('/') + `/file${i}.js`);

  it('20 long "*?" globs against deep paths (17 s per scan before the limits) are reported and cost nothing', () => {
    const file = Array.from({ length: 20 }, (_, i) => '*?'.repeat(1000) + `x${i}`).join('\n') + '\n';
    const rules = parseIgnoreFile(file);
    assert.deepStrictEqual(rules.pathGlobs, []);
    assert.strictEqual(rules.invalidLines.length, 20);
    assert.ok(rules.invalidLines.every((l) => l.reason === 'glob-too-long' && l.text.length <= 80), 'reported, cut for display');
    const paths = deepPaths(200, 400); // about 2,400 characters each
    guarded('matching 200 deep paths', 2000, () => paths.forEach((p) => matchesAnyGlob(p, file.split('\n'))));
  });

  it('globs past the count or total length limit are reported and not used; the ones before still apply', () => {
    const many = Array.from({ length: IGNORE_FILE_LIMITS.maxGlobs + 5 }, (_, i) => `gen${i}/`).join('\n');
    const rules = parseIgnoreFile(many);
    assert.strictEqual(rules.pathGlobs.length, IGNORE_FILE_LIMITS.maxGlobs);
    assert.deepStrictEqual(rules.invalidLines.map((l) => l.reason), Array(5).fill('too-many-globs'));
    assert.ok(matchesAnyGlob('gen0/a.js', rules.pathGlobs));
    const long = Array.from({ length: 20 }, (_, i) => `${'d'.repeat(200)}${i}/**`).join('\n');
    const r2 = parseIgnoreFile(long);
    assert.ok(r2.pathGlobs.join('').length <= IGNORE_FILE_LIMITS.maxTotalGlobLength);
    assert.ok(r2.invalidLines.length > 0 && r2.invalidLines.every((l) => l.reason === 'too-many-globs'));
  });

  it('the worst file within the limits against paths at the length limit returns (hang guard)', function () {
    this.timeout(30_000);
    // As many "*?" globs as fit: every state of the matcher is active on every character.
    const glob = '*?'.repeat(IGNORE_FILE_LIMITS.maxGlobLength / 2 - 1) + 'x';
    const rules = parseIgnoreFile(Array.from({ length: 50 }, () => glob).join('\n'));
    const paths = Array.from({ length: 20 }, (_, i) => ('abcdefghi/'.repeat(IGNORE_FILE_LIMITS.maxPathLength / 10)).slice(0, IGNORE_FILE_LIMITS.maxPathLength - 8) + `f${i}.js`);
    guarded(`${rules.pathGlobs.length} globs x 20 paths of ${paths[0].length} characters`, 10_000, () => paths.forEach((p) => matchesAnyGlob(p, rules.pathGlobs)));
  });

  it('a path longer than the limit matches no glob, so the file is scanned rather than skipped', () => {
    const long = 'a/'.repeat(IGNORE_FILE_LIMITS.maxPathLength) + 'x.snap';
    assert.strictEqual(matchesAnyGlob(long, ['*.snap']), false);
    assert.strictEqual(matchesAnyGlob('a/'.repeat(100) + 'x.snap', ['*.snap']), true);
  });
});

describe('fingerprint', () => {
  it('is a stable, truncated SHA-256 that does not look like a token', () => {
    const { createHash } = require('crypto') as typeof import('crypto');
    for (const value of ['', 'a', 'é∂ unicode ✓', 'x'.repeat(1000)]) {
      assert.strictEqual(fingerprint(value), 'tc1:' + createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 16));
    }
    assert.notStrictEqual(fingerprint('a'), fingerprint('b'));
  });

  it('is the same in hosts without node:crypto (plain TypeScript SHA-256)', () => {
    const { createHash } = require('crypto') as typeof import('crypto');
    for (const value of ['', 'abc', 'é∂ unicode ✓', 'x'.repeat(55), 'x'.repeat(56), 'y'.repeat(1000)]) {
      assert.strictEqual(sha256Portable(value), createHash('sha256').update(value, 'utf8').digest('hex'), value.slice(0, 10));
    }
  });
});
