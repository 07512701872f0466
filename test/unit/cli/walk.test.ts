// The walk (src/cli/walk.ts) names each file relative to the current directory by appending to its
// folder's name rather than asking path.relative per file, and resolves only links: the paths a
// user sees, and what the links lead to, must be what they were.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Trees, Values, json, runCli } from './harness';

describe('twilio-credentials scan: paths as the user sees them', () => {
  const trees = new Trees();
  const v = new Values(7373);
  after(() => trees.cleanup());
  const line = (): string => `auth_token = "${v.token()}"\n`;

  it('relative to the current directory, whether the root is above it, beside it or the directory itself', async () => {
    const d = trees.make({ 'top.py': line(), 'app/src/a.py': line(), 'app/b.py': line(), 'lib/c.py': line() });
    const app = path.join(d, 'app');
    const paths = async (cwd: string, ...roots: string[]): Promise<string[]> => json(await runCli(cwd, ['scan', ...roots, '--json'])).findings.map((f) => f.path);
    assert.deepStrictEqual(await paths(app, '..'), ['../lib/c.py', '../top.py', 'b.py', 'src/a.py']);
    assert.deepStrictEqual(await paths(app, path.join(d, 'lib')), ['../lib/c.py']);
    assert.deepStrictEqual(await paths(app, '.'), ['b.py', 'src/a.py']);
    assert.deepStrictEqual(await paths(path.join(app, 'src'), '../..'), ['../../lib/c.py', '../../top.py', '../b.py', 'a.py']);
    // Overlapping roots: each file once.
    assert.deepStrictEqual(await paths(d, '.', 'app', 'app/src/a.py'), ['app/b.py', 'app/src/a.py', 'lib/c.py', 'top.py']);
  });

  it('a link met deep in the walk: to a file inside, scanned under its own name; to a folder inside, not walked twice; broken, listed', async () => {
    const token = v.token();
    const d = trees.make({ 'pkg/lib/deep/real.py': `auth_token = "${token}"\n`, 'pkg/other/x.py': 'x = 1\n' });
    fs.symlinkSync('../lib/deep/real.py', path.join(d, 'pkg', 'other', 'alias.py'));
    fs.symlinkSync('../lib', path.join(d, 'pkg', 'other', 'lib-again'));
    fs.symlinkSync('missing.py', path.join(d, 'pkg', 'other', 'broken.py'));
    const r = json(await runCli(d, ['scan', '--json']));
    assert.deepStrictEqual(r.findings.map((f) => f.path), ['pkg/lib/deep/real.py', 'pkg/other/alias.py']);
    assert.strictEqual(new Set(r.findings.map((f) => f.fingerprint)).size, 1, 'the same value, reached twice');
    assert.deepStrictEqual(r.skipped.map((s) => [s.path, s.reason]), [['pkg/other/broken.py', 'unreadable']]);
  });

  it('node_modules deep in the tree is left out unless asked for, and then named like any folder', async () => {
    const d = trees.make({ 'web/node_modules/dep/index.js': `const authToken = '${v.token()}';\n`, 'web/app.js': 'let a = 1;\n' });
    assert.deepStrictEqual(json(await runCli(d, ['scan', '--json'])).findings, []);
    const all = json(await runCli(path.join(d, 'web'), ['scan', '--include-node-modules', '--json']));
    assert.deepStrictEqual(all.findings.map((f) => f.path), ['node_modules/dep/index.js']);
  });
});
