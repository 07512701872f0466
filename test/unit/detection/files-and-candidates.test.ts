import * as assert from 'assert';
import { detectLanguage, fileRole, findCandidates, isLockfile, isPlaceholder, mightContainSecret } from '../../../src/detection';
import { Values } from './helpers';

describe('language detection', () => {
  it('prefers the editor language id, else the path', () => {
    assert.strictEqual(detectLanguage('a.txt', 'typescriptreact'), 'typescript');
    assert.strictEqual(detectLanguage('x/compose.yaml', 'dockercompose'), 'yaml');
    const byPath: Record<string, string> = {
      'a.mjs': 'javascript', 'a.tsx': 'typescript', 'a.py': 'python', 'Gemfile': 'ruby', 'a.php': 'php',
      'A.java': 'java', 'a.kts': 'kotlin', 'P.cs': 'csharp', 'm.go': 'go', 'a.swift': 'swift',
      'x.yml': 'yaml', 'c.json': 'json', 'n.ipynb': 'jupyter', 'a.properties': 'properties',
      's.ini': 'ini', 'p.toml': 'toml', '.env': 'dotenv', '.env.example': 'dotenv', 'r.sh': 'shellscript',
      'Dockerfile': 'dockerfile', 'README': 'plaintext',
    };
    for (const [path, lang] of Object.entries(byPath)) assert.strictEqual(detectLanguage(path), lang, path);
  });

  it('tells .env files, tests and sources apart', () => {
    assert.strictEqual(fileRole('.env.development.local'), 'env-file');
    assert.strictEqual(fileRole('C:\\proj\\.env'), 'env-file');
    assert.strictEqual(fileRole('.env.sample'), 'source');
    assert.strictEqual(fileRole('pkg/sms_test.go'), 'test');
    assert.strictEqual(fileRole('src/SmsTest.java'), 'test');
    assert.strictEqual(fileRole('src/latest.ts'), 'source');
    assert.strictEqual(fileRole('src/contest/a.ts'), 'source');
  });

  it('knows lockfiles by name', () => {
    assert.ok(isLockfile('a/b/package-lock.json'));
    assert.ok(isLockfile('yarn.lock'));
    assert.ok(!isLockfile('lock.ts'));
  });
});

describe('candidates', () => {
  const v = new Values(909);

  it('finds 32-character values and AC/SK SIDs at their exact boundaries', () => {
    const t = v.token(), s = v.secret(), ac = v.accountSid(), sk = v.keySid();
    const text = `a=${t} b="${s}" ${ac}:${sk} SM${v.token()} ${t}${t}`;
    assert.deepStrictEqual(findCandidates(text).map((c) => [c.shape, c.value]), [
      ['hex32', t], ['alnum32', s], ['account-sid', ac], ['key-sid', sk],
    ]);
  });

  it('sees through \\n and %XX escapes glued to a value', () => {
    const t = v.token();
    assert.deepStrictEqual(findCandidates(`"x\\n${t}"`).map((c) => c.value), [t]);
    assert.deepStrictEqual(findCandidates(`?auth%3D${t}&`).map((c) => c.value), [t]);
  });

  it('drops values glued to identifiers with underscores', () => {
    assert.deepStrictEqual(findCandidates(`tok_${v.token()} ${v.token()}_x`), []);
  });

  it('prefilters texts that cannot contain a credential, as strings or bytes', () => {
    assert.strictEqual(mightContainSecret('const a = 1; // short words only'), false);
    assert.strictEqual(mightContainSecret(`x ${v.token()} y`), true);
    assert.strictEqual(mightContainSecret(Buffer.from(`x ${v.secret()}`)), true);
    assert.strictEqual(mightContainSecret(Buffer.from('a'.repeat(100))), false);
  });
});

describe('placeholders', () => {
  const v = new Values(910);
  it('rejects human-made values and keeps random ones', () => {
    // None of these placeholder shapes may be reported.
    for (const p of ['0'.repeat(32), 'a'.repeat(32), '0123456789abcdef0123456789abcdef', 'deadbeef'.repeat(4), 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef', 'YourAuthTokenHere000000000000000']) { // fake placeholders
      assert.ok(isPlaceholder(p), p);
    }
    for (let i = 0; i < 2000; i++) assert.ok(!isPlaceholder(v.token()));
  });
});
