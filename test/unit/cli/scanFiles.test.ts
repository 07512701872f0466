// FileScanner (src/cli/scanFiles.ts) reads every file into one reused buffer and judges its bytes
// before decoding them: a value at either end of that buffer, a file that outgrows it, and bytes
// a longer file left behind must all be read as the file holds them.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FileScanner, ScanOutcome, isSkipped } from '../../../src/cli/scanFiles';
import { Values } from '../detection/helpers';

const INITIAL_BUFFER = 64 * 1024;

function tokensFound(outcome: ScanOutcome, text: string): string[] {
  assert.ok(!isSkipped(outcome), JSON.stringify(outcome));
  return outcome.filter((f) => f.isSecret).map((f) => text.slice(f.range.start, f.range.end));
}

describe('FileScanner reads each file whole, whatever the buffer held before', () => {
  const v = new Values(6161);
  let dir: string;
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twilio-cred-buf-')); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string): string => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  };
  /** `text` padded with comment lines to exactly `size` bytes, `text` first or last. */
  const padded = (text: string, size: number, at: 'start' | 'end'): string => {
    const filler = '// filler line of ordinary code, nothing here\n'.repeat(Math.ceil(size / 40)).slice(0, size - text.length - 1) + '\n';
    const out = at === 'start' ? text + filler : filler + text;
    assert.strictEqual(Buffer.byteLength(out), size);
    return out;
  };

  it('finds a token in the first and in the last bytes of a file exactly as large as the buffer', () => {
    const scanner = new FileScanner({ maxFileSize: 1024 * 1024, ignoreFingerprints: new Set() });
    const first = v.token(), last = v.token();
    const head = `auth_token = "${first}"`, tail = `auth_token = "${last}"`;
    const a = padded(head, INITIAL_BUFFER, 'start');
    const b = padded(tail, INITIAL_BUFFER, 'end');
    assert.deepStrictEqual(tokensFound(scanner.scan(write('first.py', a), 'first.py'), a), [first]);
    assert.deepStrictEqual(tokensFound(scanner.scan(write('last.py', b), 'last.py'), b), [last]);
    // No newline after the value: the file ends on its last character.
    const c = padded('', INITIAL_BUFFER - tail.length, 'end') + tail;
    assert.deepStrictEqual(tokensFound(scanner.scan(write('noeol.py', c), 'noeol.py'), c), [last]);
  });

  it('finds a token at the end of a file larger than the buffer, read after small ones', () => {
    const scanner = new FileScanner({ maxFileSize: 1024 * 1024, ignoreFingerprints: new Set() });
    assert.deepStrictEqual(scanner.scan(write('small.js', 'let a = 1;\n'), 'small.js'), []);
    const token = v.token();
    const big = padded(`const authToken = '${token}';`, 3 * INITIAL_BUFFER + 17, 'end');
    assert.deepStrictEqual(tokensFound(scanner.scan(write('big.js', big), 'big.js'), big), [token]);
  });

  it('a short file read after a longer one is judged on its own bytes, not on what the buffer still holds', () => {
    const scanner = new FileScanner({ maxFileSize: 1024 * 1024, ignoreFingerprints: new Set() });
    const token = v.token();
    const long = `const authToken = '${token}';\n`;
    assert.deepStrictEqual(tokensFound(scanner.scan(write('long.js', long), 'long.js'), long), [token]);
    // The same bytes cut in the middle of the value: the buffer's rest would complete it.
    const cut = long.slice(0, long.indexOf(token) + 20);
    assert.deepStrictEqual(scanner.scan(write('cut.js', cut), 'cut.js'), []);
    // And a file of only code words, rejected on its bytes, is scanned (no skip) and clean.
    const words = 'export interface CanvasRenderingContextSettingsXy { a: number }\n'.repeat(50);
    assert.deepStrictEqual(scanner.scan(write('types.d.ts', words), 'types.d.ts'), []);
    assert.strictEqual(scanner.scanned, 3);
  });

  it('a lockfile is skipped by its name, wherever it sits', () => {
    const scanner = new FileScanner({ maxFileSize: 1024, ignoreFingerprints: new Set() });
    const p = write('Cargo.lock', `x = "${v.token()}"\n`);
    assert.deepStrictEqual(scanner.scan(p, 'crates/app/Cargo.lock'), { skipped: 'lockfile' });
    assert.deepStrictEqual(scanner.scan(p, 'crates\\app\\yarn.lock'), { skipped: 'lockfile' });
    assert.ok(Array.isArray(scanner.scan(p, 'yarn.lock/notes.txt')), 'a folder named like a lockfile is not one');
  });
});
