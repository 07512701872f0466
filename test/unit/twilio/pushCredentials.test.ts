import * as assert from 'assert';
import { assessPushCredential } from '../../../src/core/twilio/pushCredentialHealth';
import { fakeFcmLegacyServerKey, fakeServiceAccountJson } from '../../support/fakeCredentials';
import { rejectsWith, seen, useEmulator } from './harness';

describe('Twilio API: push credentials (Conversations v1)', function () {
  this.timeout(20_000); // RSA key generation for service-account files
  const h = useEmulator();
  let serviceAccount: string;
  let sent: string[];
  let stopObserving: () => void;
  before(() => (serviceAccount = fakeServiceAccountJson()));
  beforeEach(() => {
    sent = [];
    stopObserving = h.emu.observe((x) => sent.push(x.requestBody));
  });
  afterEach(() => stopObserving());

  it('lists credentials with type, dates and (APN only) sandbox, and flags those that no longer deliver', async () => {
    h.emu.state.addPushCredential(h.emu.accountSid, { type: 'apn', friendlyName: 'iOS', sandbox: true });
    h.emu.state.addPushCredential(h.emu.accountSid, { type: 'gcm', friendlyName: 'old android', dateCreated: '2018-05-01T00:00:00Z' });
    h.emu.state.addPushCredential(h.emu.accountSid, { type: 'fcm', friendlyName: 'legacy fcm', secret: fakeFcmLegacyServerKey(), dateCreated: '2022-01-10T00:00:00Z' });
    h.emu.state.addPushCredential(h.emu.accountSid, { type: 'fcm', friendlyName: 'fcm v1', secret: serviceAccount });
    const page = await h.api.listPushCredentials(h.token);
    assert.deepStrictEqual(
      page.items.map((c) => [c.friendlyName, c.type, c.sandbox, assessPushCredential(c).status]),
      [
        ['iOS', 'apn', true, 'ok'],
        ['old android', 'gcm', undefined, 'broken'],
        ['legacy fcm', 'fcm', undefined, 'suspect'],
        ['fcm v1', 'fcm', undefined, 'ok'],
      ],
    );
    assert.strictEqual(page.items[2].dateUpdated?.toISOString(), '2022-01-10T00:00:00.000Z');
  });

  it('replaces an FCM credential’s secret with a service-account JSON in place', async () => {
    const c = h.emu.state.addPushCredential(h.emu.accountSid, { type: 'fcm', secret: fakeFcmLegacyServerKey(), dateCreated: '2022-01-10T00:00:00Z' });
    const updated = await h.api.updateFcmCredentialSecret(h.token, c.sid, `\n${serviceAccount}\n`);
    assert.strictEqual(updated.sid, c.sid);
    assert.strictEqual(h.emu.state.pushCredentials.get(c.sid)?.secret, serviceAccount);
    assert.strictEqual(assessPushCredential(updated).status, 'ok', 'changed after the shutdown');
    assert.deepStrictEqual(seen(h.emu), [`GET /v1/Credentials/${c.sid}`, `POST /v1/Credentials/${c.sid}`]);
  });

  it('refuses a legacy server key or a file that is no service account before any request', async () => {
    const c = h.emu.state.addPushCredential(h.emu.accountSid, { type: 'fcm' });
    const legacy = fakeFcmLegacyServerKey();
    const e = await rejectsWith(h.api.updateFcmCredentialSecret(h.token, c.sid, legacy), 'invalidRequest');
    assert.match(e.message, /legacy FCM server key/);
    assert.ok(!e.message.includes(legacy));
    await rejectsWith(h.api.updateFcmCredentialSecret(h.token, c.sid, '{"type":"authorized_user"}'), 'invalidRequest');
    await rejectsWith(h.api.createFcmCredential(h.token, { serviceAccountJson: 'not json' }), 'invalidRequest');
    assert.deepStrictEqual(seen(h.emu), []);
  });

  it('refuses to put a service account into a gcm credential, after reading its type only', async () => {
    const gcm = h.emu.state.addPushCredential(h.emu.accountSid, { type: 'gcm' });
    const e = await rejectsWith(h.api.updateFcmCredentialSecret(h.token, gcm.sid, serviceAccount), 'invalidRequest');
    assert.match(e.message, /Create a new FCM credential/);
    assert.deepStrictEqual(seen(h.emu), [`GET /v1/Credentials/${gcm.sid}`]);
    assert.ok(!sent.some((b) => b.includes('service_account')), 'the service account was not sent');
  });

  it('creates an FCM credential (what replaces a gcm one) and deletes a credential', async () => {
    const created = await h.api.createFcmCredential(h.token, { serviceAccountJson: serviceAccount, friendlyName: 'android' });
    assert.deepStrictEqual([created.type, created.friendlyName], ['fcm', 'android']);
    assert.strictEqual(h.emu.state.pushCredentials.get(created.sid)?.secret, serviceAccount);
    assert.deepStrictEqual(Object.keys(created).sort(), ['accountSid', 'dateCreated', 'dateUpdated', 'friendlyName', 'sid', 'type']);
    await h.api.deletePushCredential(h.token, created.sid);
    assert.strictEqual(h.emu.state.pushCredentials.has(created.sid), false);
    await rejectsWith(h.api.fetchPushCredential(h.token, created.sid), 'notFound');
  });

  it('says a create whose answer was lost may have happened', async () => {
    h.emu.faults.commitThenDrop(1);
    const e = await rejectsWith(h.api.createFcmCredential(h.token, { serviceAccountJson: serviceAccount }), 'offline');
    assert.strictEqual(e.outcomeUnknown, true);
    assert.strictEqual(h.emu.state.pushCredentials.size, 1);
  });
});
