// Issue 10, "the CLI tells the truth about what it did not scan" and "stays inside the real path
// of each root": every skip is listed with its reason, --strict fails on any, a symbolic link out
// of the tree is never read, and a file name cannot forge output lines.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { fingerprint } from '../../../src/core/detection';
import { escapeForTerminal } from '../../../src/cli/output';
import { Trees, Values, json, runCli } from './harness';

describe('twilio-credentials scan: what was not scanned', () => {
  const trees = new Trees();
  const v = new Values(1010);
  after(() => trees.cleanup());
  const secretLine = (): string => `auth_token = "${v.token()}"\n`;

  it('lists lockfiles, NUL-byte files, UTF-16 files and files over the limit in json, with a reason each', async () => {
    const d = trees.make({
      'package-lock.json': `{"authToken": "${v.token()}"}`,
      'yarn.lock': secretLine(),
      'img.bin': Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(secretLine())]),
      'utf16le.py': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(secretLine(), 'utf16le')]),
      'utf16be.py': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(secretLine(), 'utf16le').swap16()]),
      'big.py': secretLine() + '#'.repeat(2000),
      'ok.py': 'x = 1\n',
    });
    const r = await runCli(d, ['scan', '--json', '--max-file-size', '1000']);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(r.stderr, '', 'json keeps stderr quiet');
    assert.deepStrictEqual(json(r), {
      findings: [],
      skipped: [
        { path: 'big.py', reason: 'too-large' },
        { path: 'img.bin', reason: 'binary' },
        { path: 'package-lock.json', reason: 'lockfile' },
        { path: 'utf16be.py', reason: 'utf16' },
        { path: 'utf16le.py', reason: 'utf16' },
        { path: 'yarn.lock', reason: 'lockfile' },
      ],
    });
  });

  it('lists skips on stderr in the human format, after the findings on stdout', async () => {
    const d = trees.make({ 'package-lock.json': '{}', 'tiny.bin': Buffer.concat([Buffer.from([0x41, 0, 0x42]), Buffer.alloc(40, 0x41)]), 'a.py': secretLine() });
    const r = await runCli(d, ['scan']);
    assert.strictEqual(r.code, 1);
    assert.match(r.stdout, /^a\.py:1:15 {2}warning {2}Hardcoded Twilio Auth Token/);
    assert.strictEqual(r.stderr,
      'twilio-credentials: skipped package-lock.json: lockfile\n' +
      'twilio-credentials: skipped tiny.bin: contains NUL bytes (binary)\n' +
      'twilio-credentials: 1 hardcoded secret in 1 file (1 file scanned, 2 skipped)\n');
  });

  it('--strict exits 2 when anything was skipped, even with no finding, and 0 when nothing was', async () => {
    const d = trees.make({ 'Cargo.lock': '[[package]]\n', 'src/a.rs': 'fn main() {}\n' });
    const strict = await runCli(d, ['scan', '--strict']);
    assert.strictEqual(strict.code, 2);
    assert.match(strict.stderr, /skipped Cargo\.lock: lockfile/);
    assert.match(strict.stderr, /--strict: 1 path could not be scanned/);
    assert.strictEqual((await runCli(d, ['scan'])).code, 0, 'without --strict a skip is reported, not fatal');
    // An explicit exclusion is the user's decision, not a gap: it is not listed and --strict passes.
    const excluded = await runCli(d, ['scan', '--strict', '--exclude', 'Cargo.lock', '--json']);
    assert.strictEqual(excluded.code, 0);
    assert.deepStrictEqual(json(excluded).skipped, []);
  });

  it('--strict still exits 2 when secrets were found too (the scan is incomplete either way)', async () => {
    const d = trees.make({ 'a.py': secretLine(), 'b.lock': 'x' });
    assert.strictEqual((await runCli(d, ['scan', '--strict'])).code, 2);
    assert.strictEqual((await runCli(d, ['scan'])).code, 1);
  });

  it('lists a device node as not a regular file and never opens it', async function () {
    const d = trees.make({ 'a.py': 'x = 1\n' });
    try {
      execFileSync('mknod', [path.join(d, 'zero'), 'c', '1', '5'], { stdio: 'ignore' }); // /dev/zero: endless
    } catch {
      this.skip(); // creating device nodes needs root
    }
    const r = await runCli(d, ['scan', '--json']);
    assert.strictEqual(r.code, 0);
    assert.deepStrictEqual(json(r).skipped, [{ path: 'zero', reason: 'not-regular', detail: 'character device' }]);
  });

  // Permission errors (EACCES) are tested in scan.test.ts, where the CLI can run as another user.
  it('lists a broken symbolic link as unreadable', async () => {
    const d = trees.make({ 'a.py': 'x = 1\n' });
    fs.symlinkSync(path.join(d, 'gone.py'), path.join(d, 'dangling.py'));
    const r = await runCli(d, ['scan', '--json']);
    assert.deepStrictEqual(json(r).skipped, [{ path: 'dangling.py', reason: 'unreadable', detail: 'broken symbolic link (ENOENT)' }]);
  });
});

