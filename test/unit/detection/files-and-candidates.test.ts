import * as assert from 'assert';
import { detectLanguage, fileRole, findCandidates, isEnvFormat, isLockfile, isPlaceholder, mightContainSecret, scanText } from '../../../src/core/detection';
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

  it('an env file is one by its format, not by a name fragment (issue 10)', () => {
    // Code and data files whose names start with or contain `.env` are what their extension says.
    for (const [path, lang] of [['.env.js', 'javascript'], ['config.env.ts', 'typescript'], ['.env.json', 'json'], ['.env.yaml', 'yaml'], ['.env.sh', 'shellscript'], ['src/.env.mjs', 'javascript']] as const) {
      assert.strictEqual(detectLanguage(path), lang, path);
      assert.notStrictEqual(fileRole(path), 'env-file', path);
    }
    // Env files by name: .env, .env.<stage>, <name>.env, and direnv's .envrc (a shell file that sets the environment).
    for (const path of ['.env', '.env.production', '.env.development.local', 'prod.env', 'deploy/app.env', '.envrc']) {
      assert.strictEqual(fileRole(path, 'TWILIO_AUTH_TOKEN=x\n'), 'env-file', path);
    }
    assert.strictEqual(detectLanguage('.envrc'), 'shellscript');
    assert.strictEqual(detectLanguage('.env.production'), 'dotenv');
    // ... and by content: a file named like one that does not hold KEY=VALUE lines is source.
    assert.strictEqual(fileRole('.env', 'module.exports = { token: process.env.X };\n'), 'source');
    assert.strictEqual(fileRole('prod.env', 'twilio:\n  token: x\n'), 'source');
  });

  it('reads KEY=VALUE lines as dotenv writes them: comments, export, quoted multi-line values, CRLF, BOM', () => {
    assert.ok(isEnvFormat(''));
    assert.ok(isEnvFormat('\uFEFF# comment\r\nexport A=1\r\n\r\nB = "two"\nC.D-E=x # note\n'));
    assert.ok(isEnvFormat('KEY="-----BEGIN KEY-----\nline two\n-----END KEY-----"\nNEXT=1\n'));
    assert.ok(!isEnvFormat('A=1\nconsole.log(A)\n'));
    assert.ok(!isEnvFormat('a: 1\n'));
    assert.ok(!isEnvFormat('const A = 1;\n'), 'a JavaScript declaration is not a KEY=VALUE line');
  });

  it('a secret in .env.js is a hardcoded secret (warning), one in .env.production belongs there (information)', () => {
    const t = new Values(4242).token();
    const [js] = scanText(`export const env = {\n  TWILIO_AUTH_TOKEN: '${t}',\n};\n`, { path: 'src/.env.js' });
    assert.strictEqual(js.fileRole, 'source');
    assert.strictEqual(js.severity, 'warning');
    const [env] = scanText(`TWILIO_AUTH_TOKEN=${t}\n`, { path: '.env.production' });
    assert.strictEqual(env.fileRole, 'env-file');
    assert.strictEqual(env.severity, 'information');
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
