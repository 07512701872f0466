import * as assert from 'assert';
import { addIgnoreEntry, fingerprint, matchesAnyGlob, parseIgnoreFile, scanText, sha256Portable } from '../../../src/detection';
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
