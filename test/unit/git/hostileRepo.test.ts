// Git runs nothing the repository chose. A hostile repository's own configuration (.git/config:
// a checkout from an archive, a shared folder) names programs in every setting git would run for
// the commands we use: core.fsmonitor, hooks (core.hooksPath), diff.external and diff drivers,
// textconv, clean/smudge/process filters, pagers, gpg.program, and the transports a partial
// clone's lazy fetch would start (core.sshCommand, ext::, core.gitProxy). Each program writes a
// marker file when run. Every git mode of the CLI and every git helper of the editor then runs
// against the repository: no marker may appear.
//
// The plants are shown to be live first (the controls): plain git, asked the same kind of thing,
// runs them. So a pass means our runner switched them off, not that the plants were inert. (Pagers
// run only on a terminal, credential helpers and askpass only for a transport that asks: they
// are planted too, with no control.)
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fakeAuthToken } from '../../support/fakeCredentials';
import { FirstCommitIndex } from '../../../src/workspace/git/firstCommit';
import { gitFileStatus, gitUntrack } from '../../../src/workspace/git/fileStatus';
import { installHook } from '../../../src/workspace/git/hooks';
import { gitArgs } from '../../../src/workspace/git/run';
import { Repo, gitEnv, runCli } from './repo';

/** Hooks git may run for any command that writes the index or refs, or cleans up. */
const HOOKS = ['post-index-change', 'reference-transaction', 'pre-auto-gc', 'post-checkout', 'post-rewrite', 'fsmonitor-watchman'];

class Hostile {
  readonly markers: string;
  readonly bin: string;
  constructor(readonly root: string) {
    this.markers = path.join(root, 'markers');
    this.bin = path.join(root, 'bin');
    fs.mkdirSync(this.markers);
    fs.mkdirSync(this.bin);
  }
  /** A program that leaves a marker named `name`, passes stdin through (filters, unless `transport`) and exits `code`. */
  program(name: string, code = 0, transport = false): string {
    const p = path.join(this.bin, name);
    fs.writeFileSync(p, `#!/bin/sh\ntouch '${path.join(this.markers, name)}'\n${transport ? '' : 'cat 2>/dev/null\n'}exit ${code}\n`, { mode: 0o755 });
    return p;
  }
  seen(): string[] {
    return fs.readdirSync(this.markers).sort();
  }
  clear(): void {
    for (const m of fs.readdirSync(this.markers)) fs.rmSync(path.join(this.markers, m));
  }
}

/** Plain git as a user would run it (repository config honoured), for the controls. */
function plainGit(cwd: string, args: string[], input?: string): void {
  spawnSync('git', args, { cwd, env: gitEnv(), input, encoding: 'utf8', timeout: 30_000 });
}

