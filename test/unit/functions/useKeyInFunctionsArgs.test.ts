// What Use Key in Functions is called with: a key row, an environment row of the Functions group,
// an argument object or nothing. Every field only pre-fills a question; none is a value.
import * as assert from 'assert';
import { useKeyInFunctionsArgs } from '../../../src/features/functions/useKeyInFunctionsArgs';
import { InvalidArgument } from '../../../src/core/util/commandArgs';
import { fakeAccountSid, fakeHex, fakeKeySid } from '../../support/fakeCredentials';

describe('Use Key in Functions: its argument', () => {
  const accountSid = fakeAccountSid();
  const serviceSid = 'ZS' + fakeHex();
  const environmentSid = 'ZE' + fakeHex();

  it('takes the account and key of a key row', () => {
    const keySid = fakeKeySid();
    assert.deepStrictEqual(useKeyInFunctionsArgs({ kind: 'key', account: { accountSid }, key: { sid: keySid } }), { accountSid, keySid });
  });

  it('takes the account, service and environment of an environment row', () => {
    const row = { kind: 'functionsEnvironment', account: { accountSid, label: 'Prod' }, service: { sid: serviceSid }, environment: { sid: environmentSid } };
    assert.deepStrictEqual(useKeyInFunctionsArgs(row), { accountSid, serviceSid, environmentSid });
    assert.throws(() => useKeyInFunctionsArgs({ ...row, environment: {} }), InvalidArgument);
  });

  it('takes an argument object, ignoring unknown fields and refusing a field of the wrong kind', () => {
    const keySid = fakeKeySid();
    assert.deepStrictEqual(useKeyInFunctionsArgs({ accountSid, keySid, serviceSid: 'notify', environmentSid: 'production', confirm: true }), {
      accountSid,
      keySid,
      serviceSid: 'notify',
      environmentSid: 'production',
    });
    assert.deepStrictEqual(useKeyInFunctionsArgs(undefined), {});
    assert.throws(() => useKeyInFunctionsArgs({ serviceSid: 42 }), /"serviceSid" must be a string/);
  });
});
