// AccountStore in plain Node, over in-memory global state and SecretStorage: what a user would
// say about their accounts and secrets, checked against what the two storages hold.
import * as assert from 'assert';
import { AccountStore } from '../../../src/services/accountStore';
import { holdsKeySecret } from '../../../src/services/model';
import { InMemoryMemento, InMemorySecretStorage } from '../../support/inMemoryStorage';
import { fakeAccountSid, fakeAuthToken, fakeKeySecret, fakeKeySid } from '../../support/fakeCredentials';

function setup() {
  const state = new InMemoryMemento();
  const secrets = new InMemorySecretStorage();
  const store = new AccountStore(state, secrets);
  let changes = 0;
  store.onDidChange(() => changes++);
  return { state, secrets, store, changes: () => changes };
}

async function connectWithAuthToken(store: AccountStore, label = 'Prod') {
  const accountSid = fakeAccountSid();
  const authToken = fakeAuthToken();
  await store.connect({ accountSid, label, auth: 'authToken', region: 'ie1', edge: 'dublin' }, authToken);
  return { accountSid, authToken };
}

/** Lets the store handle SecretStorage events (it reconciles asynchronously). */
const settle = () => new Promise((r) => setImmediate(r));

describe('AccountStore', () => {
  it('keeps an Auth Token in SecretStorage and only metadata in global state', async () => {
    const { state, secrets, store, changes } = setup();
    const { accountSid, authToken } = await connectWithAuthToken(store);
    assert.deepStrictEqual(await store.credentials(accountSid), { accountSid, auth: { kind: 'authToken', authToken }, region: 'ie1', edge: 'dublin' });
    assert.ok(!state.dump().includes(authToken), 'no secret in global state');
    assert.strictEqual(secrets.keys().length, 1);
    assert.deepStrictEqual(store.roots().map((a) => a.label), ['Prod']);
    assert.ok(changes() > 0, 'the change was announced');
  });

  it('leaves no account behind when SecretStorage refuses the secret', async () => {
    const { state, secrets, store } = setup();
    secrets.failStoreWith = new Error('keyring is locked');
    await assert.rejects(connectWithAuthToken(store), /keyring is locked/);
    assert.deepStrictEqual(store.list(), []);
    assert.deepStrictEqual(state.keys(), []);
  });

  it('keeps the previous connection when a reconnection cannot store its secret', async () => {
    const { secrets, store } = setup();
    const { accountSid, authToken } = await connectWithAuthToken(store);
    secrets.failStoreWith = new Error('keyring is locked');
    await assert.rejects(store.connect({ accountSid, label: 'Renamed', auth: 'apiKey', apiKeySid: fakeKeySid() }, fakeKeySecret()));
    assert.strictEqual(store.get(accountSid)?.label, 'Prod');
    assert.deepStrictEqual((await store.credentials(accountSid))?.auth, { kind: 'authToken', authToken });
  });

  it('reconnecting with a Main key drops the stored Auth Token', async () => {
    const { secrets, store } = setup();
    const { accountSid } = await connectWithAuthToken(store);
    const keySid = fakeKeySid();
    const keySecret = fakeKeySecret();
    await store.connect({ accountSid, label: 'Prod', auth: 'apiKey', apiKeySid: keySid }, keySecret);
    assert.deepStrictEqual((await store.credentials(accountSid))?.auth, { kind: 'apiKey', keySid, keySecret });
    const values = await Promise.all(secrets.keys().map((k) => secrets.get(k)));
    assert.deepStrictEqual(values, [keySecret], 'the Auth Token is gone from SecretStorage');
  });

  it("a disconnected account's secrets, its keys' and its subaccounts' are gone from SecretStorage", async () => {
    const { state, secrets, store } = setup();
    const { accountSid } = await connectWithAuthToken(store);
    const other = await connectWithAuthToken(store, 'Other');
    const [k1, k2] = [fakeKeySid(), fakeKeySid()];
    await store.storeKeySecret(accountSid, k1, fakeKeySecret());
    await store.storeKeySecret(accountSid, k2, fakeKeySecret());
    await store.storeSecondaryAuthToken(accountSid, fakeAuthToken());
    const sub = await store.ensureSubaccount(accountSid, { sid: fakeAccountSid(), friendlyName: 'Customer A' });
    await store.storeKeySecret(sub.accountSid, fakeKeySid(), fakeKeySecret());
    const otherKey = fakeKeySid();
    await store.storeKeySecret(other.accountSid, otherKey, fakeKeySecret());

    await store.disconnect(accountSid);

    assert.deepStrictEqual(store.list().map((a) => a.accountSid), [other.accountSid]);
    assert.deepStrictEqual(secrets.keys().sort(), [`twilioCredentials/account/${other.accountSid}/authToken`, `twilioCredentials/key/${other.accountSid}/${otherKey}`].sort());
    assert.ok(state.keys().every((k) => k.includes(other.accountSid)), `global state keeps only the other account: ${state.keys().join(', ')}`);
    assert.strictEqual(store.pendingSecondarySince(accountSid), undefined);
  });

  it('a key secret stored or removed by another window shows in the account, announced', async () => {
    const { secrets, store, changes } = setup();
    const { accountSid } = await connectWithAuthToken(store);
    const keySid = fakeKeySid();
    const before = changes();
    secrets.fromElsewhere(`twilioCredentials/key/${accountSid}/${keySid}`, fakeKeySecret());
    await settle();
    assert.deepStrictEqual(store.get(accountSid)?.storedKeySids, [keySid]);
    assert.ok(changes() > before, 'announced');
    secrets.fromElsewhere(`twilioCredentials/key/${accountSid}/${keySid}`, undefined);
    await settle();
    assert.deepStrictEqual(store.get(accountSid)?.storedKeySids, []);
  });

  it('gives the secret of the Main key it signs in with and of keys created here; holdsKeySecret agrees from metadata', async () => {
    const { store } = setup();
    const accountSid = fakeAccountSid();
    const main = { sid: fakeKeySid(), secret: fakeKeySecret() };
    await store.connect({ accountSid, label: 'Keyed', auth: 'apiKey', apiKeySid: main.sid }, main.secret);
    const created = { sid: fakeKeySid(), secret: fakeKeySecret() };
    await store.storeKeySecret(accountSid, created.sid, created.secret);
    const unknown = fakeKeySid();

    const account = store.get(accountSid)!;
    assert.deepStrictEqual([main.sid, created.sid, unknown].map((sid) => holdsKeySecret(account, sid)), [true, true, false]);
    assert.strictEqual(await store.storedKeySecret(accountSid, main.sid), main.secret);
    assert.strictEqual(await store.storedKeySecret(accountSid, created.sid), created.secret);
    assert.strictEqual(await store.storedKeySecret(accountSid, unknown), undefined);
    assert.strictEqual(await store.getKeySecret(accountSid, main.sid), undefined, 'getKeySecret is for keys created or imported here');

    await store.forgetKeySecret(accountSid, created.sid);
    assert.strictEqual(holdsKeySecret(store.get(accountSid)!, created.sid), false);
    assert.strictEqual(await store.storedKeySecret(accountSid, created.sid), undefined);
  });

  it("manages a subaccount with its parent's Auth Token, addressed by its own SID, in the parent's region", async () => {
    const { store } = setup();
    const { accountSid, authToken } = await connectWithAuthToken(store);
    const subSid = fakeAccountSid();
    const sub = await store.ensureSubaccount(accountSid, { sid: subSid, friendlyName: '' });
    assert.strictEqual(sub.label, subSid, 'a subaccount without a name is labelled by its SID');
    assert.deepStrictEqual(await store.credentials(subSid), { accountSid: subSid, parentAccountSid: accountSid, auth: { kind: 'authToken', authToken }, region: 'ie1', edge: 'dublin' });
    assert.deepStrictEqual(store.roots().map((a) => a.accountSid), [accountSid], 'subaccounts are not roots');
    assert.strictEqual(await store.ensureSubaccount(accountSid, { sid: subSid, friendlyName: 'renamed' }).then((r) => r.connectedAt), sub.connectedAt, 'recorded once');
    await assert.rejects(store.ensureSubaccount(fakeAccountSid(), { sid: fakeAccountSid(), friendlyName: 'orphan' }));
  });

  it('says how to restore missing credentials', async () => {
    const { secrets, store } = setup();
    const { accountSid } = await connectWithAuthToken(store);
    secrets.fromElsewhere(`twilioCredentials/account/${accountSid}/authToken`, undefined);
    await assert.rejects(store.requireCredentials(store.get(accountSid)!), /credentials of "Prod" are missing.*Update Credentials/);
  });

  it('a secondary Auth Token waits with its date in global state and its value in SecretStorage only', async () => {
    const { state, store } = setup();
    const { accountSid } = await connectWithAuthToken(store);
    const secondary = fakeAuthToken();
    await store.storeSecondaryAuthToken(accountSid, secondary);
    assert.ok(store.pendingSecondarySince(accountSid));
    assert.ok(!state.dump().includes(secondary));
    assert.strictEqual(await store.getSecondaryAuthToken(accountSid), secondary);
    assert.strictEqual(store.authTokenState(accountSid)?.kind, 'secondaryWaiting');
    await store.adoptSecondaryAuthToken(accountSid);
    assert.strictEqual(store.pendingSecondarySince(accountSid), undefined);
    assert.strictEqual(store.authTokenState(accountSid), undefined);
    assert.strictEqual(await store.getSecondaryAuthToken(accountSid), undefined);
    assert.deepStrictEqual((await store.credentials(accountSid))?.auth, { kind: 'authToken', authToken: secondary });
  });

  it('a promotion of unknown outcome keeps both tokens, marked by a date only, until it is settled', async () => {
    const { state, store } = setup();
    const { accountSid, authToken } = await connectWithAuthToken(store);
    const secondary = fakeAuthToken();
    await store.storeSecondaryAuthToken(accountSid, secondary);
    await store.markAuthTokenUnknown(accountSid);
    assert.strictEqual(store.authTokenState(accountSid)?.kind, 'unknown');
    assert.ok(!state.dump().includes(secondary) && !state.dump().includes(authToken), 'no token in global state');
    assert.deepStrictEqual((await store.credentials(accountSid))?.auth, { kind: 'authToken', authToken });
    assert.strictEqual(await store.getSecondaryAuthToken(accountSid), secondary);
    // Found not promoted: the secondary waits again.
    await store.promotionNotDone(accountSid);
    assert.strictEqual(store.authTokenState(accountSid)?.kind, 'secondaryWaiting');
    // Unknown again, then found refused: the secondary goes, the credential stays.
    await store.markAuthTokenUnknown(accountSid);
    await store.forgetSecondaryAuthToken(accountSid);
    assert.strictEqual(store.authTokenState(accountSid), undefined);
    assert.deepStrictEqual((await store.credentials(accountSid))?.auth, { kind: 'authToken', authToken });
  });

  it('adopting the secondary stores it as the credential before removing it: a failed store keeps both', async () => {
    const { secrets, store } = setup();
    const { accountSid, authToken } = await connectWithAuthToken(store);
    const secondary = fakeAuthToken();
    await store.storeSecondaryAuthToken(accountSid, secondary);
    await store.markAuthTokenUnknown(accountSid);
    secrets.failStoreWith = new Error('keyring is locked');
    await assert.rejects(store.adoptSecondaryAuthToken(accountSid), /keyring is locked/);
    assert.deepStrictEqual((await store.credentials(accountSid))?.auth, { kind: 'authToken', authToken });
    assert.strictEqual(await store.getSecondaryAuthToken(accountSid), secondary, 'the secondary is still stored');
    assert.strictEqual(store.authTokenState(accountSid)?.kind, 'unknown');
    secrets.failStoreWith = undefined;
    await store.adoptSecondaryAuthToken(accountSid);
    assert.deepStrictEqual((await store.credentials(accountSid))?.auth, { kind: 'authToken', authToken: secondary });
    assert.strictEqual(store.authTokenState(accountSid), undefined);
  });

  it('disconnecting forgets a rotation of unknown outcome too', async () => {
    const { state, store } = setup();
    const { accountSid } = await connectWithAuthToken(store);
    await store.storeSecondaryAuthToken(accountSid, fakeAuthToken());
    await store.markAuthTokenUnknown(accountSid);
    await store.disconnect(accountSid);
    assert.deepStrictEqual(state.keys(), []);
    assert.strictEqual(store.authTokenState(accountSid), undefined);
  });

  it('lists every stored secret value for the live-secret check, the secondary token included', async () => {
    const { store } = setup();
    const { accountSid, authToken } = await connectWithAuthToken(store);
    const keySid = fakeKeySid();
    const keySecret = fakeKeySecret();
    const secondary = fakeAuthToken();
    await store.storeKeySecret(accountSid, keySid, keySecret);
    await store.storeSecondaryAuthToken(accountSid, secondary);
    const values = await store.allSecretValues();
    assert.deepStrictEqual(
      values.map((v) => [v.kind, v.keySid, v.value === authToken || v.value === secondary || v.value === keySecret]),
      [
        ['authToken', undefined, true],
        ['authToken', undefined, true],
        ['keySecret', keySid, true],
      ],
    );
  });

  it('stops following SecretStorage once disposed', async () => {
    const { secrets, store, changes } = setup();
    const { accountSid } = await connectWithAuthToken(store);
    store.dispose();
    const before = changes();
    secrets.fromElsewhere(`twilioCredentials/key/${accountSid}/${fakeKeySid()}`, fakeKeySecret());
    await settle();
    assert.strictEqual(changes(), before);
  });
});
