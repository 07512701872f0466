// Twilio facts the whole extension shares from src/core/twilio/types.ts: limits, the Console page, and
// a created key without its secret.
import * as assert from 'node:assert/strict';
import { MAX_FRIENDLY_NAME, MAX_PERMISSIONS, consoleKeysUrl, stripSecret } from '../../../src/core/twilio/types';
import { fakeKeySecret, fakeKeySid } from '../../support/fakeCredentials';

describe('Twilio key facts', () => {
  it('the limits Twilio documents', () => {
    assert.equal(MAX_FRIENDLY_NAME, 64);
    assert.equal(MAX_PERMISSIONS, 100);
  });

  it('the Console page of the API keys, or of one key', () => {
    assert.equal(consoleKeysUrl(), 'https://console.twilio.com/us1/account/keys-credentials/api-keys');
    const sid = fakeKeySid();
    assert.equal(consoleKeysUrl(sid), `https://console.twilio.com/us1/account/keys-credentials/api-keys/${sid}`);
  });

  it('a created key goes into lists without its secret', () => {
    const key = { sid: fakeKeySid(), friendlyName: 'k', type: 'restricted' as const, permissions: ['/twilio/voice/calls/read'], secret: fakeKeySecret() };
    const stripped = stripSecret(key);
    assert.deepEqual(stripped, { sid: key.sid, friendlyName: 'k', type: 'restricted', permissions: ['/twilio/voice/calls/read'] });
    assert.ok(!JSON.stringify(stripped).includes(key.secret));
  });
});
