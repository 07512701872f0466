// `scan --git BASE..TIP` reads suppressions from git's objects at BASE: the same limits and parsing
// as from disk, regular files only, nothing from the working tree (the tip).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { fakeAuthToken } from '../../support/fakeCredentials';
import { fingerprint } from '../../../src/core/detection';
import { rangeEnds, readAtCommit } from '../../../src/workspace/git/revisions';
import { appendSummary } from '../../../src/cli/summary';
import { runCli, scratchRepos } from './repo';

describe('reading a range\'s base (scan --git BASE..TIP)', function () {
  this.timeout(60_000);
  const repo = scratchRepos();

  it('reads the ignore file and the baseline at the base, not from the working tree; a missing file suppresses nothing', () => {
    const r = repo();
    const accepted = fakeAuthToken(), added = fakeAuthToken();
    r.write('.twilio-credentials-ignore', `${fingerprint(accepted)}\n`).write('README.md', 'x\n').add('.');
    const base = r.commit('base');
    r.write('src/a.js', `// twilio\nconst authToken = '${accepted}';\n`).write('src/b.js', `// twilio\nconst authToken = '${added}';\n`).add('.');
    r.commit('pr');
    // The working tree (the tip, or anything a job wrote) says otherwise: it does not count.
    r.write('.twilio-credentials-ignore', `${fingerprint(accepted)}\n${fingerprint(added)}\n**\n`);
    const out = runCli(r.dir, 'scan', `--git=${base}..HEAD`, '--json', '--baseline', 'missing-at-base.json');
    assert.strictEqual(out.code, 1, out.stderr);
    assert.deepStrictEqual(JSON.parse(out.stdout).findings.map((f: { path: string }) => f.path), ['src/b.js']);
    // Bare --git (no base) keeps reading the working tree, as before.
    assert.strictEqual(runCli(r.dir, 'scan', '--git').code, 0);
  });

  it('an ignore file that is a symbolic link or over 1 MiB at the base is not used (and said so)', async () => {
    const r = repo();
    fs.symlinkSync('/etc/passwd', path.join(r.dir, '.twilio-credentials-ignore'));
    r.write('big/.twilio-credentials-ignore', '# x\n'.repeat(300_000)).add('.');
    const base = r.commit('base');
    r.write('big/a.js', `// twilio\nconst authToken = '${fakeAuthToken()}';\n`).add('.');
    r.commit('pr');
    const out = runCli(r.dir, 'scan', `--git=${base}..HEAD`, '.', 'big');
    assert.strictEqual(out.code, 1);
    assert.match(out.stderr, /\.twilio-credentials-ignore at [0-9a-f]{12}: not a regular file; not used/);
    assert.match(out.stderr, /big\/\.twilio-credentials-ignore at [0-9a-f]{12}: larger than 1048576 bytes; not used/);
    assert.deepStrictEqual(await readAtCommit(r.dir, base, '.twilio-credentials-ignore', 1 << 20), { exists: true, refused: 'not-regular' });
    assert.deepStrictEqual(await readAtCommit(r.dir, base, 'nope', 1 << 20), { exists: false });
    const ends = await rangeEnds(r.dir, [`${base}..HEAD`]);
    assert.strictEqual(ends?.base, base);
  });

  it('--summary-file is appended to, never through a link at its name', () => {
    const r = repo();
    const victim = path.join(r.dir, 'victim.txt');
    fs.writeFileSync(victim, 'keep\n');
    fs.symlinkSync(victim, path.join(r.dir, 'summary.md'));
    assert.throws(() => appendSummary(path.join(r.dir, 'summary.md'), 'x'), /ELOOP/);
    assert.strictEqual(fs.readFileSync(victim, 'utf8'), 'keep\n');
    appendSummary(path.join(r.dir, 'real.md'), 'a\n');
    appendSummary(path.join(r.dir, 'real.md'), 'b\n');
    assert.strictEqual(fs.readFileSync(path.join(r.dir, 'real.md'), 'utf8'), 'a\nb\n');
  });
});
