import * as assert from 'assert';
import { DEFAULT_MAX_FILE_SIZE, parseArgs, parseSize } from '../../../src/cli/args';

describe('CLI arguments', () => {
  it('defaults to scanning . with a 1 MiB limit', () => {
    assert.deepStrictEqual(parseArgs(['scan']), { command: 'scan', paths: ['.'], json: false, excludes: [], maxFileSize: DEFAULT_MAX_FILE_SIZE, includeNodeModules: false });
  });

  it('reads paths, repeated excludes, sizes with units, and -- ', () => {
    const a = parseArgs(['scan', 'src', '--exclude', 'a/**', '--exclude=b', '--max-file-size=2m', '--json', '--', '--weird-name']);
    assert.deepStrictEqual(a, { command: 'scan', paths: ['src', '--weird-name'], json: true, excludes: ['a/**', 'b'], maxFileSize: 2 * 1024 * 1024, includeNodeModules: false });
  });

  it('treats --max-file-size 0 as no limit', () => {
    const a = parseArgs(['scan', '--max-file-size', '0']);
    assert.strictEqual(a.command === 'scan' && a.maxFileSize, Infinity);
  });

  it('rejects unknown flags and malformed values', () => {
    assert.strictEqual(parseArgs(['scan', '-x']).command, 'error');
    assert.strictEqual(parseArgs(['scan', '--exclude']).command, 'error');
    assert.strictEqual(parseSize('12 parsecs'), undefined);
    assert.strictEqual(parseSize('10k'), 10240);
  });
});
