// Adding a .env to .gitignore without disturbing the file.
import * as assert from 'node:assert/strict';
import { appendGitignoreEntry } from '../../../src/workspace/dotenv';

describe('appendGitignoreEntry', () => {
  it('appends a line, keeping every existing byte', () => {
    assert.deepEqual(appendGitignoreEntry('node_modules/\n# local\n', '.env'), { text: 'node_modules/\n# local\n.env\n', changed: true });
  });

  it('adds a line break first when the last line has none', () => {
    assert.equal(appendGitignoreEntry('node_modules/', '.env').text, 'node_modules/\n.env\n');
  });

  it('uses the file\'s line ending', () => {
    assert.equal(appendGitignoreEntry('dist\r\nout\r\n', '.env').text, 'dist\r\nout\r\n.env\r\n');
    assert.equal(appendGitignoreEntry('dist\r\nout', '.env').text, 'dist\r\nout\r\n.env\r\n');
  });

  it('creates content for an empty file, keeping a BOM', () => {
    assert.equal(appendGitignoreEntry('', '.env').text, '.env\n');
    assert.equal(appendGitignoreEntry('\uFEFF', '.env').text, '\uFEFF.env\n');
  });

  it('does nothing when the exact line is already there', () => {
    const text = 'dist\n.env  \r\n';
    assert.deepEqual(appendGitignoreEntry(text, '.env'), { text, changed: false });
  });

  it('reads lines as git does: a lone CR does not end a line, so the entry still goes on a line of its own', () => {
    assert.equal(appendGitignoreEntry('node_modules\r', '.env').text, 'node_modules\r\n.env\n');
    assert.deepEqual(appendGitignoreEntry('dist\r.env\r', '.env'), { text: 'dist\r.env\r\n.env\n', changed: true });
    assert.equal(appendGitignoreEntry('dist\r\n.env\r\n', '.env').changed, false);
  });

  it('refuses an entry with a line break', () => {
    assert.throws(() => appendGitignoreEntry('', '.env\n*'), RangeError);
  });
});
