import * as assert from 'assert';
import { formatSessionToken, parseSessionToken, sameScopes } from '../../../src/features/auth/sessionToken';
import { fakeAccountSid, fakeKeySid, fakeKeySecret } from '../../support/fakeCredentials';

describe('Authentication session access token', () => {
  it('is version-1 JSON with the field names the twilio library takes, and parses back', () => {
    const c = { accountSid: fakeAccountSid(), apiKey: fakeKeySid(), apiSecret: fakeKeySecret(), region: 'ie1', edge: 'dublin' };
    const token = formatSessionToken(c);
    assert.deepStrictEqual(JSON.parse(token), { version: 1, ...c });
    assert.deepStrictEqual(parseSessionToken(token), { version: 1, ...c });
  });

  it('leaves region and edge out when the account has none', () => {
    const c = { accountSid: fakeAccountSid(), apiKey: fakeKeySid(), apiSecret: fakeKeySecret() };
    assert.deepStrictEqual(Object.keys(JSON.parse(formatSessionToken(c))), ['version', 'accountSid', 'apiKey', 'apiSecret']);
  });

  it('reads a later version that adds fields, and refuses what lacks the version-1 fields', () => {
    const c = { accountSid: fakeAccountSid(), apiKey: fakeKeySid(), apiSecret: fakeKeySecret() };
    assert.deepStrictEqual(parseSessionToken(JSON.stringify({ ...c, version: 2, extra: true })), { version: 1, ...c });
    for (const bad of ['', 'AC:SK:x', '{}', JSON.stringify({ ...c, version: 0 }), JSON.stringify({ ...c, apiKey: 'SK1', version: 1 }), JSON.stringify({ ...c, apiSecret: '', version: 1 })]) {
      assert.strictEqual(parseSessionToken(bad), undefined, bad);
    }
  });

  it('compares scopes as sets', () => {
    assert.ok(sameScopes(['/twilio/messaging/messages/create', '/twilio/messaging/messages/read'], ['/twilio/messaging/messages/read', '/twilio/messaging/messages/create']));
    assert.ok(!sameScopes(['/twilio/messaging/messages/create'], []));
  });
});
