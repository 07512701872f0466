// Inputs that broke a module when the fuzz suites first ran, kept as plain examples.
import * as assert from 'node:assert/strict';
import { globToRegExp, matchesAnyGlob } from '../../../src/detection';

describe('fuzz regressions', () => {
  it('a reversed range in an ignore-file glob ("[z-a]", "[*-!]") matches nothing instead of throwing', () => {
    assert.equal(matchesAnyGlob('src/a.js', ['[z-a]', '[*-!]']), false);
    assert.equal(matchesAnyGlob('z', ['[z-a]']), false);
    assert.equal(globToRegExp('src/[9-0].txt').test('src/5.txt'), false);
    // the other globs of the file still apply
    assert.equal(matchesAnyGlob('src/a.snap', ['[z-a]', '*.snap']), true);
  });
});
