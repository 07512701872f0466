// Is .env kept out of git, and adding it to .gitignore without disturbing the file.
import * as assert from 'node:assert/strict';
import { appendGitignoreEntry, isIgnoredByGitignore } from '../../../src/dotenv';

const ignored = (gitignore: string, p: string, isDirectory = false) => isIgnoredByGitignore(gitignore, p, { isDirectory });

describe('isIgnoredByGitignore', () => {
  it('matches a plain name at any depth', () => {
    assert.equal(ignored('.env\n', '.env'), true);
    assert.equal(ignored('.env\n', 'packages/api/.env'), true);
    assert.equal(ignored('.env\n', '.env.example'), false);
  });

  it('matches globs: *, ? and classes, never across "/"', () => {
    assert.equal(ignored('.env*\n', '.env.local'), true);
    assert.equal(ignored('.env.*\n', '.env'), false);
    assert.equal(ignored('*.log\n', 'a/b/c.log'), true);
    assert.equal(ignored('.env.?\n', '.env.1'), true);
    assert.equal(ignored('.env.[ab]\n', '.env.b'), true);
    assert.equal(ignored('.env.[!ab]\n', '.env.b'), false);
    assert.equal(ignored('.env.[[:digit:]]\n', '.env.7'), true);
    assert.equal(ignored('a*b\n', 'a/b'), false);
  });

  it('anchors patterns with a leading or inner slash', () => {
    assert.equal(ignored('/.env\n', '.env'), true);
    assert.equal(ignored('/.env\n', 'sub/.env'), false);
    assert.equal(ignored('config/.env\n', 'config/.env'), true);
    assert.equal(ignored('config/.env\n', 'app/config/.env'), false);
  });

  it('supports ** in leading, inner and trailing positions', () => {
    assert.equal(ignored('**/.env\n', 'a/b/.env'), true);
    assert.equal(ignored('**/.env\n', '.env'), true);
    assert.equal(ignored('a/**/.env\n', 'a/.env'), true);
    assert.equal(ignored('a/**/.env\n', 'a/x/y/.env'), true);
    assert.equal(ignored('secrets/**\n', 'secrets/deep/.env'), true);
    assert.equal(ignored('secrets/**\n', 'secrets', true), false);
  });

  it('applies directory patterns to directories and everything inside them', () => {
    assert.equal(ignored('config/\n', 'config/.env'), true);
    assert.equal(ignored('config/\n', 'config'), false); // a file named config
    assert.equal(ignored('config/\n', 'config', true), true);
    assert.equal(ignored('config/\n', 'config/'), true);
  });

  it('lets the last matching pattern win, so "!" re-includes', () => {
    assert.equal(ignored('.env*\n!.env.example\n', '.env.example'), false);
    assert.equal(ignored('.env*\n!.env.example\n', '.env.local'), true);
    assert.equal(ignored('!.env\n.env\n', '.env'), true);
  });

  it('cannot re-include a file inside an ignored directory, as in git', () => {
    assert.equal(ignored('config/\n!config/.env\n', 'config/.env'), true);
    assert.equal(ignored('config/*\n!config/.env\n', 'config/.env'), false);
  });

  it('skips comments and blank lines, honours escapes and trims trailing blanks', () => {
    assert.equal(ignored('# .env\n\n', '.env'), false);
    assert.equal(ignored('\\#notes\n', '#notes'), true);
    assert.equal(ignored('\\!important\n', '!important'), true);
    assert.equal(ignored('.env   \n', '.env'), true);
    assert.equal(ignored('.env\\ \n', '.env '), true);
  });

  it('reads CRLF files and a BOM', () => {
    assert.equal(ignored('\uFEFFnode_modules\r\n.env\r\n', '.env'), true);
  });

  it('accepts Windows separators in the path and can ignore case', () => {
    assert.equal(ignored('config/.env\n', 'config\\.env'), true);
    assert.equal(ignored('.ENV\n', '.env'), false);
    assert.equal(isIgnoredByGitignore('.ENV\n', '.env', { ignoreCase: true }), true);
  });

  it('does not throw on patterns git itself tolerates', () => {
    assert.equal(ignored('[z-a]\n[unclosed\n.env\n', '.env'), true);
    assert.equal(ignored('[unclosed\n', '[unclosed'), true);
  });
});

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

  it('refuses an entry with a line break', () => {
    assert.throws(() => appendGitignoreEntry('', '.env\n*'), RangeError);
  });
});
