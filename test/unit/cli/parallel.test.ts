// Scanning on every core (src/cli/parallel.ts) and why files are skipped (src/cli/scanFiles.ts).
// Workers run the built CLI bundle, so it is built first, the way esbuild.js builds dist/cli.js.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FileToScan, scanFilesParallel } from '../../../src/cli/parallel';
import { FileResult, FileScanner } from '../../../src/cli/scanFiles';
import { Values } from '../detection/helpers';

function findRoot(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
const root = findRoot(__dirname);

async function collect(files: FileToScan[], opts: Parameters<typeof scanFilesParallel>[1]): Promise<FileResult[]> {
  const out: FileResult[] = [];
  for await (const r of scanFilesParallel(files, opts)) out.push(r);
  return out;
}

describe('scanning on every core (worker threads)', function () {
  this.timeout(120_000);
  const v = new Values(5151);
  let dir: string;
  let cli: string;
  let files: FileToScan[];
  const base = { maxFileSize: 64 * 1024, ignoreFingerprints: new Set<string>() };

  before(() => {
    cli = path.join(root, 'out', 'test-cli', 'cli-parallel.js');
    (require('esbuild') as typeof import('esbuild')).buildSync({
      entryPoints: [path.join(root, 'src/cli/main.ts')], bundle: true, platform: 'node', format: 'cjs',
      target: 'node20', outfile: cli, banner: { js: '#!/usr/bin/env node' }, logLevel: 'warning',
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twilio-cred-par-'));
    files = [];
    for (let i = 0; i < 300; i++) {
      const rel = `pkg${i % 7}/f${i}.${i % 3 === 0 ? 'py' : 'js'}`;
      const p = path.join(dir, rel);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      let content: string | Buffer;
      if (i % 10 === 0) content = `const accountSid = '${v.accountSid()}';\nconst authToken = '${v.token()}';\n`;
      else if (i % 37 === 0) content = Buffer.concat([Buffer.from('\x00\x01binary'), Buffer.alloc(100)]);
      else if (i % 41 === 0) content = 'x'.repeat(70 * 1024);
      else content = `function f${i}() { return ${i}; }\n`.repeat(1 + (i % 5));
      fs.writeFileSync(p, content);
      files.push({ absolutePath: p, displayPath: rel });
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('yields the same results, in the same order, as the single-threaded loop', async () => {
    const single = await collect(files, { ...base, threads: 1 });
    const parallel = await collect(files, { ...base, threads: 2, minFilesForWorkers: 1, batchSize: 7, workerScript: cli });
    assert.strictEqual(parallel.length, files.length);
    assert.deepStrictEqual(parallel.map((r) => r.displayPath), files.map((f) => f.displayPath), 'input order');
    assert.deepStrictEqual(parallel, single);
    assert.strictEqual(single.filter((r) => r.findings.some((f) => f.isSecret)).length, 30);
    assert.ok(single.some((r) => r.skipped === 'binary') && single.some((r) => r.skipped === 'too-large'));
  });

  it('the same results when workers start after a look-ahead of the walk, or when this thread has used its CPU budget', async () => {
    const single = await collect(files, { ...base, threads: 1 });
    // Workers at once: the walk had 100 files to hand (the look-ahead is scanned by them too).
    assert.deepStrictEqual(await collect(files, { ...base, threads: 2, minFilesForWorkers: 100, batchSize: 16, workerScript: cli }), single);
    // Too few files for that, but scanning here has used up its CPU budget (0 ms): workers for the rest.
    assert.deepStrictEqual(await collect(files, { ...base, threads: 2, minFilesForWorkers: 10_000, workerStartCpuMs: 0, batchSize: 16, workerScript: cli }), single);
  });

  it('really uses the workers: a worker that cannot start fails the scan instead of hiding files', async () => {
    await assert.rejects(collect(files, { ...base, threads: 2, minFilesForWorkers: 1, workerScript: path.join(dir, 'missing.js') }));
  });

  it('stays in this thread for a small scan or one thread (no worker is started)', async () => {
    const few = files.slice(0, 20);
    const missing = path.join(dir, 'missing.js');
    assert.strictEqual((await collect(few, { ...base, threads: 2, minFilesForWorkers: 256, workerScript: missing })).length, 20);
    assert.strictEqual((await collect(files, { ...base, threads: 1, workerScript: missing })).length, 300);
    // Fewer files than the look-ahead and a CPU budget never reached: this thread only.
    assert.strictEqual((await collect(files, { ...base, threads: 2, minFilesForWorkers: 10_000, workerStartCpuMs: 3_600_000, workerScript: missing })).length, 300);
    // The budget reached: the missing worker is started, and its failure fails the scan.
    await assert.rejects(collect(files, { ...base, threads: 2, minFilesForWorkers: 10_000, workerStartCpuMs: 0, workerScript: missing }));
  });

  it('the CLI prints the same output with 1 and 2 threads', () => {
    const run = (jobs: string) => spawnSync(process.execPath, [cli, 'scan', '.', '--json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, TWILIO_CREDENTIALS_JOBS: jobs } });
    const one = run('1'), two = run('2');
    assert.strictEqual(one.status, 1, one.stderr);
    assert.strictEqual(two.status, one.status, two.stderr);
    assert.strictEqual(two.stdout, one.stdout);
    assert.strictEqual(JSON.parse(one.stdout).findings.filter((f: { kind: string }) => f.kind === 'twilio-auth-token').length, 30);
  });
});

describe('FileScanner says why a file was skipped', () => {
  const scanner = new FileScanner({ maxFileSize: 1024, ignoreFingerprints: new Set() });
  let dir: string;
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twilio-cred-skip-')); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: string | Buffer): string => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, content);
    return p;
  };

  it('binary, UTF-16 (with or without a byte-order mark), too large, lockfile, unreadable, not a regular file', () => {
    const text = 'TWILIO_AUTH_TOKEN=' + new Values(77).token() + '\n';
    assert.deepStrictEqual(scanner.scan(write('a.bin', Buffer.concat([Buffer.from(text), Buffer.from([0, 1, 2])])), 'a.bin'), { skipped: 'binary' });
    assert.deepStrictEqual(scanner.scan(write('a16.txt', Buffer.from('\ufeff' + text, 'utf16le')), 'a16.txt'), { skipped: 'utf16' });
    assert.deepStrictEqual(scanner.scan(write('b16.txt', Buffer.from(text, 'utf16le')), 'b16.txt'), { skipped: 'utf16' });
    assert.deepStrictEqual(scanner.scan(write('big.txt', 'x'.repeat(2000)), 'big.txt'), { skipped: 'too-large' });
    assert.deepStrictEqual(scanner.scan(write('yarn.lock', text), 'yarn.lock'), { skipped: 'lockfile' });
    assert.deepStrictEqual(scanner.scan(path.join(dir, 'gone.txt'), 'gone.txt'), { skipped: 'unreadable', detail: 'ENOENT' });
    assert.deepStrictEqual(scanner.scan(dir, 'dir'), { skipped: 'not-regular' });
    // A text file is scanned: findings, never a skip.
    assert.ok(Array.isArray(scanner.scan(write('ok.js', `const authToken = '${new Values(78).token()}';\n`), 'ok.js')));
  });

  it('a FIFO is skipped at once instead of blocking the scan until a writer comes', function () {
    if (process.platform === 'win32') this.skip();
    const fifo = path.join(dir, 'pipe');
    if (spawnSync('mkfifo', [fifo]).status !== 0) this.skip();
    const started = Date.now();
    assert.deepStrictEqual(scanner.scan(fifo, 'pipe'), { skipped: 'not-regular' });
    assert.ok(Date.now() - started < 2000);
  });
});
