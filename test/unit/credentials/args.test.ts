// The credential commands' arguments under the consent rule: a credential row stands for its
// account and SID; from this extension those answer the pickers, from anyone else they only
// pre-fill them (every field is pre-fill: no argument skips a question).
import * as assert from 'assert';
import { addPublicKeyArgs, credentialRefArgs, credentialRowRef, renameCredentialArgs } from '../../../src/features/credentials/args';
import { fakeAccountSid, fakeHex } from '../../support/fakeCredentials';

const AC = fakeAccountSid();
const CR = 'CR' + fakeHex();
const account = { accountSid: AC, label: 'Prod' };
const rows = {
  publicKey: { kind: 'accountCredential', account, credential: { sid: CR, kind: 'publicKey', friendlyName: 'signer' }, contextValue: 'publicKey' },
  push: { kind: 'pushCredential', account, credential: { sid: CR, type: 'fcm', friendlyName: 'android' }, contextValue: 'pushCredential.fcm' },
  group: { kind: 'credentialGroup', account, group: 'account' },
};

describe('Credential command arguments', () => {
  it('a credential row stands for its account and SID; any other object is not a credential row', () => {
    assert.deepStrictEqual(credentialRowRef(rows.publicKey), { accountSid: AC, sid: CR });
    assert.deepStrictEqual(credentialRowRef(rows.push), { accountSid: AC, sid: CR });
    assert.strictEqual(credentialRowRef(rows.group), undefined);
    assert.strictEqual(credentialRowRef({ accountSid: AC, sid: CR }), undefined);
    assert.deepStrictEqual(credentialRowRef({ kind: 'pushCredential', account: 'x', credential: { sid: 7 } }), { accountSid: undefined, sid: undefined });
  });

  it('from this extension, a row answers which credential; from another caller it only pre-fills the pickers', () => {
    assert.deepStrictEqual(credentialRefArgs(rows.publicKey, 'ours'), { accountSid: AC, sid: CR });
    assert.deepStrictEqual(credentialRefArgs(rows.push, 'other'), { prefill: { accountSid: AC, sid: CR } });
    assert.deepStrictEqual(credentialRefArgs({ accountSid: AC, sid: CR, confirm: true }, 'other'), { prefill: { accountSid: AC, sid: CR } });
  });

  it('a name another caller gives is only the prompt’s starting text', () => {
    assert.deepStrictEqual(renameCredentialArgs({ accountSid: AC, sid: CR, friendlyName: 'new' }, 'other'), { prefill: { accountSid: AC, sid: CR, friendlyName: 'new' } });
    assert.deepStrictEqual(addPublicKeyArgs({ accountSid: AC, friendlyName: 'signer' }, 'other'), { prefill: { accountSid: AC, friendlyName: 'signer' } });
  });

  it('every field is pre-fill: none skips a question', () => {
    for (const parse of [addPublicKeyArgs, credentialRefArgs, renameCredentialArgs]) {
      assert.ok(Object.keys(parse.roles).length >= 2);
      assert.deepStrictEqual(Object.values(parse.roles).filter((r) => r !== 'prefill'), []);
    }
  });

  it('a field of the wrong kind is refused, from anyone', () => {
    assert.throws(() => credentialRefArgs({ accountSid: 42 }, 'other'), /accountSid/);
    assert.throws(() => credentialRefArgs({ sid: 1 }, 'ours'), /sid/);
  });
});
