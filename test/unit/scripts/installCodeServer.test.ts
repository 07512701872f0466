// scripts/install-code-server.sh, run with stand-ins for npm and rg (no network, no real install):
// it stages the ripgrep archive in a private temporary folder that only npm's install sees, never
// under a fixed name another user of the machine could create first; and it is idempotent.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '../../../..');
const script = path.join(root, 'scripts', 'install-code-server.sh');
const RG_CACHE = 'vscode-ripgrep-cache-1.15.11';
const ARCHIVE = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

describe('scripts/install-code-server.sh', function () {
  this.timeout(30_000);
  let dir: string;
  let tmp: string;
  let bin: string;
  let cache: string;
  let record: string;

  beforeEach(function () {
    if (process.platform === 'win32') this.skip();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twilio-credentials-install-test-'));
    tmp = path.join(dir, 'tmp');
    bin = path.join(dir, 'bin');
    cache = path.join(dir, 'cache');
    record = path.join(dir, 'npm-calls');
    fs.mkdirSync(tmp);
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'rg'), '#!/bin/sh\necho "the real rg"\n', { mode: 0o755 });
    // npm's stand-in records what @vscode/ripgrep's install would find, then "installs" code-server.
    fs.writeFileSync(
      path.join(bin, 'npm'),
      [
        '#!/usr/bin/env bash',
        'set -e',
        `echo "call TMPDIR=$TMPDIR" >> '${record}'`,
        `stat -c 'mode %a' "$TMPDIR" >> '${record}'`,
        `tar -xzOf "$TMPDIR/${RG_CACHE}/${ARCHIVE}" rg | tail -1 | sed 's/^/archive /' >> '${record}'`,
        'if [ -n "$FAIL_NPM" ]; then exit 1; fi',
        'mkdir -p node_modules/.bin',
        "printf '#!/bin/sh\\necho 4.100.3\\n' > node_modules/.bin/code-server",
        'chmod +x node_modules/.bin/code-server',
      ].join('\n'),
      { mode: 0o755 },
    );
  });
  afterEach(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  const run = (extra: NodeJS.ProcessEnv = {}) =>
    spawnSync('bash', [script], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, TMPDIR: tmp, TWILIO_CREDENTIALS_CACHE: cache, ...extra },
    });

  it('never writes through a ripgrep cache folder planted under the shared temporary folder', () => {
    // Another user got there first: the fixed name is a link to a folder of theirs (or of a victim).
    const elsewhere = path.join(dir, 'elsewhere');
    fs.mkdirSync(elsewhere);
    fs.symlinkSync(elsewhere, path.join(tmp, RG_CACHE));
    const res = run();
    assert.strictEqual(res.status, 0, res.stderr);
    assert.deepStrictEqual(fs.readdirSync(elsewhere), [], 'nothing written through the planted link');
    const calls = fs.readFileSync(record, 'utf8');
    const npmTmp = /call TMPDIR=(.*)/.exec(calls)![1];
    assert.notStrictEqual(path.resolve(npmTmp), path.resolve(tmp), 'npm runs with a private TMPDIR, not the shared one');
    assert.strictEqual(path.dirname(npmTmp), tmp, 'made inside the shared temporary folder');
    assert.match(calls, /mode 700/, 'readable by this user only');
    assert.match(calls, /archive echo "the real rg"/, 'the archive holds this machine’s rg');
    assert.ok(!fs.existsSync(npmTmp), 'the private folder is removed afterwards');
    assert.ok(fs.existsSync(path.join(cache, 'code-server-4.100.3', '.complete')));
  });

  it('uses a new private folder on every run and removes it when npm fails', () => {
    const res = run({ FAIL_NPM: '1' });
    assert.notStrictEqual(res.status, 0);
    const again = run();
    assert.strictEqual(again.status, 0, again.stderr);
    const folders = [...fs.readFileSync(record, 'utf8').matchAll(/call TMPDIR=(.*)/g)].map((m) => m[1]);
    assert.strictEqual(folders.length, 2);
    assert.notStrictEqual(folders[0], folders[1]);
    assert.deepStrictEqual(fs.readdirSync(tmp), [], 'no scratch folder left behind');
  });

  it('is idempotent: a second run finds the install and does not call npm', () => {
    assert.strictEqual(run().status, 0);
    const second = run();
    assert.strictEqual(second.status, 0, second.stderr);
    assert.match(second.stdout, /already installed/);
    assert.strictEqual(fs.readFileSync(record, 'utf8').match(/^call /gm)!.length, 1);
  });
});
