import * as assert from 'assert';
import { parseChoice, variablesFor, describeChoice, storedForm } from '../../../src/features/terminals/choice';
import { fakeAccountSid, fakeKeySid, fakeKeySecret, fakeAuthToken } from '../../support/fakeCredentials';

const names = { accountSid: 'TWILIO_ACCOUNT_SID', apiKey: 'TWILIO_API_KEY', apiSecret: 'TWILIO_API_SECRET', authToken: 'TWILIO_AUTH_TOKEN' };

describe('Terminal credentials choice', () => {
  it('reads back a stored choice of a key or of the Auth Token', () => {
    const accountSid = fakeAccountSid();
    const keySid = fakeKeySid();
    assert.deepStrictEqual(parseChoice({ accountSid, keySid }), { accountSid, keySid });
    assert.deepStrictEqual(parseChoice({ accountSid }), { accountSid });
  });

  it('drops a malformed or hostile stored entry instead of using it', () => {
    for (const bad of [undefined, null, 'AC', 42, {}, { accountSid: 'ACnothex' }, { accountSid: fakeAccountSid(), keySid: 'SK1' }, { accountSid: fakeAccountSid(), keySid: 7 }]) {
      assert.strictEqual(parseChoice(bad), undefined, JSON.stringify(bad));
    }
  });

  it('stores SIDs only, even when handed an object carrying more', () => {
    const accountSid = fakeAccountSid();
    const keySid = fakeKeySid();
    const withSecret = { accountSid, keySid, secret: fakeKeySecret() } as { accountSid: string; keySid: string };
    assert.deepStrictEqual(Object.keys(storedForm(withSecret)).sort(), ['accountSid', 'keySid']);
  });

  it('gives a key choice the three key variables, under the configured names', () => {
    const accountSid = fakeAccountSid();
    const keySid = fakeKeySid();
    const secret = fakeKeySecret();
    assert.deepStrictEqual(variablesFor({ accountSid, keySid }, secret, { ...names, apiSecret: 'MY_SECRET' }), [
      ['TWILIO_ACCOUNT_SID', accountSid],
      ['TWILIO_API_KEY', keySid],
      ['MY_SECRET', secret],
    ]);
  });

  it('gives an Auth Token choice the Account SID and the token', () => {
    const accountSid = fakeAccountSid();
    const token = fakeAuthToken();
    assert.deepStrictEqual(variablesFor({ accountSid }, token, names), [
      ['TWILIO_ACCOUNT_SID', accountSid],
      ['TWILIO_AUTH_TOKEN', token],
    ]);
  });

  it('describes the choice with names and SIDs, and says a key beats the Auth Token', () => {
    const accountSid = fakeAccountSid();
    const keySid = fakeKeySid();
    const key = describeChoice({ accountSid, keySid }, 'Prod', 'ci key', names);
    assert.match(key, /TWILIO_API_SECRET/);
    assert.ok(key.includes(keySid) && key.includes('ci key') && key.includes('Prod'));
    assert.match(describeChoice({ accountSid }, 'Prod', undefined, names), /API key is better/);
  });
});
