// `scan --git`: every line a commit added, with the commit that first added it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fakeAccountSid, fakeAuthToken } from '../../support/fakeCredentials';
import { PatchStreamParser, logArgs, relativePathspecs, scanHistory, unquoteGitPath } from '../../../src/workspace/git/history';
import { fingerprint, scanText } from '../../../src/core/detection';
import { runCli, scratchRepos } from './repo';

interface Row { path: string; line: number; kind: string; severity: string; message: string; fingerprint: string; commit: string; authorDate: string; presentAtHead: boolean }

describe('scan --git (history)', function () {
  this.timeout(60_000);
  const repo = scratchRepos();

  it('reports a secret removed since with its first commit, author date and path; one still present as at HEAD', () => {
    const r = repo();
    const gone = fakeAuthToken(), kept = fakeAuthToken();
    r.write('src/sms.js', `// twilio\nconst a = 1;\nconst authToken = '${gone}';\n`).add('.');
    const first = r.commit('add sms', '2026-03-02T09:30:00+01:00');
    r.write('src/sms.js', '// twilio\nconst a = 1;\nconst authToken = process.env.TWILIO_AUTH_TOKEN;\n');
    r.commit('move the token out', '2026-03-05T10:00:00+00:00');
    r.write('config/app.yml', `twilio:\n  auth_token: ${kept}\n`).add('.');
    const second = r.commit('config', '2026-04-01T08:00:00+00:00');

    const out = runCli(r.dir, 'scan', '--git', '--json');
    assert.strictEqual(out.code, 1, out.stderr);
    const rows = (JSON.parse(out.stdout).findings as Row[]).map((f) => ({ path: f.path, line: f.line, kind: f.kind, fingerprint: f.fingerprint, commit: f.commit, date: f.authorDate, presentAtHead: f.presentAtHead }));
    assert.deepStrictEqual(rows, [
      { path: 'config/app.yml', line: 2, kind: 'twilio-auth-token', fingerprint: fingerprint(kept), commit: second, date: '2026-04-01T08:00:00+00:00', presentAtHead: true },
      { path: 'src/sms.js', line: 3, kind: 'twilio-auth-token', fingerprint: fingerprint(gone), commit: first, date: '2026-03-02T09:30:00+01:00', presentAtHead: false },
    ]);
    assert.ok(![gone, kept].some((t) => out.stdout.includes(t.slice(0, -4)) || out.stderr.includes(t.slice(0, -4))), 'no secret printed');

    const human = runCli(r.dir, 'scan', '--git');
    assert.ok(human.stdout.includes(`src/sms.js:3:20  warning  Hardcoded Twilio Auth Token (…${gone.slice(-4)})  (commit ${first.slice(0, 12)}, 2026-03-02T09:30:00+01:00, no longer at HEAD)`), human.stdout);
    assert.match(human.stderr, /2 hardcoded secrets in 2 files/);
  });

  it('de-duplicates by fingerprint, keeping the first commit that introduced the value', async () => {
    const r = repo();
    const t = fakeAuthToken();
    r.write('a.js', `const authToken = '${t}';\n`).add('.');
    const first = r.commit('one', '2026-01-01T00:00:00+00:00');
    r.write('b.js', `\n\nconst authToken = '${t}';\n`).add('.');
    r.commit('two', '2026-01-02T00:00:00+00:00');
    const res = await scanHistory({ cwd: r.dir, maxFileSize: 1 << 20, ignoreFingerprints: new Set(), includeNodeModules: false });
    assert.strictEqual(res.findings.length, 1);
    assert.strictEqual(res.findings[0].commit, first);
    assert.strictEqual(res.findings[0].path, 'a.js');
    assert.strictEqual(res.findings[0].finding.range.startLine, 0);
    assert.strictEqual(res.findings[0].presentAtHead, true);
  });

  it('judges an added line by the unchanged lines around it (the SID committed earlier) and numbers it in the committed file', async () => {
    const r = repo();
    const sid = fakeAccountSid(), t = fakeAuthToken();
    r.write('conf.json', `{\n  "sid": "${sid}",\n  "other": 1\n}\n`).add('.');
    r.commit('sid only');
    r.write('conf.json', `{\n  "sid": "${sid}",\n  "other": 1,\n  "value": "${t}"\n}\n`);
    const c2 = r.commit('token next to it');
    const res = await scanHistory({ cwd: r.dir, maxFileSize: 1 << 20, ignoreFingerprints: new Set(), includeNodeModules: false });
    const tok = res.findings.find((f) => f.finding.kind === 'twilio-auth-token');
    assert.ok(tok, JSON.stringify(res.findings.map((f) => f.finding.kind)));
    assert.strictEqual(tok.commit, c2);
    assert.strictEqual(tok.finding.range.startLine + 1, 4, 'line 4 of the committed file');
  });

  it('a value judged on weak evidence (beside a SID, no name) is reported alike by the editor, scan, --staged and --git', () => {
    const r = repo();
    const text = `{\n  "backup": {\n    "a": "${fakeAccountSid()}",\n    "b": "${fakeAuthToken()}"\n  }\n}\n`;
    const editor = scanText(text, { path: 'conf/creds.json' }).filter((f) => f.isSecret).map((f) => ({ line: f.range.startLine + 1, severity: f.severity, message: f.message }));
    assert.deepStrictEqual(editor.map((f) => f.severity), ['information']);
    r.write('conf/creds.json', text).add('.');
    const rows = (out: { stdout: string }) => (JSON.parse(out.stdout).findings as Row[]).filter((f) => f.kind === 'twilio-auth-token').map((f) => ({ line: f.line, severity: f.severity, message: f.message }));
    const staged = runCli(r.dir, 'scan', '--staged', '--json');
    assert.deepStrictEqual(rows(staged), editor, staged.stderr);
    r.commit('creds');
    assert.deepStrictEqual(rows(runCli(r.dir, 'scan', '--git', '--json')), editor);
    assert.deepStrictEqual(rows(runCli(r.dir, 'scan', '--json')), editor);
  });

  it('scans only the given range (a pull request\'s new commits)', () => {
    const r = repo();
    r.write('old.js', `const authToken = '${fakeAuthToken()}';\n`).add('.');
    r.commit('old');
    r.git('checkout', '-q', '-b', 'feature');
    const t = fakeAuthToken();
    r.write('new.js', `const authToken = '${t}';\n`).add('.');
    const head = r.commit('new');
    const out = runCli(r.dir, 'scan', '--git', 'main..feature', '--json');
    const rows = JSON.parse(out.stdout).findings as Row[];
    assert.deepStrictEqual(rows.map((f) => [f.path, f.commit]), [['new.js', head]]);
  });

  it('honours the ignore file and ignore comments, and takes no option disguised as a range', () => {
    const r = repo();
    const t = fakeAuthToken();
    r.write('a.js', `const authToken = '${t}'; // twilio-credentials-ignore\n`).write('b.js', `const authToken = '${fakeAuthToken()}';\n`).add('.');
    r.commit('c');
    r.write('.twilio-credentials-ignore', 'b.js\n');
    assert.strictEqual(runCli(r.dir, 'scan', '--git').code, 0);
    const target = path.join(os.tmpdir(), `tc-should-not-exist-${process.pid}`);
    const bad = runCli(r.dir, 'scan', `--git=--output=${target}`);
    assert.strictEqual(bad.code, 2, bad.stdout + bad.stderr);
    assert.match(bad.stderr, /not a revision range/);
    assert.ok(!fs.existsSync(target));
  });

  it('a .gitattributes that makes files "binary" (-diff, binary, a renamed one) hides nothing: their blobs are scanned whole; real binary files stay quiet', () => {
    const r = repo();
    r.write('README.md', 'app\n').add('.');
    const base = r.commit('base');
    const t1 = fakeAuthToken(), t2 = fakeAuthToken(), t3 = fakeAuthToken();
    r.write('.gitattributes', '*.js -diff\n*.py binary\n');
    r.write('src/sms.js', `// twilio\nconst authToken = '${t1}';\n`);
    r.write('src/a and b/x and b.py', `# twilio\nauth_token = "${t2}"\n`);
    r.write('logo.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), Buffer.from(`auth_token = "${fakeAuthToken()}"`)]));
    r.add('.');
    r.commit('pr');
    r.git('mv', 'src/sms.js', 'src/renamed.js');
    r.write('src/renamed.js', `// twilio\nconst authToken = '${t3}';\n`);
    r.commit('rename');
    const out = runCli(r.dir, 'scan', `--git=${base}..HEAD`, '--json');
    assert.strictEqual(out.code, 1, out.stderr);
    const rows = (JSON.parse(out.stdout).findings as Row[]).map((f) => [f.path, f.line, f.fingerprint]).sort();
    assert.deepStrictEqual(rows, [
      ['src/a and b/x and b.py', 2, fingerprint(t2)],
      ['src/renamed.js', 2, fingerprint(t3)],
      ['src/sms.js', 2, fingerprint(t1)],
    ].sort());
    assert.deepStrictEqual(JSON.parse(out.stdout).skipped, [], 'the real binary file is left quietly, as before');
  });

  it('parses the patch stream the same whatever the chunk boundaries, with quoted and spaced paths', () => {
    const t = 'a'.repeat(0) + fakeAuthToken();
    const patch = [
      '\x01' + 'c'.repeat(40) + ' 2026-03-02T00:00:00+00:00', '',
      'diff --git "a/tab\\tx.js" "b/tab\\tx.js"', 'new file mode 100644', 'index 0000000..1111111', '--- /dev/null', '+++ "b/tab\\tx.js"',
      '@@ -0,0 +1,2 @@', '+// twilio', `+const authToken = '${t}';`,
      'diff --git a/sp ace.js b/sp ace.js', 'index 1111111..2222222 100644', '--- a/sp ace.js', '+++ b/sp ace.js\t',
      '@@ -10,3 +10,3 @@ function x()', ' keep', '-gone', `+token = '${t}'`, '\\ No newline at end of file', ' keep2',
      'diff --git a/del.js b/del.js', 'deleted file mode 100644', '--- a/del.js', '+++ /dev/null', '@@ -1 +0,0 @@', '-x', '',
    ].join('\n');
    const collect = (chunks: string[]): string[] => {
      const seen: string[] = [];
      const p = new PatchStreamParser(1 << 20, (_c, _d, f) => seen.push(`${f.repoPath}|${f.lineNos.join(',')}|${f.added.map(Number).join('')}|${f.lines.join('/')}`), () => true);
      chunks.forEach((c) => p.push(c));
      p.end();
      return seen;
    };
    const whole = collect([patch]);
    assert.deepStrictEqual(whole, [
      `tab\tx.js|1,2|11|// twilio/const authToken = '${t}';`,
      `sp ace.js|10,11,12|010|keep/token = '${t}'/keep2`,
    ]);
    assert.deepStrictEqual(collect([...patch]), whole, 'one character at a time');
    assert.strictEqual(unquoteGitPath('"b/\\303\\251\\"q\\".js"'), 'b/é"q".js');
  });
});

describe('reading git log -p output', () => {
  type Seen = { commit: string; date: string; path: string; lineNos: number[]; added: boolean[]; lines: string[]; tooLarge: boolean };
  const read = (patch: string, maxChars = 1 << 20): { files: Seen[]; commits: number } => {
    const files: Seen[] = [];
    const p = new PatchStreamParser(maxChars, (commit, date, f) => files.push({ commit, date, path: f.repoPath, lineNos: f.lineNos, added: f.added, lines: f.lines, tooLarge: f.tooLarge }), () => true);
    p.push(patch);
    p.end();
    return { files, commits: p.commits };
  };
  const c1 = '1'.repeat(40), c2 = '2'.repeat(40);
  const header = (c: string, date: string) => `\x01${c} ${date}\n\n`;
  const diff = (file: string) => `diff --git a/${file} b/${file}\nindex 1111111..2222222 100644\n--- a/${file}\n+++ b/${file}\n`;

  it('gives each file its commit and author date, and counts the commits', () => {
    const r = read(header(c1, '2026-03-02T10:04:05+01:00') + diff('a.js') + '@@ -1 +1 @@\n-old\n+new\n' + header(c2, '2026-04-01T08:00:00+00:00') + diff('b.js') + '@@ -0,0 +1 @@\n+x\n');
    assert.deepStrictEqual(r.files.map((f) => [f.commit, f.date, f.path, f.lines.join('/')]), [
      [c1, '2026-03-02T10:04:05+01:00', 'a.js', 'new'],
      [c2, '2026-04-01T08:00:00+00:00', 'b.js', 'x'],
    ]);
    assert.strictEqual(r.commits, 2);
  });

  it('keeps the hunks of one file apart, numbered in the committed file, whatever the counts\' digits', () => {
    const many = Array.from({ length: 12 }, (_, i) => ` c${i}`).join('\n');
    const r = read(header(c1, 'd') + diff('a.js') + '@@ -1,2 +1,3 @@\n a\n+b\n c\n@@ -20,12 +21,13 @@ fn\n' + many.replace(' c0', '+n\n c0') + '\n');
    const [f] = r.files;
    assert.deepStrictEqual(f.lineNos, [1, 2, 3, 0, 21, ...Array.from({ length: 12 }, (_, i) => 22 + i)]);
    assert.deepStrictEqual(f.added.map(Number).join(''), '01001' + '0'.repeat(12));
    assert.strictEqual(f.lines[3], '', 'a blank line between the hunks');
  });

  it('reads a hunk header that leaves out the old count', () => {
    const [f] = read(header(c1, 'd') + diff('a.js') + '@@ -3 +3,2 @@\n keep\n+added\n').files;
    assert.deepStrictEqual([f.lineNos, f.lines], [[3, 4], ['keep', 'added']]);
  });

  it('reports no file for a commit that only removes lines, or deletes the file', () => {
    const r = read(header(c1, 'd') + diff('a.js') + '@@ -1,2 +1 @@\n keep\n-gone\n' + 'diff --git a/b.js b/b.js\ndeleted file mode 100644\n--- a/b.js\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n');
    assert.deepStrictEqual(r.files, []);
  });

  it('marks a file over the size limit as too large, without its text', () => {
    const [f] = read(header(c1, 'd') + diff('big.js') + '@@ -0,0 +1,3 @@\n+0123456789\n+0123456789\n+0123456789\n', 25).files;
    assert.deepStrictEqual([f.path, f.tooLarge, f.lines, f.lineNos, f.added], ['big.js', true, [], [], []]);
    const [small] = read(header(c1, 'd') + diff('ok.js') + '@@ -0,0 +1,2 @@\n+0123456789\n+0123456789\n', 22).files;
    assert.deepStrictEqual([small.tooLarge, small.lines.length], [false, 2], 'exactly at the limit is read');
  });

  it('reads all refs unless given ranges, which are never taken for options', () => {
    const tail = (args: string[]) => args.slice(args.indexOf('--format=%x01%H %aI') + 1);
    assert.deepStrictEqual(tail(logArgs({})), ['--all', '--end-of-options', '--']);
    assert.deepStrictEqual(tail(logArgs({ revisions: [], pathspecs: ['a.js'] })), ['--all', '--end-of-options', '--', 'a.js']);
    assert.deepStrictEqual(tail(logArgs({ revisions: ['main..HEAD', 'v1'], follow: true, pathspecs: [':(literal)a.js'] })), ['--follow', '--end-of-options', 'main..HEAD', 'v1', '--', ':(literal)a.js']);
    assert.throws(() => logArgs({ revisions: ['--output=x'] }), { message: 'not a revision range: --output=x' });
    assert.doesNotThrow(() => logArgs({ revisions: ['--all'] }));
  });

  it('turns paths into literal pathspecs relative to where git runs', () => {
    assert.deepStrictEqual(relativePathspecs('/repo/sub', ['/repo/sub/a b.js', '/repo/sub', '*.js']), [':(literal)a b.js', '.', ':(literal)*.js']);
    assert.deepStrictEqual(relativePathspecs('/repo', undefined), []);
  });
});
