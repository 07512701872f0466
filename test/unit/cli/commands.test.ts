// The command line as a user meets it: help, version, mistakes, and how new commands and scan
// sources plug in (h12-git adds `install-hook`, `--staged` and `--git` this way).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { scanCommandSpec } from '../../../src/cli/args';
import { COMMANDS, Command, scanCommand } from '../../../src/cli/main';
import { ScanSourcePlugin } from '../../../src/cli/source';
import { Trees, Values, json, runCli } from './harness';

function findRoot(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
const packageJson = JSON.parse(fs.readFileSync(path.join(findRoot(__dirname), 'package.json'), 'utf8')) as { version: string };

describe('twilio-credentials commands', () => {
  const trees = new Trees();
  const v = new Values(1212);
  after(() => trees.cleanup());

  it('--version prints the version of package.json', async () => {
    const r = await runCli(trees.make(), ['--version']);
    assert.deepStrictEqual(r, { code: 0, stdout: `${packageJson.version}\n`, stderr: '' });
  });

  it('--help lists the commands; scan --help and help scan show scan\'s options', async () => {
    const d = trees.make();
    const top = await runCli(d, ['--help']);
    assert.strictEqual(top.code, 0);
    assert.match(top.stdout, /^Usage: twilio-credentials <command>/);
    assert.match(top.stdout, /\n {2}scan +find hardcoded/);
    for (const argv of [['scan', '--help'], ['help', 'scan'], ['scan', '-h']]) {
      const r = await runCli(d, argv);
      assert.strictEqual(r.code, 0, argv.join(' '));
      assert.match(r.stdout, /^Usage: twilio-credentials scan \[paths\.\.\.\]/);
      for (const flag of ['--format FORMAT', '--json', '--exclude GLOB', '--max-file-size BYTES', '--include-node-modules', '--strict', '--baseline FILE', '--write-baseline FILE']) {
        assert.ok(r.stdout.includes(flag), `${flag} in scan --help`);
      }
    }
  });

  it('every mistake exits 2 with the usage on stderr and nothing on stdout', async () => {
    const d = trees.make({ 'a.txt': 'x' });
    const cases: Array<[string[], RegExp]> = [
      [[], /Usage: twilio-credentials <command>/],
      [['frobnicate'], /Usage: twilio-credentials <command>/],
      [['--nope'], /Usage: twilio-credentials <command>/],
      [['scan', '--nope'], /Usage: twilio-credentials scan/],
      [['scan', 'missing-dir'], /Usage: twilio-credentials scan/],
      [['scan', '--max-file-size', 'lots'], /Usage: twilio-credentials scan/],
      [['scan', '--format', 'xml'], /Usage: twilio-credentials scan/],
      [['scan', '--exclude'], /Usage: twilio-credentials scan/],
      [['scan', '--baseline', 'no-such-baseline.json'], /Usage: twilio-credentials scan/],
    ];
    for (const [argv, usage] of cases) {
      const r = await runCli(d, argv);
      assert.strictEqual(r.code, 2, argv.join(' '));
      assert.match(r.stderr, /^twilio-credentials: /, argv.join(' '));
      assert.match(r.stderr, usage, argv.join(' '));
      assert.strictEqual(r.stdout, '', argv.join(' '));
    }
  });

  it('--json is the same as --format json', async () => {
    const d = trees.make({ 'a.py': `auth_token = "${v.token()}"\n` });
    const a = await runCli(d, ['scan', '--json']);
    const b = await runCli(d, ['scan', '--format', 'json']);
    assert.strictEqual(a.code, 1);
    assert.deepStrictEqual(a, b);
    assert.strictEqual(json(a).findings.length, 1);
  });

  it('a new subcommand is one table entry, with its help and its usage errors', async () => {
    const hello: Command<{ name: string }> = {
      spec: {
        name: 'hello', summary: 'say hello', help: 'Usage: twilio-credentials hello --name NAME\n', positionals: false,
        options: { name: { type: 'string' } },
        build: (values) => (typeof values.name === 'string' ? { name: values.name } : { error: '--name is required' }),
      },
      run: async (args, io) => {
        io.stdout(`hello ${args.name}\n`);
        return 0;
      },
    };
    const commands = { ...COMMANDS, hello } as Record<string, Command<unknown>>;
    const d = trees.make();
    assert.deepStrictEqual(await runCli(d, ['hello', '--name', 'Ada'], commands), { code: 0, stdout: 'hello Ada\n', stderr: '' });
    assert.match((await runCli(d, ['--help'], commands)).stdout, /\n {2}hello +say hello/);
    assert.strictEqual((await runCli(d, ['hello', '--help'], commands)).stdout, 'Usage: twilio-credentials hello --name NAME\n');
    const wrong = await runCli(d, ['hello', 'extra'], commands);
    assert.strictEqual(wrong.code, 2);
    assert.match(wrong.stderr, /Usage: twilio-credentials hello/);
    const missing = await runCli(d, ['hello'], commands);
    assert.strictEqual(missing.code, 2);
    assert.match(missing.stderr, /--name is required/);
  });

  it('a scan source selected by its own option feeds findings, skips and exit codes like the working tree', async () => {
    const t = v.token();
    // A stand-in for `--staged`: bytes from elsewhere than the working tree, scanned with ctx.scanBytes.
    const memory: ScanSourcePlugin = {
      options: [{ name: 'memory', spec: { type: 'boolean' }, helpLine: '  --memory                scan in-memory files' }],
      select: (args) => (args.extra.memory ? {
        async run(ctx, sink) {
          for (const [p, text] of [['src/app.js', `const authToken = '${t}';\n`], ['big.txt', 'x'.repeat(100)], ['wide.txt', '\ufeffabc']] as const) {
            const bytes = p === 'wide.txt' ? Buffer.from(text, 'utf16le') : Buffer.from(text);
            const r = ctx.scanBytes(bytes, p);
            if (typeof r === 'string') sink.skipped({ path: p, reason: r });
            else sink.file(p, r);
          }
        },
      } : undefined),
    };
    const commands = { ...COMMANDS, scan: scanCommand([memory]) } as Record<string, Command<unknown>>;
    const d = trees.make({ 'clean.txt': 'nothing here\n' });
    assert.match((await runCli(d, ['scan', '--help'], commands)).stdout, /--memory {16}scan in-memory files/);
    const r = await runCli(d, ['scan', '--memory', '--json', '--max-file-size', '80'], commands);
    assert.strictEqual(r.code, 1, r.stderr);
    assert.deepStrictEqual(json(r).findings.map((f) => `${f.path}:${f.line}:${f.column} ${f.kind}`), ['src/app.js:1:20 twilio-auth-token']);
    assert.deepStrictEqual(json(r).skipped, [{ path: 'big.txt', reason: 'too-large' }, { path: 'wide.txt', reason: 'utf16' }]);
    // Findings from history carry where they were seen, in every format.
    const history: ScanSourcePlugin = {
      options: [{ name: 'history', spec: { type: 'boolean' }, helpLine: '  --history               scan history' }],
      select: (args) => (args.extra.history ? {
        async run(ctx, sink) {
          const found = ctx.scanBytes(Buffer.from(`const authToken = '${t}';\n`), 'old/app.js');
          sink.file('old/app.js', typeof found === 'string' ? [] : found, { commit: 'abc1234def5678900', authorDate: '2026-03-02T10:00:00Z', presentAtHead: false });
        },
      } : undefined),
    };
    const withHistory = { ...COMMANDS, scan: scanCommand([history]) } as Record<string, Command<unknown>>;
    const h = await runCli(d, ['scan', '--history'], withHistory);
    assert.strictEqual(h.code, 1);
    assert.match(h.stdout, /^old\/app\.js:1:20 {2}warning {2}Hardcoded Twilio Auth Token \(…[0-9a-f]{4}\) {2}\(commit abc1234def56, 2026-03-02T10:00:00Z, no longer at HEAD\)\n$/);
    const hj = json(await runCli(d, ['scan', '--history', '--json'], withHistory)).findings[0] as unknown as Record<string, unknown>;
    assert.deepStrictEqual([hj.commit, hj.authorDate, hj.presentAtHead], ['abc1234def5678900', '2026-03-02T10:00:00Z', false]);
    // Without its option the working tree is scanned.
    assert.strictEqual((await runCli(d, ['scan'], commands)).code, 0);
    // The plain scan command has no such option.
    assert.strictEqual((await runCli(d, ['scan', '--memory'])).code, 2);
    assert.ok(!scanCommandSpec().help.includes('--memory'));
  });
});
