// `scan --staged` reads what `git commit` would record: the index, not the working tree.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { fakeAccountSid, fakeAuthToken } from '../../support/fakeCredentials';
import { runCli, scratchRepos } from './repo';

describe('scan --staged (the index, through the CLI process)', function () {
  this.timeout(60_000);
  const repo = scratchRepos();

  it('finds a staged secret that was removed from the working file afterwards, at its staged line', () => {
    const r = repo();
    const t = fakeAuthToken();
    r.write('src/sms.js', `// twilio\n\nconst authToken = '${t}';\n`).add('src/sms.js');
    // The working copy no longer has it, and its lines moved: only the index matters.
    r.write('src/sms.js', 'const authToken = process.env.TWILIO_AUTH_TOKEN;\n');
    const out = runCli(r.dir, 'scan', '--staged');
    assert.strictEqual(out.code, 1, out.stderr);
    assert.strictEqual(out.stdout, `src/sms.js:3:20  warning  Hardcoded Twilio Auth Token (…${t.slice(-4)})\n`);
    assert.ok(!out.stdout.includes(t.slice(0, -4)) && !out.stderr.includes(t.slice(0, -4)), 'the secret is never printed');
  });

  it('passes when the staged version is clean even though the working file holds a secret', () => {
    const r = repo();
    r.write('app.py', 'import os\nauth_token = os.environ["TWILIO_AUTH_TOKEN"]\n').add('app.py');
    r.write('app.py', `import os\nauth_token = "${fakeAuthToken()}"\n`);
    r.write('untracked.py', `auth_token = "${fakeAuthToken()}"\n`); // never staged: not part of the commit
    const out = runCli(r.dir, 'scan', '--staged');
    assert.strictEqual(out.code, 0, out.stdout + out.stderr);
    assert.strictEqual(out.stdout, '');
    assert.match(out.stderr, /0 hardcoded secrets in 0 files \(1 file scanned\)/);
  });

  it('scans only files changed against HEAD, and a first commit on an unborn branch', () => {
    const r = repo();
    const t = fakeAuthToken();
    r.write('old.js', `const authToken = '${t}';\n`).add('old.js');
    assert.strictEqual(runCli(r.dir, 'scan', '--staged').code, 1, 'first commit: everything staged is new');
    r.commit('first');
    r.write('new.js', 'const a = 1; // a clean change\n').add('new.js');
    const out = runCli(r.dir, 'scan', '--staged');
    assert.strictEqual(out.code, 0, 'old.js is unchanged in this commit: ' + out.stdout);
  });

  it('refuses a staged .env file with a secret: committing it leaks it', () => {
    const r = repo();
    r.write('.env', `TWILIO_ACCOUNT_SID=${fakeAccountSid()}\nTWILIO_AUTH_TOKEN=${fakeAuthToken()}\n`).add('.env');
    const out = runCli(r.dir, 'scan', '--staged', '--json');
    assert.strictEqual(out.code, 1, out.stdout);
    assert.deepStrictEqual(JSON.parse(out.stdout).findings.map((f: { kind: string }) => f.kind), ['twilio-account-sid', 'twilio-auth-token']);
  });

  it('reports paths relative to the current folder, with odd names, and honours --exclude', () => {
    const r = repo();
    const t = fakeAuthToken();
    r.write('sub dir/é "q".js', `const authToken = '${t}';\n`).write('vendor/x.js', `const authToken = '${fakeAuthToken()}';\n`).add('.');
    fs.mkdirSync(path.join(r.dir, 'other'));
    const out = runCli(path.join(r.dir, 'other'), 'scan', '--staged', '..', '--exclude', '../vendor/**');
    assert.strictEqual(out.stdout, `../sub dir/é "q".js:1:20  warning  Hardcoded Twilio Auth Token (…${t.slice(-4)})\n`, out.stderr);
  });

  it('skips binary and oversized staged blobs and lists them', () => {
    const r = repo();
    r.write('blob.bin', `\0\0${fakeAuthToken()}`).write('big.js', `const authToken = '${fakeAuthToken()}';\n` + 'x'.repeat(5000)).add('.');
    const out = runCli(r.dir, 'scan', '--staged', '--max-file-size', '1k', '--json');
    assert.strictEqual(out.code, 0, out.stderr);
    const doc = JSON.parse(out.stdout);
    assert.deepStrictEqual(doc.findings, []);
    assert.deepStrictEqual(doc.skipped.map((s: { path: string; reason: string }) => [s.path, s.reason]).sort(), [['big.js', 'too-large'], ['blob.bin', 'binary']]);
  });

  it('limits the scan to the paths given (relative to the current folder)', () => {
    const r = repo();
    r.write('a/x.js', `const authToken = '${fakeAuthToken()}';\n`).write('b/y.js', `const authToken = '${fakeAuthToken()}';\n`).add('.');
    const out = runCli(r.dir, 'scan', '--staged', 'b');
    assert.deepStrictEqual(out.stdout.split('\n').filter(Boolean).map((l) => l.split(':')[0]), ['b/y.js']);
  });

  it('exits 2 with a message outside a repository, and when combined with --git', () => {
    const dir = fs.mkdtempSync(path.join(fs.realpathSync(require('os').tmpdir()), 'tc-nogit-'));
    try {
      const out = runCli(dir, 'scan', '--staged');
      assert.strictEqual(out.code, 2);
      assert.match(out.stderr, /not inside a git work tree/);
      assert.strictEqual(runCli(dir, 'scan', '--staged', '--git').code, 2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
