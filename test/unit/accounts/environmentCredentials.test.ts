// Which credentials the "connect from environment" offer may propose.
import * as assert from 'node:assert/strict';
import { findEnvironmentCredentials } from '../../../src/features/accounts/environmentCredentials';
import { fakeAccountSid, fakeAuthToken } from '../../support/fakeCredentials';

describe('findEnvironmentCredentials', () => {
  const envFile = () => ({ label: '.env', assignments: [{ name: 'TWILIO_ACCOUNT_SID', value: fakeAccountSid() }, { name: 'TWILIO_AUTH_TOKEN', value: fakeAuthToken() }] });

  it('offers credentials from a trusted workspace\'s .env', () => {
    const found = findEnvironmentCredentials({}, [envFile()], { workspaceTrusted: true });
    assert.deepEqual(found.map((f) => f.source), ['.env']);
  });

  it('in Restricted Mode never offers credentials from the untrusted workspace\'s .env (an attacker\'s account)', () => {
    assert.deepEqual(findEnvironmentCredentials({}, [envFile()], { workspaceTrusted: false }), []);
  });

  it('in Restricted Mode still offers the user\'s own process environment', () => {
    const env = { TWILIO_ACCOUNT_SID: fakeAccountSid(), TWILIO_AUTH_TOKEN: fakeAuthToken() };
    const found = findEnvironmentCredentials(env, [envFile()], { workspaceTrusted: false });
    assert.deepEqual(found.map((f) => f.source), ['environment']);
  });
});