describe('a hostile repository\'s configuration runs no program in any git mode', function () {
  this.timeout(180_000);
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tc-hostile-')));
  const h = new Hostile(root);
  let repo: Repo;
  let base = '';
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  before(() => {
    repo = new Repo('tc-hostile-repo-');
    repo.write('.gitattributes', '* filter=evil diff=evil\n');
    repo.write('.twilio-credentials-ignore', '# accepted values\n');
    repo.write('src/old.js', `// twilio\nconst authToken = '${fakeAuthToken()}';\n`);
    repo.add('.');
    base = repo.commit('base');
    repo.write('src/sms.js', `// twilio\nconst authToken = '${fakeAuthToken()}';\n`);
    repo.write('.env', `TWILIO_AUTH_TOKEN=${fakeAuthToken()}\n`);
    repo.add('.');
    repo.commit('feature');
    // A commit carrying a signature, so that log.showSignature has something to verify.
    const head = repo.git('cat-file', 'commit', 'HEAD');
    const signed = head.replace(/\n\n/, '\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n AAAA\n -----END PGP SIGNATURE-----\n\n');
    const oid = execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], { cwd: repo.dir, input: signed, env: gitEnv(), encoding: 'utf8' }).trim();
    repo.git('update-ref', 'refs/heads/main', oid);
    // Staged and working changes for --staged and the working-tree scan.
    repo.write('src/staged.js', `// twilio\nconst authToken = '${fakeAuthToken()}';\n`).add('src/staged.js');
    repo.write('src/sms.js', `// twilio\nconst authToken = '${fakeAuthToken()}'; // changed\n`);

    const hooks = path.join(root, 'hooks');
    fs.mkdirSync(hooks);
    for (const name of HOOKS) fs.copyFileSync(h.program(`hook-${name}`), path.join(hooks, name));
    const config: [string, string][] = [
      ['core.fsmonitor', h.program('fsmonitor')],
      ['core.hooksPath', hooks],
      ['diff.external', h.program('diff-external')],
      ['diff.evil.command', h.program('diff-driver-command')],
      ['diff.evil.textconv', h.program('textconv')],
      ['filter.evil.clean', h.program('filter-clean')],
      ['filter.evil.smudge', h.program('filter-smudge')],
      ['filter.evil.process', h.program('filter-process', 1)],
      ['core.pager', h.program('core-pager')],
      ['pager.log', h.program('pager-log')],
      ['pager.diff', h.program('pager-diff')],
      ['pager.grep', h.program('pager-grep')],
      ['gpg.program', h.program('gpg', 1)],
      ['log.showSignature', 'true'],
      ['credential.helper', h.program('credential-helper')],
      ['core.askPass', h.program('askpass')],
      ['core.alternateRefsCommand', h.program('alternate-refs')],
    ];
    for (const [k, v] of config) repo.git('config', k, v);
  });

  afterEach(() => h.clear());

  it('the plants are live: plain git runs them (fsmonitor, hooks, filter process, textconv, diff driver, gpg)', () => {
    plainGit(repo.dir, ['status']);
    plainGit(repo.dir, ['log', '-p', '-1']);
    plainGit(repo.dir, ['diff', 'HEAD~1', 'HEAD']);
    plainGit(repo.dir, ['rm', '--cached', '-q', 'src/sms.js']);
    plainGit(repo.dir, ['reset', '-q']);
    const seen = h.seen();
    // (A filter's `process` outranks its clean/smudge, a driver's command outranks diff.external.)
    for (const m of ['fsmonitor', 'hook-post-index-change', 'filter-process', 'textconv', 'diff-driver-command', 'gpg']) {
      assert.ok(seen.includes(m), `control: plain git ran ${m} (seen: ${seen.join(', ')})`);
    }
  });

  it('scan (working tree, with its env-file question to git), --staged, --git, --git BASE..HEAD, install-hook: no marker', () => {
    // The controls above staged/unstaged through the hostile config: put the index back as the test wants it.
    const off = ['-c', 'core.fsmonitor=false', '-c', `core.hooksPath=${root}/none`, '-c', 'filter.evil.clean=', '-c', 'filter.evil.smudge=', '-c', 'filter.evil.process='];
    repo.git(...off, 'reset', '-q');
    repo.git(...off, 'add', 'src/staged.js');
    h.clear();
    const runs = [
      runCli(repo.dir, 'scan'),
      runCli(repo.dir, 'scan', '--staged'),
      runCli(repo.dir, 'scan', '--git'),
      runCli(repo.dir, 'scan', `--git=${base}..HEAD`, '--format', 'sarif'),
      runCli(repo.dir, 'scan', `--git=${base}...HEAD`),
      runCli(repo.dir, 'install-hook', '--allow-external-hooks-dir'),
    ];
    assert.deepStrictEqual(h.seen(), [], runs.map((r) => r.stderr).join('\n'));
    assert.deepStrictEqual(runs.slice(0, 5).map((r) => r.code), [1, 1, 1, 1, 1], 'each mode still finds the secrets');
    assert.strictEqual(runs[5].code, 0, runs[5].stderr);
    // install-hook wrote into the repository's chosen folder (confirmed), and ran no hook doing it.
    assert.ok(fs.readFileSync(path.join(root, 'hooks', 'pre-commit'), 'utf8').includes('twilio-credentials'));
  });

  it('the editor\'s git helpers (first-commit lookups, tracked status, untrack, install-hook): no marker', async () => {
    const index = new FirstCommitIndex(0);
    await index.forFile(path.join(repo.dir, 'src', 'sms.js'));
    index.dispose();
    assert.deepStrictEqual(h.seen(), [], 'first commit');
    await gitFileStatus(path.join(repo.dir, '.env'));
    assert.deepStrictEqual(h.seen(), [], 'status');
    // Writing the index compares "racily clean" entries with their files, through the filters:
    // an index older than its entries makes every entry racy. Control: plain git runs the filter.
    const racy = (): void => fs.utimesSync(path.join(repo.dir, '.git', 'index'), 1000, 1000);
    racy();
    plainGit(repo.dir, ['-c', 'core.fsmonitor=false', 'update-index', '--force-remove', '--', 'src/old.js']);
    assert.ok(h.seen().some((m) => m.startsWith('filter-')), `control: writing the index ran a filter (${h.seen().join(', ')})`);
    repo.git('-c', 'core.fsmonitor=false', '-c', `core.hooksPath=${root}/none`, '-c', 'filter.evil.process=', '-c', 'filter.evil.clean=', 'reset', '-q', '--', 'src/old.js');
    h.clear();
    racy();
    assert.strictEqual(await gitUntrack(path.join(repo.dir, '.env')), undefined);
    assert.deepStrictEqual(h.seen(), [], 'untrack');
    assert.match(repo.git('-c', 'core.fsmonitor=false', 'status', '--porcelain', '--untracked-files=no', '--', '.env'), /^D {2}\.env/m, 'untracked, kept on disk');
    assert.ok(fs.existsSync(path.join(repo.dir, '.env')));
    const r = await installHook({ cwd: repo.dir });
    assert.strictEqual(r.status, 'external-hooks-dir', 'the hooks folder lies outside the repository: not written without the user');
    assert.deepStrictEqual(h.seen(), []);
  });

  it('every call gets the overrides, in one place (run.ts), and refuses options that would run a filter', () => {
    const args = gitArgs(['cat-file', '--batch']);
    for (const pair of ['core.fsmonitor=false', `core.hooksPath=/dev/null`, 'protocol.allow=never', 'credential.helper=', 'log.showSignature=false']) {
      assert.ok(args.includes(pair), pair);
    }
    assert.ok(args.includes('--no-pager'));
    assert.deepStrictEqual(gitArgs(['log', '-p']).slice(-6), ['log', '--no-ext-diff', '--no-textconv', '--no-show-signature', '--no-color', '-p']);
    assert.throws(() => gitArgs(['cat-file', '--filters', 'HEAD:x']), /not allowed/);
    assert.throws(() => gitArgs(['grep', '-Oless', 'x']), /not allowed/);
    assert.throws(() => gitArgs(['fetch', 'origin']), /not vetted/);
    assert.throws(() => gitArgs(['-c', 'core.pager=x', 'log']), /global option not allowed/);
    assert.throws(() => gitArgs(['update-index', '--force-remove', '--', 'x']), /writes the index/, 'an index write without the filter overrides cannot start');
    assert.throws(() => gitArgs(['config', '--edit']), /not allowed/);
  });
});

