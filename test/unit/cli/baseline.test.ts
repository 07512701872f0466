// Baselines: accept today's findings, fail only on new ones. The file holds fingerprints, never values.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { fingerprint } from '../../../src/core/detection';
import { MAX_BASELINE_BYTES, formatBaseline, parseBaseline, readBaselineFile, writeBaselineFile } from '../../../src/cli/baseline';
import { ReportedFinding } from '../../../src/cli/output';
import { Trees, Values, json, runCli } from './harness';

describe('twilio-credentials scan --baseline / --write-baseline', () => {
  const trees = new Trees();
  const v = new Values(1214);
  after(() => trees.cleanup());

  it('round trip: write a baseline, then only new findings are reported and fail', async () => {
    const old1 = v.token(), old2 = v.secret(), sid = v.accountSid();
    const d = trees.make({
      'src/a.py': `auth_token = "${old1}"\n`,
      'src/b.yml': `twilio:\n  account_sid: ${sid}\n  api_secret: ${old2}\n`,
    });
    const write = await runCli(d, ['scan', '--write-baseline', 'baseline.json']);
    assert.strictEqual(write.code, 0, 'writing a baseline accepts what is there');
    assert.match(write.stderr, /wrote 3 findings to baseline\.json/);
    const text = fs.readFileSync(path.join(d, 'baseline.json'), 'utf8');
    for (const value of [old1, old2]) assert.ok(!text.includes(value) && !text.includes(value.slice(0, -4)), 'no value in the baseline');
    const file = JSON.parse(text);
    assert.deepStrictEqual(file.findings, [
      { fingerprint: fingerprint(old1), path: 'src/a.py', kind: 'twilio-auth-token', line: 1 },
      { fingerprint: fingerprint(sid), path: 'src/b.yml', kind: 'twilio-account-sid', line: 2 },
      { fingerprint: fingerprint(old2), path: 'src/b.yml', kind: 'twilio-api-key-secret', line: 3 },
    ]);

    const clean = await runCli(d, ['scan', '--baseline', 'baseline.json']);
    assert.strictEqual(clean.code, 0);
    assert.strictEqual(clean.stdout, '');
    assert.match(clean.stderr, /0 hardcoded secrets in 0 files \(3 files scanned, 3 in the baseline not shown\)/);

    // Lines move: still the same accepted finding. A new secret, and an old one copied to another file, are new.
    const fresh = v.token();
    fs.writeFileSync(path.join(d, 'src/a.py'), `# moved down\n\nauth_token = "${old1}"\nauth_token_2 = "${fresh}"\n`);
    fs.writeFileSync(path.join(d, 'src/c.py'), `auth_token = "${old1}"\n`);
    const after1 = await runCli(d, ['scan', '--baseline', 'baseline.json', '--json']);
    assert.strictEqual(after1.code, 1);
    assert.deepStrictEqual(json(after1).findings.map((f) => `${f.path}:${f.line} ${f.fingerprint}`), [
      `src/a.py:4 ${fingerprint(fresh)}`,
      `src/c.py:1 ${fingerprint(old1)}`,
    ]);
  });

  it('regenerating on an unchanged tree gives the same bytes, sorted whatever the input order', async () => {
    const d = trees.make({ 'z.py': `auth_token = "${v.token()}"\n`, 'a/b.py': `auth_token = "${v.token()}"\nsid = "${v.accountSid()}"\n` });
    await runCli(d, ['scan', '--write-baseline', 'one.json']);
    await runCli(d, ['scan', 'z.py', 'a', '--write-baseline', 'two.json']);
    assert.strictEqual(fs.readFileSync(path.join(d, 'one.json'), 'utf8'), fs.readFileSync(path.join(d, 'two.json'), 'utf8'));
    const f = (p: string, line: number, fp: string): ReportedFinding => ({ path: p, line, column: 1, endLine: line, endColumn: 2, kind: 'twilio-auth-token', severity: 'warning', message: 'm', fingerprint: fp });
    const items = [f('b', 2, 'tc1:0000000000000002'), f('a', 9, 'tc1:0000000000000001'), f('b', 1, 'tc1:0000000000000003')];
    assert.strictEqual(formatBaseline(items), formatBaseline([...items].reverse()));
    assert.ok(formatBaseline(items).endsWith('}\n'));
  });

  it('a baseline file that is missing, not JSON or not ours is a usage error (exit 2), never "no baseline"', async () => {
    const d = trees.make({ 'a.py': `auth_token = "${v.token()}"\n`, 'bad.json': '{nope', 'other.json': '{"findings": []}' });
    for (const file of ['missing.json', 'bad.json', 'other.json']) {
      const r = await runCli(d, ['scan', '--baseline', file]);
      assert.strictEqual(r.code, 2, file);
      assert.match(r.stderr, new RegExp(`cannot use baseline ${file.replace('.', '\\.')}`));
    }
    assert.throws(() => parseBaseline(JSON.stringify({ tool: 'twilio-credentials', version: 1, findings: [{ fingerprint: 'abc', path: 'a' }] })), /entry 1/);
  });

  it('--write-baseline replaces a symbolic link at its path, never writing through it', async () => {
    const outside = trees.make({ 'precious.txt': 'keep me\n' });
    const d = trees.make({ 'a.py': `auth_token = "${v.token()}"\n` });
    fs.symlinkSync(path.join(outside, 'precious.txt'), path.join(d, 'baseline.json'));
    const r = await runCli(d, ['scan', '--write-baseline', 'baseline.json']);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(fs.readFileSync(path.join(outside, 'precious.txt'), 'utf8'), 'keep me\n');
    assert.ok(fs.lstatSync(path.join(d, 'baseline.json')).isFile());
    assert.strictEqual(parseBaseline(fs.readFileSync(path.join(d, 'baseline.json'), 'utf8')).size, 1);
    assert.deepStrictEqual(fs.readdirSync(d).sort(), ['a.py', 'baseline.json'], 'no temporary file left');
  });

  it('--baseline refuses a device (a link to /dev/zero) without reading it, and never quotes the file', async function () {
    const t = v.token();
    const d = trees.make({ 'a.py': `auth_token = "${v.token()}"\n`, '.env': `TWILIO_AUTH_TOKEN=${t}\n` });
    fs.symlinkSync('/dev/zero', path.join(d, 'zero.json'));
    fs.symlinkSync('.env', path.join(d, 'env.json'));
    const zero = await runCli(d, ['scan', '--baseline', 'zero.json']);
    assert.strictEqual(zero.code, 2);
    assert.match(zero.stderr, /cannot use baseline zero\.json: not a regular file/);
    const env = await runCli(d, ['scan', '--baseline', 'env.json']);
    assert.strictEqual(env.code, 2);
    assert.match(env.stderr, /cannot use baseline env\.json: not JSON\n/);
    assert.ok(!env.stderr.includes(t.slice(0, 8)) && !env.stderr.includes('TWILIO_AUTH_TOKEN'), 'the file is not quoted');
  });

  it('works with the json and sarif formats (sarif marks new results new, and keeps baseline ones as unchanged and suppressed)', async () => {
    const d = trees.make({ 'a.py': `auth_token = "${v.token()}"\n` });
    await runCli(d, ['scan', '--write-baseline', 'b.json']);
    fs.writeFileSync(path.join(d, 'n.py'), `auth_token = "${v.token()}"\n`);
    const s = await runCli(d, ['scan', '--baseline', 'b.json', '--format', 'sarif']);
    assert.strictEqual(s.code, 1);
    type R = { baselineState: string; suppressions?: { kind: string; status: string; justification: string }[]; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> };
    const results = JSON.parse(s.stdout).runs[0].results as R[];
    assert.deepStrictEqual(results.map((r) => [r.locations[0].physicalLocation.artifactLocation.uri, r.baselineState, r.suppressions]), [
      ['a.py', 'unchanged', [{ kind: 'external', status: 'accepted', justification: 'listed in the baseline b.json' }]],
      ['n.py', 'new', undefined],
    ]);
    const j = await runCli(d, ['scan', '--baseline', 'b.json', '--json']);
    assert.deepStrictEqual(json(j).findings.map((f) => f.path), ['n.py'], 'json lists what fails, as before');
  });
});

