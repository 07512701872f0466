// The emulator as another process would run it: one JSON line on stdout, logs on stderr, clean stop.
import * as assert from 'assert';
import { ChildProcess, spawn } from 'child_process';
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ok } from '../../emulator/rawClient';

const root = path.resolve(__dirname, '../../../..');
let dir: string;
let cli: string;

interface Started {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
  first: Promise<string>;
}

function run(args: string[]): Started {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let resolveFirst: (line: string) => void;
  const first = new Promise<string>((r) => (resolveFirst = r));
  child.stdout!.on('data', (c: Buffer) => {
    out += c;
    if (out.includes('\n')) resolveFirst(out.slice(0, out.indexOf('\n')));
  });
  child.stderr!.on('data', (c: Buffer) => (err += c));
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  exit.then(() => resolveFirst(''));
  return { child, stdout: () => out, stderr: () => err, exit, first };
}

const auth = (user: string, pass: string) => ({ auth: { user, pass } });

describe('Emulator CLI', function () {
  this.timeout(20_000);

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twilio-emulator-cli-'));
    cli = path.join(dir, 'cli.js');
    await esbuild.build({
      entryPoints: [path.join(root, 'test/emulator/cli.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: cli,
      logLevel: 'silent',
    });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints one JSON line with fresh credentials, serves them, logs to stderr and stops on SIGTERM', async () => {
    const p = run(['--port', '0', '--keys', '3']);
    const info = JSON.parse(await p.first);
    assert.deepStrictEqual(Object.keys(info), ['url', 'accountSid', 'authToken', 'mainKey', 'standardKey']);
    assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(info.accountSid, /^AC[0-9a-f]{32}$/);
    assert.match(info.authToken, /^[0-9a-f]{32}$/);
    for (const k of [info.mainKey, info.standardKey]) {
      assert.match(k.sid, /^SK[0-9a-f]{32}$/);
      assert.match(k.secret, /^[A-Za-z0-9]{32}$/);
    }

    const list = await ok(info.url, 'GET', `/2010-04-01/Accounts/${info.accountSid}/Keys.json`, auth(info.mainKey.sid, info.mainKey.secret));
    assert.strictEqual(list.json.keys.length, 5);

    p.child.kill('SIGTERM');
    assert.strictEqual(await p.exit, 0);
    assert.strictEqual(p.stdout().split('\n').filter(Boolean).length, 1, 'nothing but the JSON line on stdout');
    assert.match(p.stderr(), /GET .*Keys\.json -> 200/);
  });

  it('stops on SIGINT too', async () => {
    const p = run(['--quiet']);
    await p.first;
    p.child.kill('SIGINT');
    assert.strictEqual(await p.exit, 0);
  });

  it('generates different credentials on every run', async () => {
    const a = run([]);
    const b = run([]);
    const [x, y] = [JSON.parse(await a.first), JSON.parse(await b.first)];
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    await Promise.all([a.exit, b.exit]);
    assert.notStrictEqual(x.authToken, y.authToken);
    assert.notStrictEqual(x.mainKey.secret, y.mainKey.secret);
  });

  it('loads a seed file', async () => {
    const seed = path.join(dir, 'seed.json');
    fs.writeFileSync(
      seed,
      JSON.stringify({
        accounts: [
          {
            friendlyName: 'Seeded parent',
            keys: [{ type: 'restricted', friendlyName: 'reader', permissions: ['/twilio/iam/api-keys/read'] }],
            subaccounts: [{ friendlyName: 'Seeded child' }],
          },
        ],
      }),
    );
    const p = run(['--seed', seed, '--quiet']);
    const info = JSON.parse(await p.first);
    const accounts = await ok(info.url, 'GET', '/2010-04-01/Accounts.json', auth(info.accountSid, info.authToken));
    assert.deepStrictEqual(
      accounts.json.accounts.map((a: { friendly_name: string }) => a.friendly_name),
      ['Seeded parent', 'Seeded child'],
    );
    const keys = await ok(info.url, 'GET', `/v1/Keys?AccountSid=${info.accountSid}`, auth(info.accountSid, info.authToken));
    assert.deepStrictEqual(
      keys.json.keys.map((k: { friendly_name: string; flags: string[] }) => [k.friendly_name, k.flags]),
      [
        ['reader', ['rest_api']],
        ['Main key (emulator)', ['rest_api', 'signing', 'main']],
        ['Standard key (emulator)', ['rest_api', 'signing']],
      ],
    );
    p.child.kill('SIGTERM');
    await p.exit;
  });

  it('refuses unknown arguments with a message on stderr and nothing on stdout', async () => {
    const p = run(['--prot', '1']);
    assert.strictEqual(await p.exit, 2);
    assert.strictEqual(p.stdout(), '');
    assert.match(p.stderr(), /unknown argument --prot/);
  });
});
