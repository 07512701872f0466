// Lines of the small files the extension appends to, read as the editor shows them.
import * as assert from 'node:assert/strict';
import { appendLine, dominantEol, splitLines } from '../../../src/core/util/lines';

describe('lines of appended-to files', () => {
  it('splits at LF, CRLF and a lone CR, dropping a BOM', () => {
    assert.deepEqual(splitLines('\uFEFFa\nb\r\nc\rd'), ['a', 'b', 'c', 'd']);
    assert.deepEqual(splitLines(''), ['']);
    assert.deepEqual(splitLines('a\n'), ['a', '']);
  });

  it('picks the line break most lines use, LF when there is none', () => {
    assert.equal(dominantEol('a'), '\n');
    assert.equal(dominantEol('a\r\nb\r\nc\n'), '\r\n');
    assert.equal(dominantEol('a\rb\rc\n'), '\r');
    assert.equal(dominantEol('a\rb\nc\r\n'), '\n', 'a tie goes to LF');
  });

  it('appends a line with that break, adding one first when the last line has none', () => {
    assert.equal(appendLine('', 'x'), 'x\n');
    assert.equal(appendLine('\uFEFF', 'x'), '\uFEFFx\n');
    assert.equal(appendLine('a\rb', 'x'), 'a\rb\rx\r');
    assert.equal(appendLine('a\r\n', 'x'), 'a\r\nx\r\n');
  });
});
