// `twilio-credentials install-hook`: a plain git pre-commit hook that refuses a commit with a
// hardcoded secret, never clobbers someone else's hook, and is idempotent.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { fakeAuthToken } from '../../support/fakeCredentials';
import { HOOK_MARKER, installHook } from '../../../src/workspace/git/hooks';
import { runInstallHook } from '../../../src/cli/sources';
import { Repo, scratchRepos, buildCli, gitEnv, runCli } from './repo';

function commit(r: Repo, message: string): { code: number | null; output: string } {
  const res = spawnSync('git', ['commit', '-q', '-m', message], { cwd: r.dir, env: gitEnv(), encoding: 'utf8' });
  return { code: res.status, output: res.stdout + res.stderr };
}

describe('install-hook (plain git pre-commit hook)', function () {
  this.timeout(60_000);
  const repo = scratchRepos();

  it('installs an executable hook that refuses a commit with a hardcoded token and lets a clean one through', () => {
    const r = repo();
    const out = runCli(r.dir, 'install-hook');
    assert.strictEqual(out.code, 0, out.stderr);
    const hook = path.join(r.dir, '.git', 'hooks', 'pre-commit');
    assert.ok(fs.statSync(hook).mode & 0o100, 'executable');
    const t = fakeAuthToken();
    r.write('sms.js', `const authToken = '${t}';\n`).add('sms.js');
    const refused = commit(r, 'leak');
    assert.notStrictEqual(refused.code, 0);
    assert.ok(refused.output.includes(`sms.js:1:20  warning  Hardcoded Twilio Auth Token (…${t.slice(-4)})`), refused.output);
    assert.throws(() => r.git('rev-parse', '--verify', '-q', 'HEAD'), 'nothing was committed');
    r.write('sms.js', 'const authToken = process.env.TWILIO_AUTH_TOKEN;\n').add('sms.js');
    assert.strictEqual(commit(r, 'clean').code, 0);
  });

  it('is idempotent: a second install changes nothing', () => {
    const r = repo();
    assert.strictEqual(runCli(r.dir, 'install-hook').code, 0);
    const hook = path.join(r.dir, '.git', 'hooks', 'pre-commit');
    const before = fs.readFileSync(hook, 'utf8');
    const again = runCli(r.dir, 'install-hook');
    assert.strictEqual(again.code, 0);
    assert.match(again.stdout, /already installed/);
    assert.strictEqual(fs.readFileSync(hook, 'utf8'), before);
  });

  it('refuses to overwrite an existing hook, and with --chain keeps it and runs it first', () => {
    const r = repo();
    const hook = path.join(r.dir, '.git', 'hooks', 'pre-commit');
    const theirs = '#!/bin/sh\necho ran >> "$(git rev-parse --git-dir)/theirs-ran"\n';
    fs.writeFileSync(hook, theirs, { mode: 0o755 });
    const refused = runCli(r.dir, 'install-hook');
    assert.strictEqual(refused.code, 1);
    assert.match(refused.stderr, /already exists and is not ours.*--chain/);
    assert.strictEqual(fs.readFileSync(hook, 'utf8'), theirs, 'untouched');

    assert.strictEqual(runCli(r.dir, 'install-hook', '--chain').code, 0);
    assert.strictEqual(runCli(r.dir, 'install-hook', '--chain').code, 0, 'chaining twice is a no-op');
    assert.strictEqual(fs.readFileSync(path.join(r.dir, '.git', 'hooks', 'pre-commit.before-twilio-credentials'), 'utf8'), theirs);
    assert.ok(fs.readFileSync(hook, 'utf8').includes(HOOK_MARKER));
    r.write('sms.js', `const authToken = '${fakeAuthToken()}';\n`).add('sms.js');
    assert.notStrictEqual(commit(r, 'leak').code, 0);
    assert.strictEqual(fs.readFileSync(path.join(r.dir, '.git', 'theirs-ran'), 'utf8'), 'ran\n', 'their hook ran once, before ours');
  });

  it('writes where core.hooksPath points, and does not write through a symbolic link', async () => {
    const r = repo();
    r.git('config', 'core.hooksPath', 'tools/hooks');
    const res = await installHook({ cwd: r.dir, cliPath: buildCli(), nodePath: process.execPath });
    assert.deepStrictEqual(res, { status: 'installed', hookPath: path.join(r.dir, 'tools', 'hooks', 'pre-commit') });
    assert.ok(!fs.existsSync(path.join(r.dir, '.git', 'hooks', 'pre-commit')));

    const r2 = repo();
    const target = path.join(r2.dir, 'elsewhere.sh');
    fs.writeFileSync(target, 'keep\n');
    fs.symlinkSync(target, path.join(r2.dir, '.git', 'hooks', 'pre-commit'));
    assert.strictEqual((await installHook({ cwd: r2.dir })).status, 'exists');
    assert.strictEqual(fs.readFileSync(target, 'utf8'), 'keep\n');
  });

  it('says when it is not in a repository (exit 2)', () => {
    const dir = fs.mkdtempSync(path.join(fs.realpathSync(require('os').tmpdir()), 'tc-nogit-'));
    try {
      const out = runCli(dir, 'install-hook');
      assert.strictEqual(out.code, 2);
      assert.match(out.stderr, /not inside a git repository/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never follows a link planted at the old temporary name (pre-commit.<pid>.tmp), at the hook itself or at the kept hook\'s name', async () => {
    const r = repo();
    const hooks = path.join(r.dir, '.git', 'hooks');
    const victim = path.join(r.dir, '..', `${path.basename(r.dir)}-victim.txt`);
    fs.writeFileSync(victim, 'keep\n', { mode: 0o644 });
    after(() => fs.rmSync(victim, { force: true }));
    // Every name the old code could have used from this process, and its neighbours.
    for (let pid = process.pid - 2; pid <= process.pid + 2; pid++) fs.symlinkSync(victim, path.join(hooks, `pre-commit.${pid}.tmp`));
    const first = await installHook({ cwd: r.dir });
    assert.strictEqual(first.status, 'installed');
    const hook = path.join(hooks, 'pre-commit');
    assert.ok(fs.lstatSync(hook).isFile() && fs.readFileSync(hook, 'utf8').includes(HOOK_MARKER));
    assert.strictEqual(fs.readFileSync(victim, 'utf8'), 'keep\n');
    assert.strictEqual(fs.statSync(victim).mode & 0o777, 0o644, 'not made executable');
    assert.deepStrictEqual(fs.readdirSync(hooks).filter((n) => /^\.pre-commit\..*\.tmp$/.test(n)), [], 'no temporary file left');

    // A link at the hook's own name is someone else's arrangement: refused; chained, the link is
    // kept under the chained name (moved, not followed) and our hook is a new regular file.
    fs.rmSync(hook);
    fs.symlinkSync(victim, hook);
    assert.strictEqual((await installHook({ cwd: r.dir })).status, 'exists');
    assert.strictEqual((await installHook({ cwd: r.dir, chain: true })).status, 'chained');
    assert.ok(fs.lstatSync(path.join(hooks, 'pre-commit.before-twilio-credentials')).isSymbolicLink());
    assert.ok(fs.lstatSync(hook).isFile());
    assert.strictEqual(fs.readFileSync(victim, 'utf8'), 'keep\n');
    assert.strictEqual(fs.statSync(victim).mode & 0o777, 0o644);
  });

  it('refuses a hooks folder that is a symbolic link, or that core.hooksPath puts outside the repository, until the user confirms', async () => {
    const r = repo();
    const elsewhere = fs.mkdtempSync(path.join(path.dirname(r.dir), 'tc-elsewhere-'));
    after(() => fs.rmSync(elsewhere, { recursive: true, force: true }));
    // .git/hooks replaced by a link to a folder outside.
    const hooks = path.join(r.dir, '.git', 'hooks');
    fs.rmSync(hooks, { recursive: true, force: true });
    fs.symlinkSync(elsewhere, hooks);
    assert.deepStrictEqual(await installHook({ cwd: r.dir }), { status: 'external-hooks-dir', hooksDir: hooks, reason: 'link' });
    assert.deepStrictEqual(fs.readdirSync(elsewhere), [], 'nothing written');
    const cli = runCli(r.dir, 'install-hook');
    assert.strictEqual(cli.code, 1);
    assert.match(cli.stderr, /is a symbolic link.*nothing written.*--allow-external-hooks-dir/s);
    assert.deepStrictEqual(fs.readdirSync(elsewhere), []);
    const allowed = runCli(r.dir, 'install-hook', '--allow-external-hooks-dir');
    assert.strictEqual(allowed.code, 0, allowed.stderr);
    assert.deepStrictEqual(fs.readdirSync(elsewhere), ['pre-commit']);

    // core.hooksPath outside the repository, and one reached through a linked folder inside it.
    for (const hooksPath of [path.join(elsewhere, 'shared-hooks'), 'tools/hooks']) {
      const r2 = repo();
      fs.symlinkSync(elsewhere, path.join(r2.dir, 'tools'));
      r2.git('config', 'core.hooksPath', hooksPath);
      const res = await installHook({ cwd: r2.dir });
      assert.strictEqual(res.status, 'external-hooks-dir', hooksPath);
      assert.strictEqual(res.status === 'external-hooks-dir' && res.reason, 'outside');
      assert.ok(!fs.existsSync(path.join(elsewhere, 'shared-hooks')) && !fs.existsSync(path.join(elsewhere, 'hooks')), 'no folder made either');
      // The command line asks a terminal; "no" writes nothing, "yes" installs there.
      const asked: string[] = [];
      const io = (answer: boolean) => ({ cwd: r2.dir, stdout: () => undefined, stderr: () => undefined, confirm: async (q: string) => { asked.push(q); return answer; } });
      assert.strictEqual(await runInstallHook({ command: 'install-hook', chain: false, allowExternalHooksDir: false }, io(false)), 1);
      assert.match(asked[0], /lies outside this repository.*\[y\/N\]/);
      assert.strictEqual(await runInstallHook({ command: 'install-hook', chain: false, allowExternalHooksDir: false }, io(true)), 0);
      const written = path.join(fs.realpathSync(elsewhere), hooksPath === 'tools/hooks' ? 'hooks' : 'shared-hooks', 'pre-commit');
      assert.ok(fs.readFileSync(written, 'utf8').includes(HOOK_MARKER));
      fs.rmSync(path.dirname(written), { recursive: true });
    }
  });

  it('a hooks path inside the repository (core.hooksPath=.githooks) needs no confirmation', async () => {
    const r = repo();
    r.git('config', 'core.hooksPath', '.githooks');
    assert.strictEqual((await installHook({ cwd: r.dir })).status, 'installed');
  });
});
