// action.yml, run here as far as it can run outside GitHub: the composite steps' shell commands
// are taken from the file, their `${{ … }}` expressions filled from a fake pull-request event,
// and executed with a fake GITHUB_* environment in a scratch repository. The action's files are
// copied alone to a temporary folder, so the scan provably needs nothing but them and Node.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { fakeAuthToken } from '../../support/fakeCredentials';
import { fingerprint } from '../../../src/core/detection';
import { Repo, findRoot, gitEnv } from './repo';

// js-yaml comes with mocha (its config files); the action's YAML is read with it.
const yaml = require('js-yaml') as { load(text: string): unknown };
const root = findRoot(__dirname);

/** Errors and warnings of Microsoft's SARIF validator (`@microsoft/sarif-multitool`, offline) on a log file. */
function validateSarif(file: string): string[] {
  const out = path.join(path.dirname(file), `validation-${Date.now()}.sarif`);
  const bin = require.resolve('@microsoft/sarif-multitool/bin.js');
  const r = spawnSync(process.execPath, [bin, 'validate', file, '--output', out, '--quiet'], { encoding: 'utf8', timeout: 120_000 });
  assert.ok(fs.existsSync(out), `sarif-multitool wrote no result (status ${r.status}): ${r.stdout}${r.stderr}`);
  const result = JSON.parse(fs.readFileSync(out, 'utf8').replace(/^\uFEFF/, '')) as { runs: { results?: { level?: string; message: { text?: string } }[] }[] };
  return (result.runs[0].results ?? []).filter((x) => x.level !== 'note').map((x) => `${x.level ?? 'warning'}: ${x.message.text}`);
}

interface Step { name: string; id?: string; if?: string; shell?: string; run?: string; uses?: string; env?: Record<string, string>; with?: Record<string, string> }
interface Action { runs: { using: string; steps: Step[] }; inputs: Record<string, { default?: string }> }

/** `${{ expr }}` evaluated for the few expressions action.yml uses. */
function expand(text: string, context: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, expr: string) => {
    if (!(expr in context)) throw new Error(`expression not handled by the test: ${expr}`);
    return context[expr];
  });
}

