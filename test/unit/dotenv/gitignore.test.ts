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
    for (const same of ['.env\n', '\uFEFF.env\n', 'dist\n.env']) assert.equal(appendGitignoreEntry(same, '.env').changed, false, JSON.stringify(same));
  });

  it('reads trailing blanks as git does: a blank after a backslash is part of the pattern', () => {
    assert.equal(appendGitignoreEntry('a\\ \n', 'a\\').changed, true, '"a\\ " names a file ending in a blank');
    assert.equal(appendGitignoreEntry('\\ \n', '\\').changed, true, 'also at the start of the line');
    assert.equal(appendGitignoreEntry('a\\\\  \n', 'a\\\\').changed, false, 'after an escaped backslash the blanks are trailing');
  });

  it('skips a BOM only at the very start', () => {
    assert.equal(appendGitignoreEntry('dist\n\uFEFF.env\n', '.env').changed, true);
  });

  it('writes the entry without surrounding blanks', () => {
    assert.deepEqual(appendGitignoreEntry('dist\n', ' .env '), { text: 'dist\n.env\n', changed: true });
    assert.equal(appendGitignoreEntry('.env\n', ' .env ').changed, false);
  });

  it('reads lines as git does: a lone CR does not end a line, so the entry still goes on a line of its own', () => {
    assert.equal(appendGitignoreEntry('node_modules\r', '.env').text, 'node_modules\r\n.env\n');
    assert.deepEqual(appendGitignoreEntry('dist\r.env\r', '.env'), { text: 'dist\r.env\r\n.env\n', changed: true });
    assert.equal(appendGitignoreEntry('dist\r\n.env\r\n', '.env').changed, false);
  });

  it('refuses an entry with a line break, or a blank one', () => {
    assert.throws(() => appendGitignoreEntry('', '.env\n*'), RangeError);
    for (const blank of ['', '   ']) assert.throws(() => appendGitignoreEntry('dist\n', blank), /one non-empty line/);
  });
});
