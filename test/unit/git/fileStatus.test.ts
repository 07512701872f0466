// "Would git commit this file?" against real repositories built in temp folders: several
// repositories in one workspace folder, a submodule, a nested repository, a tracked file that
// .gitignore lists, no repository, no git.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { gitFileStatus, gitUntrack } from '../../../src/workspace/git/fileStatus';

const GIT_ENV: NodeJS.ProcessEnv = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' };
for (const k of Object.keys(GIT_ENV)) if (/^GIT_(DIR|WORK_TREE|INDEX_FILE)$/.test(k)) delete GIT_ENV[k];

function g(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'protocol.file.allow=always', ...args], { cwd, env: GIT_ENV, stdio: 'pipe' });
}
function write(file: string, text: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

describe('gitFileStatus (per file, from the file\'s own folder)', function () {
  this.timeout(30_000);
  const dirs: string[] = [];
  const fresh = () => {
    const d = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'twilio-cred-git-')));
    dirs.push(d);
    return d;
  };
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('a .env listed in .gitignore but already committed is tracked, hence committed', async () => {
    const repo = fresh();
    g(repo, 'init', '-q');
    write(path.join(repo, '.env'), 'A=1\n');
    g(repo, 'add', '.env');
    g(repo, 'commit', '-qm', 'oops');
    write(path.join(repo, '.gitignore'), '.env\n');
    assert.deepEqual(await gitFileStatus(path.join(repo, '.env')), { kind: 'repo', tracked: true, ignored: true, committable: true });
  });

  it('a workspace folder holding several repositories: each file answers for its own repository', async () => {
    const ws = fresh();
    g(path.join(ws), 'init', '-q', 'api');
    g(path.join(ws), 'init', '-q', 'web');
    write(path.join(ws, 'api', '.gitignore'), '.env\n');
    write(path.join(ws, 'api', '.env'), '');
    write(path.join(ws, 'web', '.env'), '');
    assert.deepEqual(await gitFileStatus(path.join(ws, 'api', '.env')), { kind: 'repo', tracked: false, ignored: true, committable: false });
    assert.deepEqual(await gitFileStatus(path.join(ws, 'web', '.env')), { kind: 'repo', tracked: false, ignored: false, committable: true });
  });

  it('a file in a submodule answers for the submodule', async () => {
    const base = fresh();
    const lib = path.join(base, 'lib');
    g(base, 'init', '-q', 'lib');
    write(path.join(lib, 'README'), 'x\n');
    g(lib, 'add', 'README');
    g(lib, 'commit', '-qm', 'init');
    const app = path.join(base, 'app');
    g(base, 'init', '-q', 'app');
    write(path.join(app, '.gitignore'), '.env\n');
    g(app, 'submodule', 'add', '-q', lib, 'vendor/lib');
    write(path.join(app, 'vendor', 'lib', '.env'), '');
    write(path.join(app, '.env'), '');
    assert.deepEqual(await gitFileStatus(path.join(app, '.env')), { kind: 'repo', tracked: false, ignored: true, committable: false });
    // The superproject's "/.env" rule does not reach into the submodule; the submodule would commit it.
    assert.deepEqual(await gitFileStatus(path.join(app, 'vendor', 'lib', '.env')), { kind: 'repo', tracked: false, ignored: false, committable: true });
  });

  it('a nested repository that the outer one ignores still commits its own .env', async () => {
    const outer = fresh();
    g(outer, 'init', '-q');
    write(path.join(outer, '.gitignore'), 'inner/\n');
    g(outer, 'init', '-q', 'inner');
    write(path.join(outer, 'inner', '.env'), '');
    assert.deepEqual(await gitFileStatus(path.join(outer, 'inner', '.env')), { kind: 'repo', tracked: false, ignored: false, committable: true });
  });

  it('a file whose folder does not exist yet is judged from the nearest existing folder', async () => {
    const repo = fresh();
    g(repo, 'init', '-q');
    write(path.join(repo, '.gitignore'), '**/.env\n');
    assert.deepEqual(await gitFileStatus(path.join(repo, 'new', 'deeper', '.env')), { kind: 'repo', tracked: false, ignored: true, committable: false });
  });

  it('names with glob characters are taken literally', async () => {
    const repo = fresh();
    g(repo, 'init', '-q');
    write(path.join(repo, 'a.env'), '');
    g(repo, 'add', 'a.env');
    write(path.join(repo, '*.env'), '');
    const s = await gitFileStatus(path.join(repo, '*.env'));
    assert.equal(s.kind === 'repo' && s.tracked, false, '"*.env" is not tracked although a.env is');
  });

  it('outside any repository: not-a-repo; without git or when git hangs: unknown', async () => {
    const plain = fresh();
    write(path.join(plain, '.env'), '');
    assert.deepEqual(await gitFileStatus(path.join(plain, '.env')), { kind: 'not-a-repo' });
    assert.equal((await gitFileStatus(path.join(plain, '.env'), { git: path.join(plain, 'no-such-git') })).kind, 'unknown');
    const slow = write(path.join(plain, 'slow-git'), '#!/bin/sh\nsleep 5\n');
    fs.chmodSync(slow, 0o755);
    const started = Date.now();
    const s = await gitFileStatus(path.join(plain, '.env'), { git: slow, timeoutMs: 300 });
    assert.equal(s.kind, 'unknown');
    assert.ok(Date.now() - started < 4000, 'gave up at the timeout');
  });

  it('passes only the file name to git, never what the file holds, and switches off fsmonitor hooks', async () => {
    const plain = fresh();
    const log = path.join(plain, 'args.log');
    const rec = write(path.join(plain, 'rec-git'), `#!/bin/sh\nprintf '%s\\n' "$@" >> '${log}'\nexit 1\n`);
    fs.chmodSync(rec, 0o755);
    const secret = 'value-that-must-not-appear';
    write(path.join(plain, '.env'), `TWILIO_AUTH_TOKEN=${secret}\n`);
    await gitFileStatus(path.join(plain, '.env'), { git: rec });
    const args = fs.readFileSync(log, 'utf8');
    assert.ok(!args.includes(secret));
    assert.match(args, /core\.fsmonitor=false/);
  });

  it('gitUntrack stops tracking a committed .env and keeps it on disk', async () => {
    const repo = fresh();
    g(repo, 'init', '-q');
    write(path.join(repo, 'cfg', '.env'), 'A=1\n');
    g(repo, 'add', '.');
    g(repo, 'commit', '-qm', 'oops');
    assert.equal(await gitUntrack(path.join(repo, 'cfg', '.env')), undefined);
    const s = await gitFileStatus(path.join(repo, 'cfg', '.env'));
    assert.equal(s.kind === 'repo' && s.tracked, false);
    assert.equal(fs.readFileSync(path.join(repo, 'cfg', '.env'), 'utf8'), 'A=1\n');
  });
});
