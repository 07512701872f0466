// pickAccount resolves the account a command was given. A subaccount row names a subaccount whose
// record may not exist yet (rows are drawn without writing): resolving it records it, under its
// parent, through AccountStore.ensureSubaccount; it never falls back to the parent.
import * as assert from 'assert';
import { AccountStore } from '../../../src/services/accountStore';
import { pickAccount } from '../../../src/features/accounts/pickAccount';
import { InMemoryMemento, InMemorySecretStorage } from '../../support/inMemoryStorage';
import { fakeAccountSid, fakeAuthToken } from '../../support/fakeCredentials';

async function oneAccount() {
  const store = new AccountStore(new InMemoryMemento(), new InMemorySecretStorage());
  const parentSid = fakeAccountSid();
  await store.connect({ accountSid: parentSid, label: 'Parent', auth: 'authToken', region: 'ie1', edge: 'dublin' }, fakeAuthToken());
  return { store, parentSid };
}

describe('pickAccount', () => {
  it('a subaccount named by its row, not yet recorded, is recorded under its parent and acted on', async () => {
    const { store, parentSid } = await oneAccount();
    const subSid = fakeAccountSid();
    const picked = await pickAccount(store, { accountSid: subSid, subaccount: { parentSid, friendlyName: 'Customer B' } });
    assert.strictEqual(picked.accountSid, subSid, 'the subaccount, not the only connected account');
    assert.strictEqual(picked.parentAccountSid, parentSid);
    assert.strictEqual(picked.region, 'ie1', "in its parent's region");
    assert.deepStrictEqual(store.get(subSid), picked, 'recorded');
    const again = await pickAccount(store, { accountSid: subSid, subaccount: { parentSid, friendlyName: 'renamed' } });
    assert.strictEqual(again.connectedAt, picked.connectedAt, 'recorded once');
  });

  it('refuses a subaccount whose parent is gone, and an unknown SID given without a row', async () => {
    const { store } = await oneAccount();
    const subSid = fakeAccountSid();
    await assert.rejects(pickAccount(store, { accountSid: subSid, subaccount: { parentSid: fakeAccountSid(), friendlyName: 'orphan' } }), /No connected account has the SID/);
    await assert.rejects(pickAccount(store, subSid), /No connected account has the SID/);
    await assert.rejects(pickAccount(store, { accountSid: subSid }), /No connected account has the SID/);
    assert.strictEqual(store.get(subSid), undefined, 'nothing recorded');
  });

  it('names by SID string or ref alike, and with none the only account', async () => {
    const { store, parentSid } = await oneAccount();
    assert.strictEqual((await pickAccount(store, parentSid)).accountSid, parentSid);
    assert.strictEqual((await pickAccount(store, { accountSid: parentSid })).accountSid, parentSid);
    assert.strictEqual((await pickAccount(store, {})).accountSid, parentSid);
    assert.strictEqual((await pickAccount(store)).accountSid, parentSid);
  });
});
