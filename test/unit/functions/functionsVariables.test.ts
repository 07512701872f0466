// A page of Functions variables becomes what the tree keeps: only the variables that hold a
// credential, said in words, without any value.
import * as assert from 'assert';
import { credentialVariables, keyParts, variablesKey, environmentsKey } from '../../../src/services/functionsVariables';
import { knownSecrets } from '../../../src/services/secretOwners';
import { fingerprint } from '../../../src/core/detection';
import type { FunctionsVariable } from '../../../src/core/twilio/types';
import type { KnownSecretOwner } from '../../../src/core/twilio/variableKinds';
import { fakeAccountSid, fakeAuthToken, fakeHex, fakeKeySecret, fakeKeySid } from '../../support/fakeCredentials';

const serviceSid = 'ZS' + fakeHex();
const environmentSid = 'ZE' + fakeHex();
const variable = (key: string, value: string): FunctionsVariable => ({ sid: 'ZV' + fakeHex(), serviceSid, environmentSid, key, value });

describe('Functions variables kept by the tree', () => {
  it('keeps the credentials, says what each holds, and drops the values', () => {
    const accountSid = fakeAccountSid();
    const token = fakeAuthToken();
    const keySid = fakeKeySid();
    const keySecret = fakeKeySecret();
    const unknown = fakeKeySecret();
    const owners = new Map<string, KnownSecretOwner>([
      [fingerprint(token), { accountSid, kind: 'authToken' }],
      [fingerprint(keySecret), { accountSid, kind: 'keySecret', keySid }],
    ]);
    const page = [
      variable('AUTH', token),
      variable('SECRET_OF_KEY', keySecret),
      variable('KEY', keySid),
      variable('ACCOUNT', accountSid),
      variable('PAYMENTS_API_KEY', unknown),
      variable('GREETING', 'Hello there, how are you'),
      variable('PORT', '3000'),
    ];
    const kept = credentialVariables(page, knownSecrets(owners), accountSid);
    assert.deepStrictEqual(
      kept.map((v) => [v.key, v.holds.kind, v.holds.description]),
      [
        ['AUTH', 'authToken', 'the Auth Token'],
        ['SECRET_OF_KEY', 'keySecret', `the secret of key SK…${keySid.slice(-4)}`],
        ['KEY', 'keySid', `the SID of key SK…${keySid.slice(-4)}`],
        ['ACCOUNT', 'accountSid', `the Account SID AC…${accountSid.slice(-4)}`],
        ['PAYMENTS_API_KEY', 'unknownSecret', 'an unknown 32-character secret'],
      ],
    );
    const text = JSON.stringify(kept);
    for (const secret of [token, keySecret, unknown]) assert.ok(!text.includes(secret), 'no secret value is kept');
    assert.ok(kept.every((v) => !('value' in v)));
  });

  it('names its lists by account, service and environment', () => {
    const accountSid = fakeAccountSid();
    assert.deepStrictEqual(keyParts(variablesKey(accountSid, { serviceSid, environmentSid })), { accountSid, serviceSid, environmentSid });
    assert.deepStrictEqual(keyParts(environmentsKey(accountSid, serviceSid)), { accountSid, serviceSid, environmentSid: undefined });
    assert.deepStrictEqual(keyParts(accountSid), { accountSid, serviceSid: undefined, environmentSid: undefined });
  });
});
