// What a Functions variable holds, described without its value.
import * as assert from 'assert';
import fc from 'fast-check';
import { fingerprint } from '../../../src/core/detection';
import { classifyFunctionsVariable, isCredentialName, isCredentialShaped, KnownSecretOwner, KnownSecrets, normalizedName } from '../../../src/core/twilio/variableKinds';
import { fakeAccountSid, fakeAuthToken, fakeKeySecret, fakeKeySid } from '../../support/fakeCredentials';
import { runs } from '../fuzz/hostile';

/** What the editor's LiveSecrets offers: owners by fingerprint. */
function known(entries: [string, KnownSecretOwner][]): KnownSecrets {
  const byPrint = new Map(entries.map(([value, owner]) => [fingerprint(value), owner]));
  return { fingerprint, owner: (p) => byPrint.get(p) };
}
const nothingKnown = known([]);

describe('Twilio API: what a Functions variable holds', () => {
  const accountSid = fakeAccountSid();
  const authToken = fakeAuthToken();
  const keySid = fakeKeySid();
  const keySecret = fakeKeySecret();
  const secrets = known([
    [authToken, { accountSid, kind: 'authToken' }],
    [keySecret, { accountSid, kind: 'keySecret', keySid }],
  ]);

  it('names a secret this editor holds, whatever the variable is called', () => {
    assert.deepStrictEqual(classifyFunctionsVariable({ key: 'MY_VALUE', value: authToken }, secrets, { accountSid }), {
      kind: 'authToken',
      accountSid,
      description: 'the Auth Token',
    });
    assert.deepStrictEqual(classifyFunctionsVariable({ key: 'X', value: ` ${keySecret}\n` }, secrets), {
      kind: 'keySecret',
      accountSid,
      keySid,
      description: `the secret of key SK…${keySid.slice(-4)}`,
    });
  });

  it('says whose Auth Token it is when it belongs to another account', () => {
    const other = fakeAccountSid();
    const res = classifyFunctionsVariable({ key: 'AUTH_TOKEN', value: authToken }, secrets, { accountSid: other });
    assert.strictEqual(res?.description, `the Auth Token of account AC…${accountSid.slice(-4)}`);
  });

  it('recognises Account and API key SIDs, and gives the SID (a public identifier)', () => {
    const sid = fakeKeySid();
    assert.deepStrictEqual(classifyFunctionsVariable({ key: 'TWILIO_API_KEY', value: sid }, nothingKnown), { kind: 'keySid', sid, description: `the SID of key SK…${sid.slice(-4)}` });
    const ac = fakeAccountSid();
    assert.strictEqual(classifyFunctionsVariable({ key: 'ANYTHING', value: ac }, nothingKnown)?.kind, 'accountSid');
    assert.strictEqual(classifyFunctionsVariable({ key: 'CALL', value: 'CA' + ac.slice(2) }, nothingKnown), undefined, 'other SIDs are not credentials');
  });

  it('calls a credential-shaped value under a credential’s name an unknown secret, with its length', () => {
    for (const key of ['SENDGRID_API_KEY', 'stripeSecret', 'db-password', 'AUTH_TOKEN', 'GITHUB_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'private_key', 'TWILIO_API_SECRET']) {
      const res = classifyFunctionsVariable({ key, value: fakeKeySecret() }, nothingKnown);
      assert.deepStrictEqual(res, { kind: 'unknownSecret', length: 32, description: 'an unknown 32-character secret' }, key);
    }
    assert.strictEqual(classifyFunctionsVariable({ key: 'DB_PASSWORD', value: 'hunter2!x' }, nothingKnown)?.kind, 'unknownSecret', 'passwords may be short');
  });

  it('leaves configuration, placeholders and unsuspicious names alone', () => {
    const none: [string, string][] = [
      ['GREETING', fakeKeySecret()],
      ['TOKEN_URL', 'https://example.com/token'],
      ['API_KEY', 'your-api-key-here'],
      ['API_KEY', 'xxxxxxxxxxxxxxxxxxxxxxxx'],
      ['SECRET', 'changeme'],
      ['AUTH_TOKEN', ''],
      ['TOKEN', 'short1'],
      ['API_KEY', 'a phrase with spaces in it'],
      ['PASSWORD', 'true'],
      ['MONKEY', fakeAuthToken()],
    ];
    for (const [key, value] of none) assert.strictEqual(classifyFunctionsVariable({ key, value }, nothingKnown), undefined, `${key}=${value}`);
  });

  it('normalises names and tells credential names apart', () => {
    assert.strictEqual(normalizedName('twilioApiKey'), 'TWILIO_API_KEY');
    assert.strictEqual(normalizedName('twilio-api.key'), 'TWILIO_API_KEY');
    assert.deepStrictEqual(['MY_TOKEN', 'token', 'apiKey', 'SECRET_KEY', 'TOKENIZER', 'KEY', 'SECRETARY'].map(isCredentialName), [true, true, true, true, false, false, false]);
    assert.deepStrictEqual(['abcdefghijklmnop', 'abcdefgh12345678', 'AAAAAAAAAAAAAAAAAAAA'].map((v) => isCredentialShaped(v)), [false, true, false]);
  });

  it('never puts the value, or any 6 characters of it, in the description', () => {
    const value = fc.oneof(fc.string({ minLength: 8, maxLength: 80 }), fc.constantFrom(fakeKeySecret(), authToken, keySecret));
    const name = fc.constantFrom('API_KEY', 'AUTH_TOKEN', 'PASSWORD', 'X', 'secret');
    fc.assert(
      fc.property(name, value, (key, v) => {
        const res = classifyFunctionsVariable({ key, value: v }, secrets, { accountSid });
        if (!res) return;
        const trimmed = v.trim();
        if (res.kind === 'accountSid' || res.kind === 'keySid') return; // the SID is given on purpose
        for (let i = 0; i + 6 <= trimmed.length; i++) {
          const part = trimmed.slice(i, i + 6);
          if (/^[\s\x21-\x2f]*$/.test(part)) continue;
          assert.ok(!res.description.includes(part), `"${res.description}" holds part of the value`);
        }
      }),
      runs(500),
    );
  });
});
