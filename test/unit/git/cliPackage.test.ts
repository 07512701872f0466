// The CLI as a package of its own (cli/): `npm pack` makes a tarball that installs offline in a
// scratch project and runs; the committed cli/cli.js (which the pre-commit hook and the GitHub
// Action run) is what the sources build to today.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fakeAuthToken } from '../../support/fakeCredentials';
import { findRoot } from './repo';

const root = findRoot(__dirname);

describe('the CLI package (cli/package.json)', function () {
  this.timeout(180_000);
  const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tc-cli-package-')));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('commits a cli/cli.js identical to a fresh build of src/cli (else: npm run build:cli)', () => {
    const fresh = path.join(tmp, 'fresh-cli.js');
    const b = spawnSync(process.execPath, [path.join(root, 'cli', 'build.js'), '--out', fresh], { encoding: 'utf8' });
    assert.strictEqual(b.status, 0, b.stderr);
    assert.ok(fs.readFileSync(path.join(root, 'cli', 'cli.js')).equals(fs.readFileSync(fresh)), 'cli/cli.js is stale: run `npm run build:cli` and commit it');
    assert.ok(fs.statSync(path.join(root, 'cli', 'cli.js')).mode & 0o100, 'cli/cli.js is executable (the pre-commit hook runs it directly)');
  });

  it('has the extension\'s version and licence', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'cli', 'package.json'), 'utf8'));
    const ext = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    assert.strictEqual(pkg.version, ext.version);
    assert.strictEqual(pkg.dependencies, undefined, 'no dependencies: everything is in cli.js');
    assert.strictEqual(fs.readFileSync(path.join(root, 'cli', 'LICENSE'), 'utf8'), fs.readFileSync(path.join(root, 'LICENSE'), 'utf8'));
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    // Not published yet: the README installs the tarball `npm pack` makes, never the registry name.
    assert.ok(readme.includes(`npm install --save-dev ./${pkg.name}-${pkg.version}.tgz`), 'README installs the tarball npm pack makes');
    assert.ok(!readme.includes(`${pkg.name}@`), 'README offers no registry install of an unpublished name');
  });

  it('packs with npm pack, installs from the tarball offline, and runs', () => {
    const pack = spawnSync('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: path.join(root, 'cli'), encoding: 'utf8' });
    assert.strictEqual(pack.status, 0, pack.stderr);
    const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    assert.deepStrictEqual(info.files.map((f) => f.path).sort(), ['LICENSE', 'README.md', 'cli.js', 'package.json']);

    const project = path.join(tmp, 'project');
    fs.mkdirSync(path.join(project, 'src'), { recursive: true });
    fs.writeFileSync(path.join(project, 'package.json'), '{"name":"scratch","version":"1.0.0","private":true}\n');
    const install = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', path.join(tmp, info.filename)], {
      cwd: project, encoding: 'utf8', env: { ...process.env, npm_config_cache: path.join(tmp, 'npm-cache') },
    });
    assert.strictEqual(install.status, 0, install.stdout + install.stderr);
    const bin = path.join(project, 'node_modules', '.bin', 'twilio-credentials');
    assert.ok(fs.existsSync(bin));

    const t = fakeAuthToken();
    fs.writeFileSync(path.join(project, 'src', 'sms.js'), `const authToken = '${t}';\n`);
    const run = spawnSync(bin, ['scan', 'src'], { cwd: project, encoding: 'utf8' });
    assert.strictEqual(run.status, 1, run.stderr);
    assert.strictEqual(run.stdout, `src/sms.js:1:20  warning  Hardcoded Twilio Auth Token (…${t.slice(-4)})\n`);
    fs.writeFileSync(path.join(project, 'src', 'sms.js'), 'const authToken = process.env.TWILIO_AUTH_TOKEN;\n');
    assert.strictEqual(spawnSync(bin, ['scan', 'src'], { cwd: project }).status, 0);
  });
});
