// Baselines: accept today's findings, fail only on new ones. The file holds fingerprints, never values.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { fingerprint } from '../../../src/core/detection';
import { formatBaseline, parseBaseline } from '../../../src/cli/baseline';
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
