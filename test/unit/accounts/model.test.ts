// The account rules every command shares: which key the extension signs in with, and whether this
// editor holds a key's secret.
import * as assert from 'node:assert/strict';
import { AccountRecord, holdsKeySecret, signsInWith } from '../../../src/services/model';

const MAIN = 'SK' + 'a'.repeat(32);
const STORED = 'SK' + 'b'.repeat(32);
const OTHER = 'SK' + 'c'.repeat(32);

function account(patch: Partial<AccountRecord>): AccountRecord {
  return { accountSid: 'AC' + '0'.repeat(32), label: 'A', auth: 'apiKey', apiKeySid: MAIN, storedKeySids: [STORED], connectedAt: '2026-01-01T00:00:00.000Z', ...patch };
}

describe('account rules', () => {
  it('an account connected with a Main key signs in with that key, and only that one', () => {
    assert.equal(signsInWith(account({}), MAIN), true);
    assert.equal(signsInWith(account({}), STORED), false);
  });

  it('an account connected with its Auth Token signs in with no key, even with a stale apiKeySid', () => {
    assert.equal(signsInWith(account({ auth: 'authToken' }), MAIN), false);
    assert.equal(signsInWith(account({ auth: 'authToken', apiKeySid: undefined }), MAIN), false);
  });

  it('a key secret is held when stored here or when it is the one the account signs in with', () => {
    assert.equal(holdsKeySecret(account({}), MAIN), true);
    assert.equal(holdsKeySecret(account({}), STORED), true);
    assert.equal(holdsKeySecret(account({}), OTHER), false);
    assert.equal(holdsKeySecret(account({ auth: 'authToken' }), MAIN), false);
  });
});
