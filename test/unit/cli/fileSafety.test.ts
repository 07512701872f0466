// The CLI against hostile repositories: a committed env file holding a secret is a leak (exit 1),
// and an ignore file that is a link to /dev/zero (or a FIFO) is refused, not read.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fakeAccountSid, fakeAuthToken, fakeHex, fakeKeySecret } from '../../support/fakeCredentials';

function findRoot(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
const root = findRoot(__dirname);
const GIT_ENV: NodeJS.ProcessEnv = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' };
const g = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'init.defaultBranch=main', ...args], { cwd, env: GIT_ENV, stdio: 'pipe' });

describe('twilio-credentials scan: committed env files and hostile ignore files', function () {
  this.timeout(60_000);
  let cli: string;
  const dirs: string[] = [];
  const make = (files: Record<string, string>): string => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'twilio-cred-cli-safety-')));
    dirs.push(dir);
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
    return dir;
  };
  const run = (cwd: string, ...args: string[]) => {
    const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 20_000, maxBuffer: 1024 * 1024 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
  };

  before(() => {
    const esbuild = require('esbuild') as typeof import('esbuild');
    cli = path.join(root, 'out', 'test-cli', 'cli-safety.js');
    esbuild.buildSync({ entryPoints: [path.join(root, 'src/cli/main.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: cli, logLevel: 'warning' });
  });
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('exits 1 for an Auth Token in a committed .env.production, naming why', () => {
    const d = make({ '.env.production': `TWILIO_AUTH_TOKEN=${fakeAuthToken()}\n`, '.gitignore': 'node_modules\n' });
    g(d, 'init', '-q');
    g(d, 'add', '.');
    g(d, 'commit', '-qm', 'oops');
    const r = run(d, 'scan');
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /\.env\.production: .*tracked by git/);
  });

  it('a committed .env of a Twilio Functions project says twilio serverless:deploy uploads it', () => {
    const info = JSON.stringify({ [fakeAccountSid()]: { serviceSid: 'ZS' + fakeHex(), latestBuild: 'ZB' + fakeHex() } });
    const d = make({ 'notify/.env': `ACCOUNT_SID=${fakeAccountSid()}\nTWILIO_API_SECRET=${fakeKeySecret()}\n`, 'notify/.twiliodeployinfo': info, 'web/.env': `TWILIO_AUTH_TOKEN=${fakeAuthToken()}\n` });
    g(d, 'init', '-q');
    const r = run(d, 'scan');
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /notify\/\.env: .*not ignored by git.*Twilio Functions project's \.env, which twilio serverless:deploy uploads/);
    assert.match(r.stderr, /web\/\.env: .*not ignored by git/);
    assert.doesNotMatch(r.stderr, /web\/\.env: .*Functions/);
  });

  it('exits 1 for a secret in a .env that git would commit (not ignored), and 0 once it is ignored', () => {
    const d = make({ '.env': `TWILIO_AUTH_TOKEN=${fakeAuthToken()}\n` });
    g(d, 'init', '-q');
    const r = run(d, 'scan');
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /\.env: .*not ignored by git/);
    fs.writeFileSync(path.join(d, '.gitignore'), '.env\n');
    assert.equal(run(d, 'scan').code, 0);
  });

  it('a .env listed in .gitignore but still tracked is a leak', () => {
    const d = make({ 'cfg/.env': `TWILIO_AUTH_TOKEN=${fakeAuthToken()}\n` });
    g(d, 'init', '-q');
    g(d, 'add', '.');
    g(d, 'commit', '-qm', 'oops');
    fs.writeFileSync(path.join(d, '.gitignore'), '.env\n');
    const r = run(d, 'scan');
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /cfg\/\.env: .*tracked by git/);
  });

  it('outside a git repository a secret in a .env is not a leak (exit 0)', () => {
    const d = make({ '.env': `TWILIO_AUTH_TOKEN=${fakeAuthToken()}\n` });
    assert.equal(run(d, 'scan').code, 0);
  });

  it('refuses a .twilio-credentials-ignore that is a link to /dev/zero, quickly and without reading it', () => {
    const d = make({ 'a.py': 'x = 1\n' });
    fs.symlinkSync('/dev/zero', path.join(d, '.twilio-credentials-ignore'));
    const r = run(d, 'scan');
    assert.equal(r.signal, null, 'finished before the timeout');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /\.twilio-credentials-ignore is a symbolic link/);
  });

  it('refuses a .twilio-credentials-ignore that is a FIFO without hanging', () => {
    const d = make({ 'a.py': 'x = 1\n' });
    execFileSync('mkfifo', [path.join(d, '.twilio-credentials-ignore')]);
    const r = run(d, 'scan');
    assert.equal(r.signal, null, 'finished before the timeout');
    assert.match(r.stderr, /not a regular file/);
  });
});

describe('committedEnvFileMessage', () => {
  it('escapes control characters, so a file name cannot forge a line of output', async () => {
    const { committedEnvFileMessage } = await import('../../../src/cli/envFilePolicy');
    const m = committedEnvFileMessage('a\nsrc/x.js:1:1  warning  fake\r.env', 'tracked', 1);
    assert.ok(!/[\n\r]/.test(m));
    assert.match(m, /a\\x0asrc/);
  });
});
