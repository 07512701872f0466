// Writing a `.env` on disk when the workspace is hostile: links, pipes, odd bytes, templates,
// concurrent writers, loose permissions. Each case reproduces an attack on a real temp folder.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawn } from 'child_process';
import { addToGitignoreFile, writeEnvEdits, addExampleNames, readEnvFile, MAX_ENV_FILE_BYTES } from '../../../src/workspace/dotenv/envFile';
import { fakeKeySecret, fakeKeySid, fakeAuthToken } from '../../support/fakeCredentials';

function tempDir(): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'twilio-cred-envfile-')));
}

describe('.env files on disk (hostile workspace)', function () {
  this.timeout(20_000);
  const dirs: string[] = [];
  const fresh = () => {
    const d = tempDir();
    dirs.push(d);
    return d;
  };
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('refuses a .env that is a symbolic link to a file outside the workspace, and leaves both alone', async () => {
    const ws = fresh(), outside = fresh();
    const target = path.join(outside, 'id_rsa');
    fs.writeFileSync(target, 'OTHER_PROJECT_DB_PASSWORD=outside-only\n');
    fs.symlinkSync(target, path.join(ws, '.env'));
    const secret = fakeKeySecret();
    const r = await writeEnvEdits(path.join(ws, '.env'), [{ name: 'TWILIO_API_SECRET', value: secret }], { roots: [ws], label: '.env' });
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.message, /symbolic link/);
    assert.ok(fs.lstatSync(path.join(ws, '.env')).isSymbolicLink(), 'the link is still a link');
    assert.equal(fs.readFileSync(target, 'utf8'), 'OTHER_PROJECT_DB_PASSWORD=outside-only\n');
    assert.ok(!(r.ok ? '' : r.message).includes(secret));
  });

  it('refuses to create a .env under a folder that is a symbolic link out of the workspace', async () => {
    const ws = fresh(), outside = fresh();
    fs.symlinkSync(outside, path.join(ws, 'config'));
    const r = await writeEnvEdits(path.join(ws, 'config', '.env'), [{ name: 'TWILIO_AUTH_TOKEN', value: fakeAuthToken() }], { roots: [ws], label: 'config/.env' });
    assert.equal(r.ok, false);
    assert.deepEqual(fs.readdirSync(outside), [], 'nothing was created outside the workspace');
  });

  it('refuses a .env that is a FIFO without hanging', async () => {
    const ws = fresh();
    const fifo = path.join(ws, '.env');
    const mk = spawn('mkfifo', [fifo]);
    await new Promise((resolve) => mk.on('exit', resolve));
    try {
      const r = await writeEnvEdits(fifo, [{ name: 'A', value: 'b' }], { roots: [ws], label: '.env' });
      assert.equal(r.ok, false);
      assert.match(r.ok ? '' : r.message, /not a regular file/);
    } finally {
      // Release a reader the old code left blocked in the thread pool.
      try {
        fs.closeSync(fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK));
      } catch {
        // no reader waiting
      }
    }
  });

  it('refuses a .env that is not valid UTF-8, naming the line, and never rewrites it', async () => {
    const ws = fresh();
    const file = path.join(ws, '.env');
    const bytes = Buffer.concat([Buffer.from('A=1\nNAME=Jos'), Buffer.from([0xe9]), Buffer.from('\nB=2\n')]); // Latin-1 é
    fs.writeFileSync(file, bytes);
    const r = await writeEnvEdits(file, [{ name: 'TWILIO_API_SECRET', value: fakeKeySecret() }], { roots: [ws], label: '.env' });
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.message, /line 2/);
    assert.deepEqual(fs.readFileSync(file), bytes);
  });

  it('writes no secret into a template (.env.example): only the name, with an empty value', async () => {
    const ws = fresh();
    for (const name of ['.env.example', '.env.sample', '.env.template', 'prod.env.dist', 'config.example']) {
      const file = path.join(ws, name);
      const oldSid = fakeKeySid();
      fs.writeFileSync(file, `TWILIO_API_KEY=${oldSid}\nTWILIO_API_SECRET=\n`);
      const secret = fakeKeySecret(), sid = fakeKeySid();
      const r = await writeEnvEdits(file, [{ name: 'TWILIO_API_KEY', value: sid }, { name: 'TWILIO_API_SECRET', value: secret }, { name: 'TWILIO_AUTH_TOKEN', value: fakeAuthToken() }], { roots: [ws], label: name });
      assert.equal(r.ok, true, name);
      const text = fs.readFileSync(file, 'utf8');
      // Compared without printing: a failure must not echo the (fake) secret into the test log.
      assert.ok(text === 'TWILIO_API_KEY=\nTWILIO_API_SECRET=\nTWILIO_AUTH_TOKEN=\n', `${name} holds only names (secret written: ${text.includes(secret)})`);
      assert.equal(r.ok && r.template, true);
    }
  });

  it('adds names to .env.example with empty values (the example writer goes through the same rule)', async () => {
    const ws = fresh();
    const file = path.join(ws, '.env.example');
    fs.writeFileSync(file, '# vars\nPORT=3000\n');
    await addExampleNames(file, ['TWILIO_AUTH_TOKEN'], { roots: [ws], label: '.env.example' });
    assert.equal(fs.readFileSync(file, 'utf8'), '# vars\nPORT=3000\nTWILIO_AUTH_TOKEN=\n');
  });

  it('two writes to the same .env at once both land (same process)', async () => {
    const ws = fresh();
    const file = path.join(ws, '.env');
    fs.writeFileSync(file, 'KEEP=1\n', { mode: 0o600 });
    const opts = { roots: [ws], label: '.env' };
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => writeEnvEdits(file, [{ name: `V${i}`, value: String(i) }], opts)));
    assert.ok(results.every((r) => r.ok));
    const text = fs.readFileSync(file, 'utf8');
    for (let i = 0; i < 8; i++) assert.match(text, new RegExp(`^V${i}=${i}$`, 'm'), `V${i} landed`);
    assert.match(text, /^KEEP=1$/m);
  });

  it('two processes writing the same .env at once both land (two windows)', async function () {
    this.timeout(60_000);
    const ws = fresh();
    const file = path.join(ws, '.env');
    fs.writeFileSync(file, '', { mode: 0o600 });
    const bundle = path.join(ws, '..', `envfile-bundle-${process.pid}.js`);
    const esbuild = require('esbuild') as typeof import('esbuild');
    const root = findRoot(__dirname);
    esbuild.buildSync({ entryPoints: [path.join(root, 'src/workspace/dotenv/envFile.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'warning' });
    dirs.push(bundle);
    const N = 25;
    const child = (prefix: string) =>
      new Promise<number | null>((resolve) => {
        const script = `const m = require(${JSON.stringify(bundle)});
          (async () => { for (let i = 0; i < ${N}; i++) { const r = await m.writeEnvEdits(${JSON.stringify(file)}, [{ name: '${prefix}' + i, value: 'x' }], { roots: [${JSON.stringify(ws)}], label: '.env' }); if (!r.ok) { console.error(r.message); process.exit(3); } } })();`;
        const p = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'ignore', 'inherit'] });
        p.on('exit', resolve);
      });
    const codes = await Promise.all([child('A'), child('B')]);
    assert.deepEqual(codes, [0, 0]);
    const names = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => l.split('=')[0]);
    assert.equal(names.length, 2 * N, `every write landed (got ${names.length} of ${2 * N})`);
    assert.deepEqual(fs.readdirSync(ws).filter((n) => n.endsWith('.tmp') || n.endsWith('.lock')), [], 'no temporary or lock file left');
  });

  it('tightens a group- or world-readable .env to 0600 when a secret is written, and says so', async () => {
    const ws = fresh();
    const file = path.join(ws, '.env');
    fs.writeFileSync(file, 'A=1\n');
    fs.chmodSync(file, 0o644);
    const r = await writeEnvEdits(file, [{ name: 'TWILIO_AUTH_TOKEN', value: fakeAuthToken() }], { roots: [ws], label: '.env' });
    assert.equal(r.ok, true);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(r.ok && r.tightened, true);
  });

  it('a write that fails removes its temporary file and leaves the target as it was', async () => {
    const ws = fresh();
    const file = path.join(ws, '.env');
    fs.writeFileSync(file, 'A=1\n', { mode: 0o600 });
    const r = await writeEnvEdits(file, [{ name: 'B', value: '2' }], {
      roots: [ws], label: '.env',
      // Another program replaces the .env by a folder between the read and the rename.
      beforeRename: () => {
        fs.rmSync(file);
        fs.mkdirSync(file);
      },
    });
    assert.equal(r.ok, false);
    assert.deepEqual(fs.readdirSync(ws), ['.env']);
  });

  it('a .gitignore that cannot be read is refused, never replaced by one holding only the new entry', async () => {
    const ws = fresh();
    const gi = path.join(ws, '.gitignore');
    fs.symlinkSync(gi, gi); // a link to itself: reading fails with ELOOP
    await assert.rejects(addToGitignoreFile(ws, '/.env', { roots: [ws] }));
    assert.ok(fs.lstatSync(gi).isSymbolicLink());
    const latin1 = Buffer.concat([Buffer.from('node_modules\n# caf'), Buffer.from([0xe9]), Buffer.from('\nsecret/\n')]);
    fs.rmSync(gi);
    fs.writeFileSync(gi, latin1);
    await assert.rejects(addToGitignoreFile(ws, '/.env', { roots: [ws] }), /line 2/);
    assert.deepEqual(fs.readFileSync(gi), latin1);
  });

  it('one size limit for the index and the writer: a .env the writer may change is one the index reads', async () => {
    const ws = fresh();
    const file = path.join(ws, '.env');
    const line = (bytes: number) => `PADDING=${'x'.repeat(bytes - 'PADDING=\n'.length)}\n`;
    fs.writeFileSync(file, line(MAX_ENV_FILE_BYTES));
    const read = await readEnvFile(file, { roots: [ws], label: '.env' });
    assert.equal(read.kind, 'parsed', 'a file at the limit is read');
    const written = await writeEnvEdits(file, [{ name: 'TWILIO_API_KEY', value: fakeKeySid() }], { roots: [ws], label: '.env' });
    assert.equal(written.ok, true, 'and may be written');
    fs.writeFileSync(file, line(MAX_ENV_FILE_BYTES + 1));
    const over = await readEnvFile(file, { roots: [ws], label: '.env' });
    assert.equal(over.kind, 'error', 'one byte more is refused by the index');
    const refused = await writeEnvEdits(file, [{ name: 'TWILIO_API_KEY', value: fakeKeySid() }], { roots: [ws], label: '.env' });
    assert.equal(refused.ok, false, 'and by the writer');
    assert.equal(fs.statSync(file).size, MAX_ENV_FILE_BYTES + 1, 'left as it was');
  });

  it('a missing .gitignore is created; an existing one is appended to', async () => {
    const ws = fresh();
    await addToGitignoreFile(ws, '/.env', { roots: [ws] });
    assert.equal(fs.readFileSync(path.join(ws, '.gitignore'), 'utf8'), '/.env\n');
    await addToGitignoreFile(ws, '/sub/.env', { roots: [ws] });
    assert.equal(fs.readFileSync(path.join(ws, '.gitignore'), 'utf8'), '/.env\n/sub/.env\n');
  });
});

function findRoot(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