describe('twilio-credentials scan: stays inside the real path of each root', () => {
  const trees = new Trees();
  const v = new Values(1011);
  after(() => trees.cleanup());

  it('does not read a symbolic link to a file outside the scanned folder, and lists it as skipped', async () => {
    const outsideToken = v.token();
    const outside = trees.make({ 'secrets.py': `auth_token = "${outsideToken}"\n` });
    const d = trees.make({ 'src/app.py': 'x = 1\n' });
    fs.symlinkSync(path.join(outside, 'secrets.py'), path.join(d, 'src', 'config.py'));
    fs.symlinkSync(path.join(outside, 'secrets.py'), path.join(d, 'relative.py'));
    const r = await runCli(d, ['scan', '--json']);
    assert.strictEqual(r.code, 0, 'nothing inside the tree leaks');
    assert.deepStrictEqual(json(r), {
      findings: [],
      skipped: [{ path: 'relative.py', reason: 'outside-root' }, { path: 'src/config.py', reason: 'outside-root' }],
    });
    assert.ok(!r.stdout.includes(fingerprint(outsideToken)), 'nothing about the outside file is reported');
  });

  it('does not walk a symbolic link to a folder outside (e.g. /etc), and lists it as skipped', async () => {
    const outside = trees.make({ 'deep/secrets.py': `auth_token = "${v.token()}"\n` });
    const d = trees.make({ 'a.py': 'x = 1\n' });
    fs.symlinkSync(outside, path.join(d, 'vendor'));
    fs.symlinkSync('/etc', path.join(d, 'etc'));
    const r = await runCli(d, ['scan', '--json']);
    assert.strictEqual(r.code, 0);
    assert.deepStrictEqual(json(r).skipped, [{ path: 'etc', reason: 'outside-root' }, { path: 'vendor', reason: 'outside-root' }]);
  });

  it('a link that climbs out with ../ is outside too; links that stay inside are scanned once', async () => {
    const parent = trees.make({ 'above.py': `auth_token = "${v.token()}"\n` });
    const inner = v.token();
    fs.mkdirSync(path.join(parent, 'repo', 'src'), { recursive: true });
    fs.writeFileSync(path.join(parent, 'repo', 'src', 'real.py'), `auth_token = "${inner}"\n`);
    const repo = path.join(parent, 'repo');
    fs.symlinkSync('../../above.py', path.join(repo, 'src', 'up.py'));
    fs.symlinkSync('real.py', path.join(repo, 'src', 'alias.py')); // a file inside: scanned under its own name
    fs.symlinkSync('src', path.join(repo, 'src-link')); // a folder inside: not walked twice
    const r = await runCli(repo, ['scan', '--json']);
    assert.deepStrictEqual(json(r).findings.map((f) => f.path), ['src/alias.py', 'src/real.py']);
    assert.deepStrictEqual(json(r).skipped, [{ path: 'src/up.py', reason: 'outside-root' }]);
  });

  it('a root given through a symbolic link is scanned; its boundary is the link\'s target', async () => {
    const d = trees.make({ 'real/a.py': `auth_token = "${v.token()}"\n`, 'other/b.py': `auth_token = "${v.token()}"\n` });
    fs.symlinkSync(path.join(d, 'real'), path.join(d, 'project'));
    fs.symlinkSync(path.join(d, 'other', 'b.py'), path.join(d, 'real', 'b.py'));
    const r = await runCli(d, ['scan', 'project', '--json']);
    assert.deepStrictEqual(json(r).findings.map((f) => f.path), ['project/a.py']);
    assert.deepStrictEqual(json(r).skipped, [{ path: 'project/b.py', reason: 'outside-root' }]);
  });
});

