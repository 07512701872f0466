// What Use Key in Functions is called with: a key row, an environment row of the Functions group,
// an argument object or nothing. Every field only pre-fills a question; none is a value. From this
// extension's own rows and flows the fields answer their questions; from anyone else (a look-alike
// of a row included) they only suggest the pickers' starting answers.
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
    assert.deepStrictEqual(useKeyInFunctionsArgs({ kind: 'key', account: { accountSid }, key: { sid: keySid } }, 'ours'), { accountSid, keySid });
  });

  it('takes the account, service and environment of an environment row', () => {
    const row = { kind: 'functionsEnvironment', account: { accountSid, label: 'Prod' }, service: { sid: serviceSid }, environment: { sid: environmentSid } };
    assert.deepStrictEqual(useKeyInFunctionsArgs(row, 'ours'), { accountSid, serviceSid, environmentSid });
    assert.throws(() => useKeyInFunctionsArgs({ ...row, environment: {} }, 'ours'), InvalidArgument);
  });

  it('takes an argument object, ignoring unknown fields and refusing a field of the wrong kind', () => {
    const keySid = fakeKeySid();
    assert.deepStrictEqual(useKeyInFunctionsArgs({ accountSid, keySid, serviceSid: 'notify', environmentSid: 'production', confirm: true }, 'ours'), {
      accountSid,
      keySid,
      serviceSid: 'notify',
      environmentSid: 'production',
    });
    assert.deepStrictEqual(useKeyInFunctionsArgs(undefined, 'ours'), {});
    assert.throws(() => useKeyInFunctionsArgs({ serviceSid: 42 }, 'ours'), /"serviceSid" must be a string/);
  });

  it('from another caller, an object or a look-alike of an environment row only suggests: nothing is answered', () => {
    const keySid = fakeKeySid();
    const object = useKeyInFunctionsArgs({ accountSid, keySid, serviceSid: 'notify', environmentSid: 'production', confirm: true }, 'other');
    assert.deepStrictEqual(object, { prefill: { accountSid, keySid, serviceSid: 'notify', environmentSid: 'production' } });
    const row = { kind: 'functionsEnvironment', account: { accountSid }, service: { sid: serviceSid }, environment: { sid: environmentSid } };
    const lookAlike = useKeyInFunctionsArgs(row, 'other');
    assert.deepStrictEqual(lookAlike, { prefill: { accountSid, serviceSid, environmentSid } });
  });

  it('declares every field a pre-fill, none a consent (the confirmation is always shown)', () => {
    assert.deepStrictEqual({ ...useKeyInFunctionsArgs.roles }, { accountSid: 'prefill', keySid: 'prefill', serviceSid: 'prefill', environmentSid: 'prefill' });
  });
});