describe('baseline files, read and written', () => {
  const trees = new Trees();
  after(() => trees.cleanup());
  const finding = (p: string, line: number, kind: string, fp: string): ReportedFinding => ({ path: p, line, column: 1, endLine: line, endColumn: 2, kind, severity: 'warning', message: 'm', fingerprint: fp });
  const valid = (findings: unknown[]) => JSON.stringify({ tool: 'twilio-credentials', version: 1, findings });

  it('says what the file is for, and lists each finding once, by path, line, kind and fingerprint', () => {
    const items = [
      finding('b.py', 2, 'twilio-auth-token', 'tc1:0000000000000002'),
      finding('a.py', 9, 'twilio-auth-token', 'tc1:0000000000000001'),
      finding('b.py', 1, 'twilio-auth-token', 'tc1:0000000000000004'),
      finding('b.py', 1, 'twilio-auth-token', 'tc1:0000000000000003'),
      finding('b.py', 1, 'twilio-account-sid', 'tc1:0000000000000005'),
      finding('a.py', 9, 'twilio-auth-token', 'tc1:0000000000000001'),
    ];
    const file = JSON.parse(formatBaseline(items));
    assert.deepStrictEqual([file.tool, file.version, file.comment], [
      'twilio-credentials',
      1,
      'Findings accepted by twilio-credentials scan --baseline: fingerprints of values (never the values), with path, kind and line for review. Regenerate with --write-baseline.',
    ]);
    assert.deepStrictEqual(file.findings.map((e: { path: string; line: number; kind: string; fingerprint: string }) => `${e.path}:${e.line} ${e.kind} ${e.fingerprint}`), [
      'a.py:9 twilio-auth-token tc1:0000000000000001',
      'b.py:1 twilio-account-sid tc1:0000000000000005',
      'b.py:1 twilio-auth-token tc1:0000000000000003',
      'b.py:1 twilio-auth-token tc1:0000000000000004',
      'b.py:2 twilio-auth-token tc1:0000000000000002',
    ]);
  });

  it('matches a finding by its value\'s fingerprint in the same file', () => {
    const b = parseBaseline(valid([{ fingerprint: 'tc1:00000000000000aa', path: 'a.py', kind: 'twilio-auth-token', line: 3 }]));
    assert.strictEqual(b.size, 1);
    assert.strictEqual(b.has(finding('a.py', 40, 'twilio-auth-token', 'tc1:00000000000000aa')), true, 'lines may move');
    assert.strictEqual(b.has(finding('b.py', 3, 'twilio-auth-token', 'tc1:00000000000000aa')), false, 'another file');
    assert.strictEqual(b.has(finding('a.py', 3, 'twilio-auth-token', 'tc1:00000000000000bb')), false, 'another value');
  });

  it('tells what is wrong with a file that is not a baseline', () => {
    const notOurs = 'not a twilio-credentials baseline (expected {"tool": "twilio-credentials", "findings": [...]})';
    for (const text of ['null', '[]', '"baseline"', '{"findings": []}', '{"tool": "other", "findings": []}', '{"tool": "twilio-credentials"}', '{"tool": "twilio-credentials", "findings": {}}']) {
      assert.throws(() => parseBaseline(text), { message: notOurs }, text);
    }
    assert.throws(() => parseBaseline('{"tool": "twilio-credentials", "version": 2, "findings": []}'), { message: 'baseline version 2 is not supported (expected 1)' });
    assert.throws(() => parseBaseline('{"tool": "twilio-credentials", "findings": []}'), { message: 'baseline version undefined is not supported (expected 1)' });
    const entry = (n: number) => `entry ${n} needs a "fingerprint" (tc1:…) and a "path"`;
    const good = { fingerprint: 'tc1:0123456789abcdef', path: 'a.py' };
    for (const bad of [null, { path: 'a.py' }, { fingerprint: 7, path: 'a.py' }, { fingerprint: 'xtc1:0123456789abcdef', path: 'a.py' }, { fingerprint: 'tc1:0123456789abcdef0', path: 'a.py' }, { fingerprint: 'tc1:0123456789abcdef' }, { fingerprint: 'tc1:0123456789abcdef', path: 3 }]) {
      assert.throws(() => parseBaseline(valid([good, bad])), { message: entry(2) }, JSON.stringify(bad));
    }
  });

  it('reads a file up to the size limit and refuses a larger one without reading it', () => {
    const d = trees.make();
    const at = path.join(d, 'at.json'), over = path.join(d, 'over.json');
    // Sparse files: no disk is used for the zeros.
    fs.writeFileSync(at, '');
    fs.truncateSync(at, MAX_BASELINE_BYTES);
    fs.writeFileSync(over, '');
    fs.truncateSync(over, MAX_BASELINE_BYTES + 1);
    assert.throws(() => readBaselineFile(at), { message: 'not JSON' }, 'read, and found not to be JSON');
    assert.throws(() => readBaselineFile(over), { message: `larger than ${MAX_BASELINE_BYTES} bytes` });
  });

  it('refuses a FIFO without waiting for a writer', function () {
    if (process.platform === 'win32') this.skip();
    const d = trees.make();
    const fifo = path.join(d, 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    assert.throws(() => readBaselineFile(fifo), { message: 'not a regular file' });
  });

  it('a write that fails leaves no temporary file behind', () => {
    const d = trees.make({ 'taken/keep.txt': 'x' });
    assert.throws(() => writeBaselineFile(path.join(d, 'taken'), '{}\n'));
    assert.deepStrictEqual(fs.readdirSync(d), ['taken']);
    assert.deepStrictEqual(fs.readdirSync(path.join(d, 'taken')), ['keep.txt']);
  });
});
