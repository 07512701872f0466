// The README offers only routes that work from this repository and the .vsix, and names the
// registry and GitHub names it does not hold yet only as "once published". Each documented route
// is run as written, offline: the `repo: local` pre-commit configuration with Debian's
// `pre-commit`, the vendored GitHub Action (its copy commands, then its scan step), and the
// extension's package refusing `npm publish`. (The CLI tarball from `npm pack` is installed and
// run offline in test/unit/git/cliPackage.test.ts.)
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fakeAuthToken } from '../../support/fakeCredentials';
import { Repo, findRoot, gitEnv } from '../git/repo';

// js-yaml comes with mocha (its config files).
const yaml = require('js-yaml') as { load(text: string): unknown };
const root = findRoot(__dirname);
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; publisher: string; private?: boolean; repository: { url: string } };
const cliManifest = JSON.parse(fs.readFileSync(path.join(root, 'cli', 'package.json'), 'utf8')) as { name: string; version: string };

/** The fenced code blocks of the README in `lang`, whose text matches `re`. */
function blocks(lang: string, re: RegExp): string[] {
  return [...readme.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].filter((m) => m[1] === lang && re.test(m[2])).map((m) => m[2]);
}

function only<T>(items: T[], what: string): T {
  assert.strictEqual(items.length, 1, `exactly one ${what} in the README`);
  return items[0];
}

