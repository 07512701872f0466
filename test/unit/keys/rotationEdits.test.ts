// What a key rotation writes to a .env file that uses the old key.
import * as assert from 'node:assert/strict';
import { replacementEdits } from '../../../src/features/keys/rotationEdits';
import { fakeKeySecret, fakeKeySid } from '../../support/fakeCredentials';

const vars = { apiKey: 'TWILIO_API_KEY', apiSecret: 'TWILIO_API_SECRET' };

describe('rotation .env edits', () => {
  const oldSid = fakeKeySid();
  const oldSecret = fakeKeySecret();
  const created = { sid: fakeKeySid(), secret: fakeKeySecret() };

  it('every variable holding the old SID gets the new SID, every one holding the old secret the new secret', () => {
    const assignments = [
      { name: 'TWILIO_API_KEY', value: oldSid },
      { name: 'TWILIO_API_SECRET', value: oldSecret },
      { name: 'BACKUP_KEY', value: oldSid },
      { name: 'BACKUP_SECRET', value: oldSecret },
      { name: 'OTHER', value: 'x' },
    ];
    assert.deepEqual(replacementEdits(assignments, ['TWILIO_API_KEY', 'BACKUP_KEY'], oldSecret, created, vars), [
      { name: 'TWILIO_API_KEY', value: created.sid },
      { name: 'BACKUP_KEY', value: created.sid },
      { name: 'TWILIO_API_SECRET', value: created.secret },
      { name: 'BACKUP_SECRET', value: created.secret },
    ]);
  });

  it('without the old secret, the secret variable beside the key variable gets the new secret', () => {
    const assignments = [
      { name: 'TWILIO_API_KEY', value: oldSid },
      { name: 'TWILIO_API_SECRET', value: 'unknown here' },
    ];
    assert.deepEqual(replacementEdits(assignments, ['TWILIO_API_KEY'], undefined, created, vars), [
      { name: 'TWILIO_API_KEY', value: created.sid },
      { name: 'TWILIO_API_SECRET', value: created.secret },
    ]);
  });

  it('the configured variable names are the ones paired', () => {
    const assignments = [
      { name: 'SMS_KEY', value: oldSid },
      { name: 'SMS_SECRET', value: 'unknown here' },
      { name: 'TWILIO_API_SECRET', value: 'unrelated' },
    ];
    assert.deepEqual(replacementEdits(assignments, ['SMS_KEY'], undefined, created, { apiKey: 'SMS_KEY', apiSecret: 'SMS_SECRET' }), [
      { name: 'SMS_KEY', value: created.sid },
      { name: 'SMS_SECRET', value: created.secret },
    ]);
    // a SID variable that is not the configured key variable leaves secrets alone unless their value is known
    assert.deepEqual(replacementEdits(assignments, ['SMS_KEY'], undefined, created, vars), [{ name: 'SMS_KEY', value: created.sid }]);
  });
});
