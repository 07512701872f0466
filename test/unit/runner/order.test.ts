// The in-host runner runs the secret-leak audit after every other suite, by design rather than by
// its file name sorting last.
import * as assert from 'assert';
import { runOrder } from '../../integration/order';

describe('In-host test order', () => {
  it('puts the audit last even where its name sorts first or in the middle', () => {
    const listed = ['/out/test/integration/accessToken.test.js', '/out/test/integration/audit.test.js', '/out/test/integration/tree.test.js', '/out/test/integration/zeta.test.js'];
    assert.deepStrictEqual(runOrder(listed), [
      '/out/test/integration/accessToken.test.js',
      '/out/test/integration/tree.test.js',
      '/out/test/integration/zeta.test.js',
      '/out/test/integration/audit.test.js',
    ]);
  });

  it('keeps the order of files given on the command line, with the audit last', () => {
    assert.deepStrictEqual(runOrder(['b/audit.test.js', 'b/tree.test.js', 'b/activation.test.js']), ['b/tree.test.js', 'b/activation.test.js', 'b/audit.test.js']);
  });

  it('runs no audit when it is not among the files, and does not confuse other names with it', () => {
    assert.deepStrictEqual(runOrder(['x/tree.test.js', 'x/preaudit.test.js']), ['x/tree.test.js', 'x/preaudit.test.js']);
  });
});
