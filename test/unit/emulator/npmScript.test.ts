// `npm run emulator` as a script or a person runs it: it builds the emulator and starts it, and
// the first line the script itself prints on stdout is the JSON line (nothing from the build).
import * as assert from 'assert';
import { spawn } from 'child_process';
import * as path from 'path';

const root = path.resolve(__dirname, '../../../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs `npm <args>` until its stdout holds a line that parses as JSON (or it exits); then stops it. */
async function runUntilJson(args: string[]): Promise<{ lines: string[]; json: unknown; code: number | null }> {
  // Its own process group, so stopping it reaches npm, the shell and the emulator (our children only).
  const child = spawn(npm, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
  let out = '';
  let err = '';
  let json: unknown;
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c;
      for (const line of out.split('\n').slice(0, -1)) {
        try {
          json = JSON.parse(line);
          return resolve();
        } catch {
          // not the JSON line (yet)
        }
      }
    });
    child.stderr!.on('data', (c: Buffer) => (err += c));
    exited.then(() => resolve());
  });
  // Anything printed right after the JSON line would show up within this pause.
  await new Promise((r) => setTimeout(r, 300));
  try {
    process.kill(process.platform === 'win32' ? child.pid! : -child.pid!, 'SIGTERM');
  } catch {
    // already gone
  }
  const code = await exited;
  assert.ok(json !== undefined, `a JSON line on stdout; stdout was:\n${out}\nstderr:\n${err}`); // no JSON line: nothing to hide
  return { lines: out.split('\n').filter((l, i, all) => i < all.length - 1 || l !== ''), json, code };
}

/** Stdout for a failure message, with the JSON line (it holds the run's generated credentials) elided. */
function shown(lines: string[]): string {
  return lines
    .map((l) => {
      try {
        JSON.parse(l);
        return '<the JSON line>';
      } catch {
        return l;
      }
    })
    .join('\n');
}

describe('npm run emulator', function () {
  this.timeout(60_000);

  it('with npm --silent, stdout is exactly one line: the JSON line a script reads first', async () => {
    const run = await runUntilJson(['run', '--silent', 'emulator', '--', '--port', '0', '--quiet']);
    assert.strictEqual(run.lines.length, 1, `one line on stdout, got:\n${shown(run.lines)}`);
    const info = JSON.parse(run.lines[0]);
    assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(info.accountSid, /^AC[0-9a-f]{32}$/);
  });

  it('without --silent, the only line besides npm’s own "> script" banner is the JSON line', async () => {
    const run = await runUntilJson(['run', 'emulator', '--', '--port', '0', '--quiet']);
    const ours = run.lines.filter((l) => l !== '' && !l.startsWith('> '));
    assert.strictEqual(ours.length, 1, `nothing from the build on stdout, got:\n${shown(run.lines)}`);
    assert.doesNotThrow(() => JSON.parse(ours[0]));
  });
});
