// The CLI through a real process: the built bundle is spawned with `node`, so exit codes,
// stdout/stderr and the JSON shape are what a CI job would see.
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fingerprint } from '../../../src/core/detection';
import { Values } from '../detection/helpers';

/** The repository root: the test runs from a bundle under out/, so look for package.json. */
function findRoot(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
const root = findRoot(__dirname);
let cli: string;

function run(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tree(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twilio-cred-cli-'));
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
  return dir;
}

describe('twilio-credentials scan (CLI process)', function () {
  this.timeout(30_000);
  const v = new Values(4242);
  const dirs: string[] = [];
  const make = (files: Record<string, string | Buffer>): string => {
    const d = tree(files);
    dirs.push(d);
    return d;
  };

  before(() => {
    // Build the production entry point the same way esbuild.js does (bundle, cjs, node banner).
    const esbuild = require('esbuild') as typeof import('esbuild');
    cli = path.join(root, 'out', 'test-cli', 'cli.js');
    esbuild.buildSync({
      entryPoints: [path.join(root, 'src/cli/main.ts')], bundle: true, platform: 'node', format: 'cjs',
      target: 'node20', outfile: cli, banner: { js: '#!/usr/bin/env node' }, logLevel: 'warning',
    });
  });
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('exits 0 and prints nothing on a clean tree', () => {
    const d = make({ 'src/a.js': 'const a = process.env.TWILIO_AUTH_TOKEN;\n' });
    const r = run(d, 'scan');
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(r.stdout, '');
  });

  it('exits 1 on a hardcoded Auth Token and prints path:line:col  severity  message', () => {
    const t = v.token();
    const d = make({ 'src/sms.js': `// twilio\nconst authToken = '${t}';\n` });
    const r = run(d, 'scan');
    assert.strictEqual(r.code, 1);
    assert.strictEqual(r.stdout, `src/sms.js:2:20  warning  Hardcoded Twilio Auth Token (…${t.slice(-4)})\n`);
    assert.ok(!r.stdout.includes(t.slice(0, -4)) && !r.stderr.includes(t.slice(0, -4)), 'secret not printed');
  });

  it('--json prints findings with relative forward-slash paths and 1-based positions', () => {
    const t = v.token(), sid = v.accountSid();
    const d = make({ 'app/deep/conf.yml': `twilio:\n  account_sid: ${sid}\n  auth_token: ${t}\n` });
    const r = run(d, 'scan', '--json');
    assert.strictEqual(r.code, 1);
    const out = JSON.parse(r.stdout);
    assert.deepStrictEqual(out, {
      skipped: [],
      findings: [
        { path: 'app/deep/conf.yml', line: 2, column: 16, endLine: 2, endColumn: 50, kind: 'twilio-account-sid', severity: 'hint', message: `Twilio Account SID (AC…${sid.slice(-4)})`, fingerprint: fingerprint(sid) },
        { path: 'app/deep/conf.yml', line: 3, column: 15, endLine: 3, endColumn: 47, kind: 'twilio-auth-token', severity: 'warning', message: `Hardcoded Twilio Auth Token (…${t.slice(-4)})`, fingerprint: fingerprint(t) },
      ],
    });
    assert.ok(!r.stdout.includes(t.slice(0, -4)));
  });

  it('paths are relative to the current directory when scanning a subfolder', () => {
    const d = make({ 'pkg/x/cfg.properties': `twilio.auth.token=${v.token()}\n` });
    const r = run(path.join(d, 'pkg'), 'scan', 'x', '--json');
    assert.strictEqual(JSON.parse(r.stdout).findings[0].path, 'x/cfg.properties');
  });

  it('exits 0 for SIDs only and for secrets in .env files, but still reports them', () => {
    const d = make({ 'a.py': `sid = "${v.accountSid()}"\n`, '.env': `TWILIO_AUTH_TOKEN=${v.token()}\n` });
    const r = run(d, 'scan', '--json');
    assert.strictEqual(r.code, 0);
    const kinds = JSON.parse(r.stdout).findings.map((f: { kind: string; severity: string }) => `${f.kind}/${f.severity}`).sort();
    assert.deepStrictEqual(kinds, ['twilio-account-sid/hint', 'twilio-auth-token/information']);
  });

  it('exits 1 for a secret in a test file (lower severity, still a leak)', () => {
    const d = make({ 'test/a.test.js': `const authToken = '${v.token()}';\n` });
    const r = run(d, 'scan', '--json');
    assert.strictEqual(r.code, 1);
    assert.strictEqual(JSON.parse(r.stdout).findings[0].severity, 'information');
  });

  it('skips .git, node_modules, lockfiles, binary and oversized files', () => {
    const line = (): string => `auth_token = "${v.token()}"\n`;
    const d = make({
      '.git/config': line(), 'node_modules/x/a.py': line(), 'package-lock.json': `{"authToken": "${v.token()}"}`,
      'img.bin': Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(line())]),
      'big.py': line() + '#'.repeat(2000),
    });
    assert.strictEqual(run(d, 'scan', '--max-file-size', '1000').code, 0);
    const withModules = run(d, 'scan', '--include-node-modules', '--json');
    assert.strictEqual(withModules.code, 1);
    assert.deepStrictEqual(JSON.parse(withModules.stdout).findings.map((f: { path: string }) => f.path), ['big.py', 'node_modules/x/a.py']);
  });

  it('honours --exclude globs', () => {
    const d = make({ 'fixtures/a.py': `auth_token = "${v.token()}"\n`, 'gen/b.py': `auth_token = "${v.token()}"\n` });
    assert.strictEqual(run(d, 'scan', '--exclude', 'fixtures/', '--exclude=gen/**').code, 0);
    assert.strictEqual(run(d, 'scan', '--exclude', 'fixtures/').code, 1);
  });

  it('honours ignore comments and the .twilio-credentials-ignore file (fingerprints and globs)', () => {
    const t1 = v.token(), t2 = v.token();
    const d = make({
      'a.py': `auth_token = "${v.token()}"  # twilio-credentials-ignore\n# twilio-credentials-ignore\nauth_token2 = "${v.token()}"\n`,
      'b.py': `auth_token = "${t1}"\n`,
      'docs/c.py': `auth_token = "${t2}"\n`,
      '.twilio-credentials-ignore': `# accepted\n${fingerprint(t1)}\ndocs/\n`,
    });
    const r = run(d, 'scan', '--json');
    assert.strictEqual(r.code, 0, r.stdout);
    assert.deepStrictEqual(JSON.parse(r.stdout).findings, []);
  });

  it('scans single files given as arguments', () => {
    const d = make({ 'one.rb': `config.auth_token = '${v.token()}'\n`, 'two.rb': 'x = 1\n' });
    assert.strictEqual(run(d, 'scan', 'two.rb').code, 0);
    assert.strictEqual(run(d, 'scan', 'one.rb', 'two.rb').code, 1);
  });

  it('exits 2 with a usage message on an unknown flag, a missing path or no command', () => {
    const d = make({ 'a.txt': 'x' });
    for (const args of [['scan', '--nope'], ['scan', 'missing-dir'], [], ['scan', '--max-file-size', 'lots'], ['frobnicate']]) {
      const r = run(d, ...args);
      assert.strictEqual(r.code, 2, args.join(' '));
      assert.match(r.stderr, /Usage: twilio-credentials (scan|<command>)/);
      assert.strictEqual(r.stdout, '');
    }
  });

  it('--help prints usage and exits 0; --version prints the version', () => {
    const r = run(os.tmpdir(), '--help');
    assert.strictEqual(r.code, 0);
    assert.match(r.stdout, /Usage: twilio-credentials <command>/);
    assert.match(run(os.tmpdir(), 'scan', '--help').stdout, /Usage: twilio-credentials scan \[paths\.\.\.\]/);
    const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
    assert.strictEqual(run(os.tmpdir(), '--version').stdout, `${version}\n`);
  });

  // Root reads everything, so as root the scan runs as `nobody` to meet a permission error.
  it('lists unreadable files and folders (EACCES) as skipped, and --strict fails on them', () => {
    const d = make({ 'ok.py': 'x = 1\n', 'locked/a.py': `auth_token = "${v.token()}"\n`, 'closed.py': `auth_token = "${v.token()}"\n` });
    const asRoot = process.getuid?.() === 0;
    let bin = cli;
    if (asRoot) {
      const binDir = make({});
      bin = path.join(binDir, 'cli.js');
      fs.copyFileSync(cli, bin);
      fs.chmodSync(binDir, 0o755);
      fs.chmodSync(bin, 0o644);
    }
    fs.chmodSync(d, 0o755);
    fs.chmodSync(path.join(d, 'locked'), 0o000);
    fs.chmodSync(path.join(d, 'closed.py'), 0o000);
    try {
      const opts = { cwd: d, encoding: 'utf8' as const, timeout: 20_000, ...(asRoot ? { uid: 65534, gid: 65534 } : {}) };
      const r = spawnSync(process.execPath, [bin, 'scan', '--json'], opts);
      assert.strictEqual(r.status, 0, r.stderr);
      assert.deepStrictEqual(JSON.parse(r.stdout).skipped, [
        { path: 'closed.py', reason: 'unreadable', detail: 'EACCES' },
        { path: 'locked', reason: 'unreadable', detail: 'EACCES' },
      ]);
      const strict = spawnSync(process.execPath, [bin, 'scan', '--strict'], opts);
      assert.strictEqual(strict.status, 2);
      assert.match(strict.stderr, /skipped closed\.py: cannot be read \(EACCES\)\n.*skipped locked: cannot be read \(EACCES\)/s);
    } finally {
      fs.chmodSync(path.join(d, 'locked'), 0o755);
      fs.chmodSync(path.join(d, 'closed.py'), 0o644);
    }
  });

  // A FIFO has no end until a writer closes it: opening or reading one would hang CI forever.
  it('a FIFO in the tree is listed as skipped, never opened (the scan ends)', function () {
    if (process.platform === 'win32') this.skip();
    const d = make({ 'a.py': `auth_token = "${v.token()}"\n` });
    execFileSync('mkfifo', [path.join(d, 'pipe')]);
    const r = spawnSync(process.execPath, [cli, 'scan', '--json'], { cwd: d, encoding: 'utf8', timeout: 20_000 });
    assert.strictEqual(r.signal, null, 'the scan hung on the FIFO');
    assert.strictEqual(r.status, 1);
    assert.deepStrictEqual(JSON.parse(r.stdout).skipped, [{ path: 'pipe', reason: 'not-regular', detail: 'FIFO' }]);
  });

  it('a FIFO named on the command line, or reached through a link, is skipped too', function () {
    if (process.platform === 'win32') this.skip();
    const d = make({ 'a.py': 'x = 1\n' });
    execFileSync('mkfifo', [path.join(d, 'pipe')]);
    fs.symlinkSync('pipe', path.join(d, 'link'));
    const r = spawnSync(process.execPath, [cli, 'scan', 'pipe', '.', '--json'], { cwd: d, encoding: 'utf8', timeout: 20_000 });
    assert.strictEqual(r.signal, null, 'the scan hung on the FIFO');
    assert.strictEqual(r.status, 0, r.stderr);
    assert.deepStrictEqual(JSON.parse(r.stdout).skipped, [
      { path: 'link', reason: 'not-regular', detail: 'FIFO' },
      { path: 'pipe', reason: 'not-regular', detail: 'FIFO' },
    ]);
  });
});
