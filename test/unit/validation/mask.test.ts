// Showing that a secret is stored without showing it.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { maskSecret } from '../../../src/core/validation';

describe('maskSecret', () => {
  it('shows a fixed mask and the last 4 characters of a full-length secret', () => {
    const secret = randomBytes(16).toString('hex');
    assert.equal(maskSecret(secret), '••••••••' + secret.slice(-4));
  });

  it('does not reveal the length', () => {
    assert.equal(maskSecret('x'.repeat(32)).length, maskSecret('x'.repeat(64)).length);
  });

  it('shows at most a quarter of a short value', () => {
    assert.equal(maskSecret('abcdefgh'), '••••••••gh');
    assert.equal(maskSecret('abc'), '••••••••');
  });

  it('never shows half of an astral character', () => {
    assert.equal(maskSecret('🔑'.repeat(16)), '••••••••' + '🔑'.repeat(4));
  });

  it('is empty for no secret', () => {
    assert.equal(maskSecret(''), '');
    assert.equal(maskSecret(undefined), '');
  });
});