describe('twilio-credentials scan: a file name cannot forge output', () => {
  const trees = new Trees();
  const v = new Values(1012);
  after(() => trees.cleanup());

  it('escapes newlines and ANSI escapes in paths of findings and skips (human format)', async () => {
    const forged = 'x\nsrc/forged.py:1:1  warning  Hardcoded Twilio Auth Token (…abcd)\x1b[2K\x1b[31m.py';
    const d = trees.make({ [forged]: `auth_token = "${v.token()}"\n`, [`${forged}.lock`]: 'x' });
    const r = await runCli(d, ['scan']);
    assert.strictEqual(r.code, 1);
    const lines = r.stdout.split('\n').filter(Boolean);
    assert.strictEqual(lines.length, 1, `one finding, one line: ${JSON.stringify(r.stdout)}`);
    assert.ok(lines[0].startsWith('x\\nsrc/forged.py:1:1  warning  Hardcoded Twilio Auth Token (…abcd)\\x1b[2K\\x1b[31m.py:1:15  warning  '), lines[0]);
    // eslint-disable-next-line no-control-regex
    assert.ok(!/[\x00-\x08\x0b-\x1f\x7f]/.test(r.stdout + r.stderr), 'no control character reaches the terminal');
    const skipLines = r.stderr.split('\n').filter((l) => l.startsWith('twilio-credentials: skipped '));
    assert.strictEqual(skipLines.length, 1);
    assert.match(skipLines[0], /skipped x\\nsrc\/forged\.py.*\\x1b\[31m\.py\.lock: lockfile$/);
    // The json format keeps the real name (JSON escapes it itself).
    const j = await runCli(d, ['scan', '--json']);
    assert.strictEqual(json(j).findings[0].path, forged);
  });

  it('escapes control characters in echoed ignore-file lines', async () => {
    const d = trees.make({ '.twilio-credentials-ignore': '!negated\x1b[31m\x07x\n', 'a.py': 'x = 1\n' });
    const r = await runCli(d, ['scan']);
    assert.strictEqual(r.code, 0);
    assert.match(r.stderr, /^\.twilio-credentials-ignore:1: not a fingerprint or a glob: !negated\\x1b\[31m\\x07x\n/);
  });

  // Reverses the escaping, to show it loses nothing: two different names never print the same.
  function unescape(text: string): string {
    return text.replace(/\\(?:x([0-9a-f]{2})|u([0-9a-f]{4})|(.))/g, (_m, x: string, u: string, c: string) =>
      x ? String.fromCharCode(parseInt(x, 16)) : u ? String.fromCharCode(parseInt(u, 16)) : c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c);
  }

  it('any name prints on one line with no control character, and the escaping can be undone (property)', () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.array(fc.constantFrom('\n', '\r', '\x1b[2K', '\\', '\\n', '\u2028', '\u202e', '\u0085', 'a', '/', ':1:1  warning  '), { maxLength: 12 }).map((parts) => parts.join('')),
    );
    fc.assert(fc.property(hostile, (name) => {
      const shown = escapeForTerminal(name);
      // eslint-disable-next-line no-control-regex
      assert.ok(!/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(shown), JSON.stringify(shown));
      assert.strictEqual(unescape(shown), name);
    }));
  });

  it('escapes every C0/C1 control, DEL, line separators, bidi overrides and the backslash, and nothing else', () => {
    assert.strictEqual(escapeForTerminal('a\tb\\c\u0000\u007f\u009b\u2028\u202e\u2066é✓'), 'a\\tb\\\\c\\x00\\x7f\\x9b\\u2028\\u202e\\u2066é✓');
  });
});
