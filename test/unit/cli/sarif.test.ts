// `scan --format sarif`, checked by Microsoft's SARIF Multitool (the validator GitHub's own SARIF
// documentation points to), installed from npm as @microsoft/sarif-multitool: it runs offline,
// from the self-contained binary its per-platform package ships. Zero errors are required.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type * as Sarif from 'sarif';
import { pathToFileURL } from 'url';
import { fingerprint } from '../../../src/core/detection';
import { VERSION } from '../../../src/cli/main';
import { Trees, Values, json, runCli } from './harness';

interface Issue {
  level: string;
  ruleId: string;
  text: string;
}

/** The validator's findings on `log` (errors and warnings), from its own SARIF output. */
function validate(log: string): Issue[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twilio-cred-sarif-'));
  try {
    const input = path.join(dir, 'scan.sarif');
    const output = path.join(dir, 'validation.sarif');
    fs.writeFileSync(input, log);
    const bin = require.resolve('@microsoft/sarif-multitool/bin.js');
    const r = spawnSync(process.execPath, [bin, 'validate', input, '--output', output, '--quiet'], { encoding: 'utf8', timeout: 120_000 });
    assert.ok(fs.existsSync(output), `sarif-multitool wrote no result (status ${r.status}): ${r.stdout}${r.stderr}`);
    const result = JSON.parse(fs.readFileSync(output, 'utf8').replace(/^\uFEFF/, '')) as Sarif.Log;
    return (result.runs[0].results ?? []).map((x) => ({ level: x.level ?? 'warning', ruleId: x.ruleId ?? '', text: x.message.text ?? '' }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('twilio-credentials scan --format sarif', function () {
  this.timeout(180_000); // the validator is a .NET program: a few seconds per run, more under load
  const trees = new Trees();
  const v = new Values(1213);
  after(() => trees.cleanup());

  it('the validator harness itself reports errors on a broken log (so a pass means something)', () => {
    const broken = JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a b' }, region: { startLine: 0 } } }] }] }] });
    const errors = validate(broken).filter((i) => i.level === 'error').map((i) => i.ruleId).sort();
    assert.ok(errors.includes('SARIF1002') && errors.includes('SARIF1010') && errors.includes('JSON1008'), errors.join(','));
  });

  it('produces a log the SARIF Multitool validates with zero errors, for findings of every kind and skipped files', async () => {
    const token = v.token(), secret = v.secret(), sid = v.accountSid(), keySid = v.keySid();
    const d = trees.make({
      'src/app.js': `const client = twilio('${sid}', '${token}');\n`,
      'config/dir with space/ünïcode #1.yml': `twilio:\n  api_key: ${keySid}\n  api_secret: ${secret}\n`,
      'test/fixture.test.js': `const authToken = '${v.token()}';\n`,
      '.env': `TWILIO_AUTH_TOKEN=${v.token()}\n`,
      'package-lock.json': '{}',
      'blob.bin': Buffer.from([0, 1, 2, 3]),
    });
    const r = await runCli(d, ['scan', '--format', 'sarif']);
    assert.strictEqual(r.code, 1, r.stderr);
    assert.strictEqual(r.stderr, '');
    const issues = validate(r.stdout);
    assert.deepStrictEqual(issues.filter((i) => i.level === 'error'), []);
    for (const value of [token, secret]) assert.ok(!r.stdout.includes(value.slice(0, -4)), 'no secret in the SARIF log');
  });

  it('carries rules, levels, 1-based regions, relative %SRCROOT% URIs, fingerprints, the tool\'s version and skips', async () => {
    const token = v.token(), sid = v.accountSid();
    const d = trees.make({
      'src/deep/conf.yml': `twilio:\n  account_sid: ${sid}\n  auth_token: ${token}\n`,
      'a b/#x.py': `auth_token = "${token}"\n`,
      'yarn.lock': 'x',
    });
    const sarifRun = await runCli(d, ['scan', '--format', 'sarif']);
    const jsonRun = await runCli(d, ['scan', '--json']);
    const log = JSON.parse(sarifRun.stdout) as Sarif.Log;
    assert.strictEqual(log.version, '2.1.0');
    assert.match(log.$schema ?? '', /sarif-2\.1\.0/);
    const run = log.runs[0];
    const driver = run.tool.driver;
    assert.strictEqual(driver.name, 'twilio-credentials');
    assert.strictEqual(driver.version, VERSION);
    assert.match(driver.informationUri ?? '', /^https:\/\//);
    const ruleIds = (driver.rules ?? []).map((rule) => rule.id);
    assert.deepStrictEqual(ruleIds, ['twilio-auth-token', 'twilio-api-key-secret', 'twilio-account-sid', 'twilio-api-key-sid', 'fcm-server-key', 'aws-secret-access-key']);
    for (const rule of driver.rules ?? []) {
      assert.ok(rule.help?.text && rule.shortDescription?.text && rule.fullDescription?.text, rule.id);
      assert.match(rule.helpUri ?? '', /^https:\/\//);
    }
    assert.deepStrictEqual(run.originalUriBaseIds?.['%SRCROOT%']?.uri, pathToFileURL(d).href + '/');

    const results = run.results ?? [];
    const expected = json(jsonRun).findings;
    assert.strictEqual(results.length, expected.length);
    results.forEach((res, i) => {
      const f = expected[i];
      const loc = res.locations![0].physicalLocation!;
      assert.strictEqual(res.ruleId, f.kind);
      assert.strictEqual(driver.rules![res.ruleIndex!].id, f.kind);
      assert.strictEqual(res.level, f.severity === 'warning' ? 'warning' : f.severity === 'error' ? 'error' : 'note');
      assert.strictEqual(res.message.text, f.message);
      assert.strictEqual(loc.artifactLocation!.uriBaseId, '%SRCROOT%');
      assert.strictEqual(decodeURIComponent(loc.artifactLocation!.uri!), f.path);
      assert.deepStrictEqual([loc.region!.startLine, loc.region!.startColumn], [f.line, f.column]);
      assert.ok(Object.values(res.partialFingerprints ?? {})[0].startsWith(f.fingerprint));
    });
    assert.deepStrictEqual(results.map((res) => res.locations![0].physicalLocation!.artifactLocation!.uri), ['a%20b/%23x.py', 'src/deep/conf.yml', 'src/deep/conf.yml']);
    assert.deepStrictEqual(results.map((res) => res.level), ['warning', 'note', 'warning']);
    assert.deepStrictEqual(results.find((res) => res.ruleId === 'twilio-auth-token')!.locations![0].physicalLocation!.region!.startLine, 1);
    // The same value in two files: two alerts, told apart by path; the value's fingerprint is in both.
    const fps = results.filter((res) => res.ruleId === 'twilio-auth-token').map((res) => Object.values(res.partialFingerprints!)[0]);
    assert.strictEqual(new Set(fps).size, 2);
    assert.ok(fps.every((fp) => fp.startsWith(fingerprint(token))));

    const notes = run.invocations![0].toolExecutionNotifications ?? [];
    assert.deepStrictEqual(notes.map((n) => [n.descriptor?.id, n.locations![0].physicalLocation!.artifactLocation!.uri]), [['skipped/lockfile', 'yarn.lock']]);
    assert.strictEqual(run.invocations![0].executionSuccessful, true);
  });

  it('with --strict and a skip, the invocation is marked unsuccessful and the exit status is 2', async () => {
    const d = trees.make({ 'a.lock': 'x', 'a.py': 'x = 1\n' });
    const r = await runCli(d, ['scan', '--format', 'sarif', '--strict']);
    assert.strictEqual(r.code, 2);
    const log = JSON.parse(r.stdout) as Sarif.Log;
    assert.strictEqual(log.runs[0].invocations![0].executionSuccessful, false);
    assert.strictEqual(log.runs[0].invocations![0].toolExecutionNotifications![0].descriptor!.id, 'skipped/lockfile');
  });
});