/** `owner/name` of this project's future GitHub repository, from package.json. */
const githubRepo = manifest.repository.url.replace(/^(git\+)?https:\/\/github\.com\//, '').replace(/\.git$/, '');

describe('README: routes that work without any published name', function () {
  this.timeout(180_000);
  const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tc-readme-routes-')));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('names the npm package, the extension and the GitHub repository only as "once published", and uses none of them', () => {
    const names = readme.slice(readme.indexOf('### Names (not published yet)'));
    assert.ok(names.length < readme.length, 'the README has a "Names (not published yet)" section');
    for (const name of [cliManifest.name, `${manifest.publisher}.${manifest.name}`, githubRepo]) assert.ok(names.includes(`\`${name}\``), `${name} is named there`);
    assert.ok(!readme.includes(`${cliManifest.name}@`), 'no registry install of the CLI');
    assert.ok(!readme.includes(`uses: ${githubRepo}`), 'no workflow uses the GitHub repository');
    assert.ok(!readme.includes(`repo: https://github.com/${githubRepo}`), 'no pre-commit configuration points at the GitHub repository');
    assert.ok(readme.includes(`npm install --save-dev ./${cliManifest.name}-${cliManifest.version}.tgz`), 'the tarball npm pack makes is installed');
  });

  it('the extension\'s package is private: npm publish refuses it', () => {
    assert.strictEqual(manifest.private, true);
    // The manifest alone in a scratch folder (npm refuses it before packing anything), offline, a
    // registry on a closed loopback port and a visibly fake token: nothing can leave the machine.
    const dir = path.join(tmp, 'publish');
    fs.mkdirSync(dir);
    fs.copyFileSync(path.join(root, 'package.json'), path.join(dir, 'package.json'));
    fs.writeFileSync(path.join(dir, 'npmrc'), '//127.0.0.1:9/:_authToken=not-a-real-token\n');
    const r = spawnSync('npm', ['publish', '--offline', '--ignore-scripts', '--no-update-notifier', '--registry=http://127.0.0.1:9/', `--userconfig=${path.join(dir, 'npmrc')}`], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, npm_config_cache: path.join(tmp, 'npm-cache') }, timeout: 120_000,
    });
    assert.notStrictEqual(r.status, 0);
    assert.match(r.stderr, /EPRIVATE/, r.stderr);
  });

  it('the `repo: local` pre-commit configuration, run by the pre-commit framework: refuses a leak, lets a clean commit through', () => {
    const v = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
    assert.strictEqual(v.status, 0, 'pre-commit is not installed (apt-get install pre-commit; .ci/run does)');
    const config = only(blocks('yaml', /repo: local/), '`repo: local` configuration');
    const hook = ((yaml.load(config) as { repos: { repo: string; hooks: { entry: string }[] }[] }).repos[0]).hooks[0];
    const [runner, script, ...args] = hook.entry.split(' ');
    assert.deepStrictEqual([runner, args], ['node', ['scan', '--staged']]);

    const project = new Repo('tc-readme-precommit-');
    const home = path.join(tmp, 'pre-commit-home');
    const env = { ...gitEnv(), PRE_COMMIT_HOME: home, PRE_COMMIT_COLOR: 'never' };
    try {
      // As the README says: a committed copy of cli/cli.js where the entry names it.
      project.write(script, fs.readFileSync(path.join(root, 'cli', 'cli.js'), 'utf8')).write('.pre-commit-config.yaml', config).add('.');
      project.commit('scanner and hook');
      const install = spawnSync('pre-commit', ['install'], { cwd: project.dir, env, encoding: 'utf8' });
      assert.strictEqual(install.status, 0, install.stdout + install.stderr);
      const commit = (message: string) => spawnSync('git', ['commit', '-q', '-m', message], { cwd: project.dir, env, encoding: 'utf8' });

      const token = fakeAuthToken();
      project.write('src/sms.js', `const twilio = require('twilio');\nconst authToken = '${token}';\n`).add('.');
      const refused = commit('leak');
      assert.notStrictEqual(refused.status, 0, refused.stdout + refused.stderr);
      assert.match(refused.stdout + refused.stderr, /Twilio credentials\.+Failed/);
      assert.ok((refused.stdout + refused.stderr).includes(`src/sms.js:2:20`), refused.stdout + refused.stderr);
      assert.ok(!(refused.stdout + refused.stderr).includes(token.slice(0, -4)), 'the secret is not printed');

      project.write('src/sms.js', "const twilio = require('twilio');\nconst authToken = process.env.TWILIO_AUTH_TOKEN;\n").add('.');
      const clean = commit('clean');
      assert.strictEqual(clean.status, 0, clean.stdout + clean.stderr);
      assert.match(clean.stdout + clean.stderr, /Twilio credentials\.+Passed/);
    } finally {
      project.dispose();
    }
  });

  it('the vendored GitHub Action: the copy commands make a folder the workflow uses by path, and its scan finds a leak in the range', () => {
    const copy = only(blocks('sh', /^dest=/m), 'vendoring snippet');
    const workflow = only(blocks('yaml', /^jobs:/m), 'workflow');
    const steps = (yaml.load(workflow) as { jobs: { scan: { steps: { uses?: string }[] } } }).jobs.scan.steps;
    const local = steps.map((s) => s.uses ?? '').filter((u) => u.startsWith('./'));
    assert.deepStrictEqual(local.length, 1, `the workflow uses the action by its path: ${steps.map((s) => s.uses).join(', ')}`);

    // A clone holding only the files the snippet copies, beside the project it copies them into.
    const clone = path.join(tmp, 'clone');
    for (const rel of ['action.yml', 'action/scan.sh', 'cli/cli.js']) {
      fs.mkdirSync(path.dirname(path.join(clone, rel)), { recursive: true });
      fs.copyFileSync(path.join(root, rel), path.join(clone, rel));
    }
    const project = new Repo('tc-readme-action-');
    try {
      const dest = /^dest=(\S+)$/m.exec(copy)![1];
      assert.strictEqual(path.posix.join('..', 'your-project', local[0]), dest, 'the snippet copies to the folder the workflow uses');
      const snippet = copy.replace(/^dest=\S+$/m, `dest=${JSON.stringify(path.join(project.dir, local[0]))}`);
      execFileSync('bash', ['-euo', 'pipefail', '-c', snippet], { cwd: clone, stdio: 'pipe' });
      const actionPath = path.join(project.dir, local[0]);
      assert.ok(fs.existsSync(path.join(actionPath, 'action.yml')), 'action.yml at the path the workflow uses');

      project.write('README.md', 'hello\n').add('.');
      const base = project.commit('base');
      project.write('src/sms.js', `const authToken = '${fakeAuthToken()}';\n`).add('.');
      const head = project.commit('leak');
      const output = path.join(tmp, 'github-output');
      fs.writeFileSync(output, '');
      const r = spawnSync('bash', [path.join(actionPath, 'action', 'scan.sh')], {
        cwd: project.dir, encoding: 'utf8',
        env: { ...gitEnv(), GITHUB_ACTION_PATH: actionPath, GITHUB_WORKSPACE: project.dir, GITHUB_OUTPUT: output, EVENT_BASE: base, EVENT_HEAD: head },
      });
      assert.strictEqual(r.status, 0, r.stdout + r.stderr);
      assert.match(fs.readFileSync(output, 'utf8'), /^exit-code=1$/m);
      const sarif = JSON.parse(fs.readFileSync(path.join(project.dir, 'twilio-credentials.sarif'), 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
      assert.deepStrictEqual(sarif.runs[0].results.map((x) => x.locations[0].physicalLocation.artifactLocation.uri), ['src/sms.js']);
    } finally {
      project.dispose();
    }
  });
});