describe('action.yml (GitHub composite Action), its steps run locally', function () {
  this.timeout(120_000);
  const action = yaml.load(fs.readFileSync(path.join(root, 'action.yml'), 'utf8')) as Action;
  const tmp = fs.realpathSync(fs.mkdtempSync(path.join(require('os').tmpdir(), 'tc-action-')));
  const actionDir = path.join(tmp, 'action-checkout');
  const repos: Repo[] = [];
  after(() => {
    repos.forEach((r) => r.dispose());
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  before(() => {
    // What `uses: owner/repo@ref` gives the runner: the repository's files; we copy only those the action names.
    for (const rel of ['action.yml', 'action/scan.sh', 'cli/cli.js']) {
      fs.mkdirSync(path.dirname(path.join(actionDir, rel)), { recursive: true });
      fs.copyFileSync(path.join(root, rel), path.join(actionDir, rel));
    }
  });

  it('is a composite action whose steps fetch no package: node runs the committed cli/cli.js, SARIF goes to upload-sarif', () => {
    assert.strictEqual(action.runs.using, 'composite');
    const scripts = action.runs.steps.map((s) => s.run ?? '').join('\n') + fs.readFileSync(path.join(root, 'action', 'scan.sh'), 'utf8');
    assert.ok(!/\b(npm|npx|yarn|pnpm|curl|wget)\b/.test(scripts.replace(/^#.*$/gm, '')), 'no registry or download at run time');
    assert.match(fs.readFileSync(path.join(root, 'action', 'scan.sh'), 'utf8'), /node "\$cli" scan "\$@" --format sarif > "\$sarif"/);
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    assert.ok(upload);
    assert.strictEqual(upload.with?.sarif_file, '${{ steps.scan.outputs.sarif-file }}');
    for (const s of action.runs.steps) {
      assert.ok(!/\$\{\{/.test(s.run ?? ''), `step "${s.name}" interpolates no expression into its script (injection): values go through env`);
    }
  });

  function runScanStep(repo: Repo, base: string, head: string): { code: number | null; output: string; outputs: Record<string, string>; sarifPath: string } {
    const step = action.runs.steps.find((s) => s.id === 'scan')!;
    const context: Record<string, string> = {
      'inputs.range': action.inputs.range.default ?? '',
      'inputs.sarif-file': action.inputs['sarif-file'].default ?? '',
      'github.event.pull_request.base.sha': base,
      'github.event.pull_request.head.sha': head,
      'github.event.before': '',
      'github.event.after': '',
    };
    const env: NodeJS.ProcessEnv = { ...gitEnv(), GITHUB_ACTION_PATH: actionDir, GITHUB_WORKSPACE: repo.dir, GITHUB_OUTPUT: path.join(tmp, `output-${Date.now()}`) };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expand(v, context);
    fs.writeFileSync(env.GITHUB_OUTPUT!, '');
    const r = spawnSync(step.shell!, ['-e', '-c', step.run!], { cwd: repo.dir, env, encoding: 'utf8' });
    const outputs = Object.fromEntries(fs.readFileSync(env.GITHUB_OUTPUT!, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    return { code: r.status, output: r.stdout + r.stderr, outputs, sarifPath: path.join(repo.dir, outputs['sarif-file'] ?? '') };
  }

  function pullRequest(): { repo: Repo; base: string; head: string; token: string } {
    const repo = new Repo('tc-action-repo-');
    repos.push(repo);
    repo.write('old.js', `const authToken = '${fakeAuthToken()}';\n`).add('.'); // before the PR: not its business
    const base = repo.commit('base');
    repo.git('checkout', '-q', '-b', 'feature');
    const token = fakeAuthToken();
    repo.write('src/sms.js', `// twilio\nconst authToken = '${token}';\n`).add('.');
    repo.commit('add sms');
    repo.write('src/sms.js', '// twilio\nconst authToken = process.env.TWILIO_AUTH_TOKEN;\n');
    const head = repo.commit('move it out');
    return { repo, base, head, token };
  }

  it('scans the pull request\'s new commits into a SARIF file (a secret removed in a later commit still reported), then fails the job', () => {
    const pr = pullRequest();
    const r = runScanStep(pr.repo, pr.base, pr.head);
    assert.strictEqual(r.code, 0, r.output);
    assert.strictEqual(r.outputs['exit-code'], '1', r.output);
    assert.match(r.output, new RegExp(`Scanning the lines added by ${pr.base}\\.\\.${pr.head}`));
    assert.ok(r.output.includes(`src/sms.js:2:20  warning  Hardcoded Twilio Auth Token (…${pr.token.slice(-4)})`), r.output);
    assert.ok(!r.output.includes(pr.token.slice(0, -4)));

    const sarif = JSON.parse(fs.readFileSync(r.sarifPath, 'utf8'));
    assert.strictEqual(sarif.version, '2.1.0');
    const results = sarif.runs[0].results as { ruleId: string; partialFingerprints: Record<string, string>; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[]; properties?: { presentAtHead?: boolean } }[];
    assert.strictEqual(results.length, 1, 'only the PR\'s commits: old.js from the base is not reported');
    assert.strictEqual(results[0].locations[0].physicalLocation.artifactLocation.uri, 'src/sms.js');
    assert.strictEqual(results[0].locations[0].physicalLocation.region.startLine, 2);
    assert.ok(Object.values(results[0].partialFingerprints).some((v) => v.includes(fingerprint(pr.token))), JSON.stringify(results[0].partialFingerprints));
    assert.strictEqual(results[0].properties?.presentAtHead, false);
    assert.ok(!fs.readFileSync(r.sarifPath, 'utf8').includes(pr.token.slice(0, -4)));
    assert.deepStrictEqual(validateSarif(r.sarifPath), [], 'the history SARIF (with commit properties) validates');

    // The last step, under its condition, fails the job.
    const fail = action.runs.steps.find((s) => s.name === 'Fail on findings')!;
    assert.match(fail.if!, /steps\.scan\.outputs\.exit-code == '1'/);
    const f = spawnSync(fail.shell!, ['-e', '-c', fail.run!], { encoding: 'utf8' });
    assert.strictEqual(f.status, 1);
    assert.match(f.stdout, /::error::Hardcoded Twilio credentials/);
  });

  it('writes an empty SARIF run (which closes earlier alerts) and exit-code 0 for a clean pull request', () => {
    const repo = new Repo('tc-action-clean-');
    repos.push(repo);
    repo.write('old.js', `const authToken = '${fakeAuthToken()}';\n`).add('.');
    const base = repo.commit('base');
    repo.write('src/a.js', 'const a = process.env.TWILIO_AUTH_TOKEN;\n').add('.');
    const head = repo.commit('clean');
    const r = runScanStep(repo, base, head);
    assert.strictEqual(r.code, 0, r.output);
    assert.strictEqual(r.outputs['exit-code'], '0');
    assert.deepStrictEqual(JSON.parse(fs.readFileSync(r.sarifPath, 'utf8')).runs[0].results, []);
  });

  it('stops with exit 2 and no report when the range cannot be read', () => {
    const repo = new Repo('tc-action-bad-');
    repos.push(repo);
    repo.commit('only');
    const r = runScanStep(repo, '1'.repeat(40), repo.git('rev-parse', 'HEAD').trim());
    assert.strictEqual(r.code, 2, r.output);
    assert.strictEqual(r.outputs['sarif-file'], undefined, 'nothing to upload');
  });
});
