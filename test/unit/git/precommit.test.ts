// The hook of .pre-commit-hooks.yaml through the real pre-commit framework (Debian's
// `pre-commit`, installed by .ci/run): a scratch repository points at a repository made of this
// checkout's hook files, `pre-commit install`s it, and git commits are refused or let through.
// Offline: the hook runs the committed cli/cli.js with Node, nothing is installed.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { fakeAuthToken } from '../../support/fakeCredentials';
import { Repo, findRoot, gitEnv } from './repo';

const root = findRoot(__dirname);

describe('.pre-commit-hooks.yaml with the pre-commit framework', function () {
  this.timeout(120_000);
  let hookRepo: Repo, project: Repo, home: string;
  const env = (): NodeJS.ProcessEnv => ({ ...gitEnv(), PRE_COMMIT_HOME: home, PRE_COMMIT_COLOR: 'never' });
  const commit = (message: string): { code: number | null; output: string } => {
    const r = spawnSync('git', ['commit', '-q', '-m', message], { cwd: project.dir, env: env(), encoding: 'utf8' });
    return { code: r.status, output: r.stdout + r.stderr };
  };

  before(function () {
    const v = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
    assert.strictEqual(v.status, 0, 'pre-commit is not installed (apt-get install pre-commit; .ci/run does)');
    // The hook repository: exactly the files the framework uses from this checkout.
    hookRepo = new Repo('tc-hookrepo-');
    fs.copyFileSync(path.join(root, '.pre-commit-hooks.yaml'), path.join(hookRepo.dir, '.pre-commit-hooks.yaml'));
    fs.mkdirSync(path.join(hookRepo.dir, 'cli'));
    fs.copyFileSync(path.join(root, 'cli', 'cli.js'), path.join(hookRepo.dir, 'cli', 'cli.js'));
    fs.chmodSync(path.join(hookRepo.dir, 'cli', 'cli.js'), 0o755);
    hookRepo.add('.');
    const rev = hookRepo.commit('hooks');
    home = fs.mkdtempSync(path.join(path.dirname(hookRepo.dir), 'tc-pre-commit-home-'));

    project = new Repo('tc-precommit-project-');
    project.write('.pre-commit-config.yaml', `repos:\n  - repo: ${hookRepo.dir}\n    rev: ${rev}\n    hooks:\n      - id: twilio-credentials\n`).add('.');
    project.commit('config');
    const install = spawnSync('pre-commit', ['install'], { cwd: project.dir, env: env(), encoding: 'utf8' });
    assert.strictEqual(install.status, 0, install.stdout + install.stderr);
  });
  after(() => {
    hookRepo?.dispose();
    project?.dispose();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  it('refuses a commit with a hardcoded token and shows the finding', () => {
    const t = fakeAuthToken();
    project.write('src/sms.js', `const twilio = require('twilio');\nconst authToken = '${t}';\n`).add('.');
    const r = commit('leak');
    assert.notStrictEqual(r.code, 0, r.output);
    assert.match(r.output, /Twilio credentials\.+Failed/);
    assert.ok(r.output.includes(`src/sms.js:2:20  warning  Hardcoded Twilio Auth Token (…${t.slice(-4)})`), r.output);
    assert.ok(!r.output.includes(t.slice(0, -4)), 'the secret is not printed');
    assert.strictEqual(project.git('log', '--format=%s').trim(), 'config', 'nothing was committed');
  });

  it('lets a clean commit through', () => {
    project.write('src/sms.js', "const twilio = require('twilio');\nconst authToken = process.env.TWILIO_AUTH_TOKEN;\n").add('.');
    const r = commit('clean');
    assert.strictEqual(r.code, 0, r.output);
    assert.match(r.output, /Twilio credentials\.+Passed/);
  });
});