describe('a partial clone\'s lazy fetch starts no transport the repository names', function () {
  this.timeout(180_000);
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tc-promisor-')));
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  /** A clone whose blobs are missing, fetched on demand from `url` (a promisor remote). */
  function partialClone(name: string, url: string, config: [string, string][]): string {
    const origin = path.join(root, `${name}-origin`);
    execFileSync('git', ['init', '-q', '-b', 'main', origin], { env: gitEnv() });
    fs.writeFileSync(path.join(origin, 'sms.js'), `// twilio\nconst authToken = '${fakeAuthToken()}';\n`);
    execFileSync('git', ['add', '.'], { cwd: origin, env: gitEnv() });
    execFileSync('git', ['commit', '-qm', 'one'], { cwd: origin, env: gitEnv() });
    execFileSync('git', ['config', 'uploadpack.allowFilter', 'true'], { cwd: origin, env: gitEnv() });
    const clone = path.join(root, name);
    execFileSync('git', ['clone', '-q', '--no-local', '--no-checkout', '--filter=blob:none', `file://${origin}`, clone], { env: gitEnv(), stdio: 'pipe' });
    execFileSync('git', ['config', 'remote.origin.url', url], { cwd: clone, env: gitEnv() });
    for (const [k, v] of config) execFileSync('git', ['config', k, v], { cwd: clone, env: gitEnv() });
    return clone;
  }

  for (const [name, makeUrl, makeConfig] of [
    ['ssh', () => 'ssh://example.invalid/x.git', (h: Hostile) => [['core.sshCommand', h.program('ssh-command', 1, true)]]],
    ['ext', (h: Hostile) => `ext::${h.program('ext-transport', 1, true)} %S`, () => [['protocol.ext.allow', 'always']]],
    ['git-proxy', () => 'git://example.invalid/x.git', (h: Hostile) => [['core.gitProxy', h.program('git-proxy', 1, true)]]],
  ] as [string, (h: Hostile) => string, (h: Hostile) => [string, string][]][]) {
    it(`${name}: plain git runs it for a missing blob; scan --git does not (and says it cannot read the history)`, () => {
      const h = new Hostile(fs.mkdtempSync(path.join(root, `${name}-h-`)));
      const clone = partialClone(name, makeUrl(h), makeConfig(h));
      const blob = execFileSync('git', ['rev-parse', 'HEAD:sms.js'], { cwd: clone, env: gitEnv(), encoding: 'utf8' }).trim();
      plainGit(clone, ['cat-file', '--batch'], blob + '\n');
      assert.ok(h.seen().length > 0, `control: plain git ran the ${name} transport`);
      h.clear();
      const r = runCli(clone, 'scan', '--git');
      assert.deepStrictEqual(h.seen(), [], r.stderr);
      assert.strictEqual(r.code, 2, 'the history cannot be read without fetching: an error, not a silent pass');
    });
  }
});
