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
import { FETCH_FLAGS, fetchSafetyArgs, safetyConfig } from '../../../src/workspace/git/run';
import { execFileSync } from 'child_process';

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
    assert.match(fs.readFileSync(path.join(root, 'action', 'scan.sh'), 'utf8'), /node "\$cli" scan "\$@" --format sarif .*> "\$sarif"/);
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    assert.ok(upload);
    assert.strictEqual(upload.with?.sarif_file, '${{ steps.scan.outputs.sarif-file }}');
    for (const s of action.runs.steps) {
      assert.ok(!/\$\{\{/.test(s.run ?? ''), `step "${s.name}" interpolates no expression into its script (injection): values go through env`);
    }
  });

  function runScanStep(repo: Repo, base: string, head: string, inputs: Record<string, string> = {}): { code: number | null; output: string; outputs: Record<string, string>; sarifPath: string; summary: string } {
    const step = action.runs.steps.find((s) => s.id === 'scan')!;
    const context: Record<string, string> = {
      'inputs.range': inputs.range ?? action.inputs.range.default ?? '',
      'inputs.sarif-file': action.inputs['sarif-file'].default ?? '',
      'inputs.baseline': inputs.baseline ?? action.inputs.baseline.default ?? '',
      'github.event.pull_request.base.sha': base,
      'github.event.pull_request.head.sha': head,
      'github.event.before': '',
      'github.event.after': '',
    };
    const stamp = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const env: NodeJS.ProcessEnv = {
      ...gitEnv(), GITHUB_ACTION_PATH: actionDir, GITHUB_WORKSPACE: repo.dir,
      GITHUB_OUTPUT: path.join(tmp, `output-${stamp}`), GITHUB_STEP_SUMMARY: path.join(tmp, `summary-${stamp}.md`),
    };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expand(v, context);
    fs.writeFileSync(env.GITHUB_OUTPUT!, '');
    const r = spawnSync(step.shell!, ['-e', '-c', step.run!], { cwd: repo.dir, env, encoding: 'utf8' });
    const outputs = Object.fromEntries(fs.readFileSync(env.GITHUB_OUTPUT!, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    const summary = fs.existsSync(env.GITHUB_STEP_SUMMARY!) ? fs.readFileSync(env.GITHUB_STEP_SUMMARY!, 'utf8') : '';
    return { code: r.status, output: r.stdout + r.stderr, outputs, sarifPath: path.join(repo.dir, outputs['sarif-file'] ?? ''), summary };
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

  // ---------------------------------------------------------------------------------------------
  // A pull request cannot silence its own scan.

  interface SarifResult {
    message: { text: string };
    locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
    suppressions?: { kind: string; status: string; justification: string }[];
    properties?: { suppressionsAddedInRange?: { kind: string; justification: string }[] };
  }
  const resultsOf = (file: string): SarifResult[] => JSON.parse(fs.readFileSync(file, 'utf8')).runs[0].results;
  const uriOf = (r: SarifResult): string => decodeURIComponent(r.locations[0].physicalLocation.artifactLocation.uri);
  /** Markdown from the summary as a reader sees it: numeric character references decoded. */
  const rendered = (md: string): string => md.replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)));
  const baselineFile = (entries: { fingerprint: string; path: string }[]): string =>
    JSON.stringify({ tool: 'twilio-credentials', version: 1, comment: 'accepted', findings: entries.map((e) => ({ ...e, kind: 'twilio-auth-token', line: 2 })) }, null, 2) + '\n';

  /** Every kind of suppression a pull request could add for a token it adds, by file. */
  function suppressingPullRequest(): { repo: Repo; base: string; head: string; expected: Record<string, 'inSource' | 'external'> } {
    const repo = new Repo('tc-action-suppress-');
    repos.push(repo);
    repo.write('.twilio-credentials-ignore', '# values the team accepted\n');
    repo.write('tc-baseline.json', baselineFile([{ fingerprint: fingerprint(fakeAuthToken()), path: 'legacy.js' }]));
    repo.write('README.md', 'app\n').add('.');
    const base = repo.commit('base');
    repo.git('checkout', '-q', '-b', 'feature');
    const token = () => fakeAuthToken();
    const line = (t: string, comment = '') => `const authToken = '${t}';${comment}\n`;
    const files: Record<string, [string, 'inSource' | 'external']> = {
      'src/by-path.js': [`// twilio\n${line(token())}`, 'external'],
      'src/ours.js': [`// twilio\n${line(token(), ' // twilio-credentials-ignore')}`, 'inSource'],
      'src/ours-above.js': [`// twilio\n// twilio-credentials-ignore\n${line(token())}`, 'inSource'],
      'src/gitleaks.js': [`// twilio\n${line(token(), ' // gitleaks:allow')}`, 'inSource'],
      'src/detect-secrets.py': [`# twilio\nauth_token = "${token()}"  # pragma: allowlist secret\n`, 'inSource'],
      'src/detect-secrets-next.py': [`# twilio\n# pragma: allowlist nextline secret\nauth_token = "${token()}"\n`, 'inSource'],
      'src/ggshield.js': [`// twilio\n${line(token(), ' // ggignore')}`, 'inSource'],
      'src/trufflehog.js': [`// twilio\n${line(token(), ' // trufflehog:ignore')}`, 'inSource'],
    };
    for (const [rel, [text]] of Object.entries(files)) repo.write(rel, text);
    const byFingerprint = token();
    repo.write('src/by-fingerprint.js', `// twilio\n${line(byFingerprint)}`);
    const baselined = token();
    repo.write('src/baselined.js', `// twilio\n${line(baselined)}`).add('.');
    repo.commit('add the SMS sender');
    // A second commit of the same pull request "accepts" what the first one added.
    repo.write('.twilio-credentials-ignore', `# values the team accepted\nsrc/by-path.js\n${fingerprint(byFingerprint)}\n`);
    repo.write('tc-baseline.json', baselineFile([{ fingerprint: fingerprint(baselined), path: 'src/baselined.js' }]));
    const head = repo.commit('accept');
    const expected: Record<string, 'inSource' | 'external'> = Object.fromEntries(Object.entries(files).map(([k, [, kind]]) => [k, kind]));
    expected['src/by-fingerprint.js'] = 'external';
    expected['src/baselined.js'] = 'external';
    return { repo, base, head, expected };
  }

  it('a pull request adding a token with each kind of suppression (ignore line, fingerprint, inline markers of ours and other tools, a baseline change) fails, and SARIF lists each result open, its suppression marked as added in the range', () => {
    const pr = suppressingPullRequest();
    const r = runScanStep(pr.repo, pr.base, pr.head, { baseline: 'tc-baseline.json' });
    assert.strictEqual(r.code, 0, r.output);
    assert.strictEqual(r.outputs['exit-code'], '1', r.output);
    const results = resultsOf(r.sarifPath);
    assert.deepStrictEqual(results.map(uriOf).sort(), Object.keys(pr.expected).sort(), 'one result per token, none dropped');
    for (const res of results) {
      const uri = uriOf(res);
      assert.strictEqual(res.suppressions, undefined, `${uri}: open, not suppressed`);
      const added = res.properties?.suppressionsAddedInRange ?? [];
      assert.ok(added.some((a) => a.kind === pr.expected[uri]), `${uri}: ${JSON.stringify(added)}`);
      assert.match(res.message.text, /Not suppressed: .*(this range|added the range|range added)/, uri);
    }
    assert.deepStrictEqual(validateSarif(r.sarifPath), [], 'SARIF with range notes validates');
    // The job log shows each finding with the note, and the changes to the suppression files.
    assert.match(r.output, /src\/gitleaks\.js:2:20 {2}warning {2}Hardcoded Twilio Auth Token .*\[not suppressed: inline marker "gitleaks:allow" on line 2, on a line this range added\]/);
    assert.match(r.output, /M \.twilio-credentials-ignore\n\s+\+ src\/by-path\.js\n\s+\+ tc1:/);
    // The job summary names each change to .twilio-credentials-ignore and the baseline, and each finding.
    const summary = rendered(r.summary);
    assert.match(summary, /\*\*M\*\* <code>\.twilio-credentials-ignore<\/code>/);
    assert.match(summary, /\*\*M\*\* <code>tc-baseline\.json<\/code>/);
    assert.match(summary, /\+ src\/by-path\.js/);
    for (const file of Object.keys(pr.expected)) assert.ok(summary.includes(`<code>${file}</code>`), file);
    assert.match(summary, /\*\*10 hardcoded secrets\*\* in 10 files/);
  });

  /** A pull request that adds src/sms.js with a token, and `files` beside it; the scan step run on it. */
  function tokenWith(prefix: string, files: Record<string, string>): ReturnType<typeof runScanStep> {
    const repo = new Repo(prefix);
    repos.push(repo);
    repo.write('README.md', 'app\n').add('.');
    const base = repo.commit('base');
    for (const [rel, text] of Object.entries(files)) repo.write(rel, text);
    repo.write('src/sms.js', `// twilio\nconst authToken = '${fakeAuthToken()}';\n`).add('.');
    return runScanStep(repo, base, repo.commit('pr'));
  }

  it('a "**" line added to .twilio-credentials-ignore by the pull request silences nothing', () => {
    const r = tokenWith('tc-action-glob-', { '.twilio-credentials-ignore': '**\n' });
    assert.strictEqual(r.outputs['exit-code'], '1', r.output);
    const [res] = resultsOf(r.sarifPath);
    assert.strictEqual(uriOf(res), 'src/sms.js');
    assert.strictEqual(res.suppressions, undefined);
    assert.deepStrictEqual(res.properties?.suppressionsAddedInRange, [{ kind: 'external', justification: 'path matches a glob added to .twilio-credentials-ignore by this range' }]);
    assert.match(rendered(r.summary), /\*\*A\*\* <code>\.twilio-credentials-ignore<\/code>\n\n<pre>\n\+ \*\*\n<\/pre>/);
  });

  it('a .gitattributes line added by the pull request that makes its files "binary" (-diff) hides nothing', () => {
    const r = tokenWith('tc-action-attributes-', { '.gitattributes': '* -diff\n' });
    assert.strictEqual(r.outputs['exit-code'], '1', r.output);
    assert.deepStrictEqual(resultsOf(r.sarifPath).map(uriOf), ['src/sms.js']);
  });

  it('suppressions the base already had still hold, and their results stay in SARIF as suppressed (external, inSource)', () => {
    const repo = new Repo('tc-action-accepted-');
    repos.push(repo);
    const accepted = fakeAuthToken();
    repo.write('.twilio-credentials-ignore', `${fingerprint(accepted)}  # the shared test account\n`);
    repo.write('README.md', 'app\n').add('.');
    const base = repo.commit('base');
    repo.write('src/sms.js', `// twilio\nconst authToken = '${accepted}';\n`).add('.');
    const head = repo.commit('pr');
    const r = runScanStep(repo, base, head);
    assert.strictEqual(r.outputs['exit-code'], '0', r.output);
    const results = resultsOf(r.sarifPath);
    assert.strictEqual(results.length, 1);
    assert.deepStrictEqual(results[0].suppressions, [{ kind: 'external', status: 'accepted', justification: 'fingerprint listed in .twilio-credentials-ignore' }]);
    assert.deepStrictEqual(validateSarif(r.sarifPath), [], 'SARIF with suppressions validates');
    assert.match(rendered(r.summary), /No suppression file changed in this range/);
  });

  it('nothing the Action prints from file names or contents can start a workflow command (a file named ::stop-commands::x, ##[ and :: lines in the ignore file)', () => {
    const repo = new Repo('tc-action-commands-');
    repos.push(repo);
    repo.write('README.md', 'app\n').add('.');
    const base = repo.commit('base');
    repo.write('::stop-commands::x', `// twilio\nconst authToken = '${fakeAuthToken()}';\n`);
    repo.write('##[error]forged.js', `// twilio\nconst authToken = '${fakeAuthToken()}';\n`);
    repo.write('[click](https:/example.invalid) @here.js', `// twilio\nconst authToken = '${fakeAuthToken()}';\n`);
    repo.write('.twilio-credentials-ignore', '::stop-commands::tok\n  ::error file=a.js::forged\n##[warning]forged\n%0A::add-mask::x\n');
    // The report's own name, planted as a link to a file of the runner's.
    const victim = path.join(tmp, `victim-${Date.now()}.txt`);
    fs.writeFileSync(victim, 'keep\n');
    fs.symlinkSync(victim, path.join(repo.dir, 'twilio-credentials.sarif'));
    repo.add('.');
    const head = repo.commit('pr');
    const r = runScanStep(repo, base, head);
    assert.strictEqual(fs.readFileSync(victim, 'utf8'), 'keep\n', 'the SARIF report replaced the planted link, never wrote through it');
    assert.strictEqual(r.outputs['exit-code'], '1', r.output);
    for (const line of r.output.split('\n')) {
      assert.ok(!/^\s*::/.test(line), `no workflow command: ${line}`);
      assert.ok(!line.includes('##['), `no legacy command: ${line}`);
    }
    assert.ok(r.output.includes('\\x3a:stop-commands::x:2:20  warning'), r.output);
    assert.ok(r.output.includes('#\\x23[error]forged.js:2:20  warning'), r.output);
    // The summary shows the names as text: no link, no mention, no HTML.
    assert.ok(!/\]\(|@here|<(?!\/?(code|pre|br)>)/.test(r.summary.replace(/<code>|<\/code>|<pre>|<\/pre>|<br>/g, '')), r.summary);
    assert.ok(rendered(r.summary).includes('[click](https:/example.invalid) @here.js'));
    assert.deepStrictEqual(validateSarif(r.sarifPath), []);
  });

  // ---------------------------------------------------------------------------------------------
  // Git in the Action runs nothing the checkout's configuration names.

  it('scan.sh runs git only with the git runner\'s overrides (its copy of run.ts\'s settings is held equal here)', () => {
    const script = fs.readFileSync(path.join(root, 'action', 'scan.sh'), 'utf8');
    const arrayOf = (name: string): string[] => {
      const m = new RegExp(`^${name}=\\((.*)\\)$`, 'm').exec(script);
      assert.ok(m, name);
      return (m[1].match(/'[^']*'|\S+/g) ?? []).map((t) => t.replace(/^'|'$/g, ''));
    };
    assert.deepStrictEqual(arrayOf('git_local'), safetyConfig(), 'copy src/workspace/git/run.ts safetyConfig() into action/scan.sh');
    assert.deepStrictEqual(arrayOf('git_fetch'), fetchSafetyArgs(), 'copy fetchSafetyArgs() into action/scan.sh');
    assert.deepStrictEqual(arrayOf('fetch_flags'), [...FETCH_FLAGS]);
    const calls = script.split('\n').filter((l) => /(^|[\s;!|&(])git\s/.test(l) && !l.trim().startsWith('#'));
    assert.ok(calls.length >= 2);
    for (const l of calls) assert.match(l, /git "\$\{git_(local|fetch)\[@\]\}" --no-pager /, l);
  });

  it('the shallow-checkout fetch runs none of the programs a hostile checkout configures (upload-pack, alternate refs, fsmonitor; hooks planted too)', () => {
    const origin = new Repo('tc-action-origin-');
    repos.push(origin);
    origin.write('README.md', 'app\n').add('.');
    const base = origin.commit('base');
    origin.write('src/sms.js', `// twilio\nconst authToken = '${fakeAuthToken()}';\n`).add('.');
    const head = origin.commit('pr');
    // Alternates (of another repository: the base must still be missing) make fetch ask core.alternateRefsCommand.
    const unrelated = new Repo('tc-action-alternate-');
    repos.push(unrelated);
    unrelated.write('x', 'x\n').add('.');
    unrelated.commit('x');
    const markers = path.join(tmp, `markers-${Date.now()}`);
    fs.mkdirSync(markers);
    const program = (name: string): string => {
      const p = path.join(markers, '..', `${path.basename(markers)}-${name}`);
      fs.writeFileSync(p, `#!/bin/sh\ntouch '${path.join(markers, name)}'\n${name === 'upload-pack' ? 'exec git-upload-pack "$@"\n' : ''}`, { mode: 0o755 });
      return p;
    };
    const hostileClone = (name: string): string => {
      const dir = path.join(tmp, `${name}-${Date.now()}`);
      execFileSync('git', ['clone', '-q', '--depth', '1', '--no-local', `file://${origin.dir}`, dir], { env: gitEnv(), stdio: 'pipe' });
      const hooks = path.join(dir, '.git', 'evil-hooks');
      fs.mkdirSync(hooks);
      fs.copyFileSync(program('hook'), path.join(hooks, 'reference-transaction'));
      fs.writeFileSync(path.join(dir, '.git', 'objects', 'info', 'alternates'), path.join(unrelated.dir, '.git', 'objects') + '\n');
      for (const [k, v] of [
        ['remote.origin.uploadpack', program('upload-pack')], ['core.alternateRefsCommand', program('alternate-refs')],
        ['core.hooksPath', hooks], ['core.fsmonitor', program('fsmonitor')],
      ]) execFileSync('git', ['config', k, v], { cwd: dir, env: gitEnv() });
      return dir;
    };
    // Control: plain git, fetching the same way, runs them.
    const control = hostileClone('control');
    spawnSync('git', ['fetch', '--no-tags', '--quiet', 'origin', base], { cwd: control, env: gitEnv(), encoding: 'utf8' });
    assert.deepStrictEqual(fs.readdirSync(markers).sort(), ['alternate-refs', 'fsmonitor', 'upload-pack'], 'control: plain git fetch ran the plants');
    for (const m of fs.readdirSync(markers)) fs.rmSync(path.join(markers, m));

    const clone = hostileClone('checkout');
    const r = runScanStep({ dir: clone } as Repo, base, head);
    assert.match(r.output, new RegExp(`Fetching ${base}`));
    assert.strictEqual(r.outputs['exit-code'], '1', r.output);
    assert.deepStrictEqual(fs.readdirSync(markers), [], r.output);
  });
});
