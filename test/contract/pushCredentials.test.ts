// Conversations v1 push credentials (conversations.twilio.com/v1/Credentials): apn, gcm and fcm,
// every operation and error path checked against Twilio's OpenAPI description as it happens
// (harness.ts). Certificates, private keys, API keys and secrets are write-only.
import * as assert from 'assert';
import { randomBytes } from 'crypto';
import { PERMISSIONS } from '../emulator/server';
import { fakeFcmLegacyServerKey, fakeGoogleApiKey, fakeRsaKeyPair, fakeServiceAccountJson } from '../support/fakeCredentials';
import { assertCovered, OUTCOME, useContractEmulator } from './harness';
import { PUSH_CREATE, PUSH_DELETE, PUSH_FETCH, PUSH_LIST, PUSH_UPDATE } from './operations';

const { unauthenticated: UNAUTHENTICATED, notFound: NOT_FOUND, invalid: INVALID, denied: DENIED } = OUTCOME;

describe('Contract: push credentials (Conversations v1)', function () {
  this.timeout(20_000); // RSA key generation
  const h = useContractEmulator();
  const create = (form: Record<string, string>) => h.call('POST', '/v1/Credentials', { ...h.tokenAuth(), form });
  const noneOf = (...material: string[]) => {
    for (const body of h.responseBodies()) for (const m of material) assert.ok(!body.includes(m), 'an answer carried write-only material');
  };

  after(() =>
    assertCovered(h, {
      [PUSH_LIST]: ['200', UNAUTHENTICATED, INVALID, OUTCOME.invalidPageToken, DENIED],
      [PUSH_CREATE]: ['201', UNAUTHENTICATED, INVALID, DENIED],
      [PUSH_FETCH]: ['200', UNAUTHENTICATED, NOT_FOUND, DENIED],
      [PUSH_UPDATE]: ['200', UNAUTHENTICATED, NOT_FOUND, INVALID, DENIED],
      [PUSH_DELETE]: ['204', UNAUTHENTICATED, NOT_FOUND, DENIED],
    }),
  );

  it('creates one credential of each type (Type in any case); no answer carries the material', async () => {
    const apn = fakeRsaKeyPair();
    const gcmKey = fakeGoogleApiKey();
    const fcmJson = fakeServiceAccountJson();
    const a = await create({ Type: 'apn', FriendlyName: 'iOS', Certificate: apn.publicKey, PrivateKey: apn.privateKey, Sandbox: 'true' });
    const g = await create({ Type: 'GcM', ApiKey: gcmKey });
    const f = await create({ Type: 'FCM', Secret: fcmJson });
    assert.deepStrictEqual([a.status, a.json.type, a.json.sandbox], [201, 'apn', 'True']);
    assert.deepStrictEqual([g.json.type, g.json.sandbox, f.json.type], ['gcm', 'False', 'fcm']);
    assert.deepStrictEqual(Object.keys(f.json).sort(), ['account_sid', 'date_created', 'date_updated', 'friendly_name', 'sandbox', 'sid', 'type', 'url']);
    const listed = await h.call('GET', '/v1/Credentials', h.tokenAuth());
    assert.deepStrictEqual(listed.json.credentials.map((c: { type: string }) => c.type), ['apn', 'gcm', 'fcm']);
    await h.call('GET', `/v1/Credentials/${f.json.sid}`, h.tokenAuth());
    assert.strictEqual(h.emu.state.pushCredentials.get(f.json.sid)?.secret, fcmJson, 'Twilio keeps the secret it was sent');
    noneOf(apn.privateKey.split('\n')[1], gcmKey, JSON.parse(fcmJson).private_key_id, JSON.parse(fcmJson).private_key.split('\n')[1]);
  });

  it('replaces an FCM credential’s secret in place; the SID and type stay, date_updated moves on', async () => {
    const legacy = fakeFcmLegacyServerKey();
    const seeded = h.emu.state.addPushCredential(h.emu.accountSid, { type: 'fcm', secret: legacy, dateCreated: '2023-03-01T10:00:00Z' });
    const json = fakeServiceAccountJson();
    const res = await h.call('POST', `/v1/Credentials/${seeded.sid}`, { ...h.tokenAuth(), form: { Secret: json } });
    assert.deepStrictEqual([res.status, res.json.sid, res.json.type, res.json.date_created], [200, seeded.sid, 'fcm', '2023-03-01T10:00:00Z']);
    assert.ok(Date.parse(res.json.date_updated) > Date.parse('2024-06-20T00:00:00Z'));
    assert.strictEqual(h.emu.state.pushCredentials.get(seeded.sid)?.secret, json);
    noneOf(legacy, JSON.parse(json).private_key_id);
  });

  it('refuses a missing or unknown Type, a missing secret, material of another type, and a change of type', async () => {
    const before = h.emu.state.pushCredentials.size;
    for (const form of [
      {},
      { Type: 'webpush', Secret: 'x' },
      { Type: 'fcm' },
      { Type: 'apn', Certificate: 'c' },
      { Type: 'gcm', Secret: 'x', ApiKey: 'k' },
      { Type: 'fcm', Secret: 'x', Sandbox: 'true' },
      { Type: 'fcm', Secret: 'x', FriendlyName: 'f'.repeat(65) },
    ]) {
      await h.expectError('POST', '/v1/Credentials', { ...h.tokenAuth(), form }, 400, 20001);
    }
    assert.strictEqual(h.emu.state.pushCredentials.size, before, 'nothing was created');
    const gcm = h.emu.state.addPushCredential(h.emu.accountSid, { type: 'gcm' });
    const one = `/v1/Credentials/${gcm.sid}`;
    await h.expectError('POST', one, { ...h.tokenAuth(), form: { Type: 'fcm', Secret: 'x' } }, 400, 20001);
    await h.expectError('POST', one, { ...h.tokenAuth(), form: { Secret: 'x' } }, 400, 20001);
    assert.strictEqual(h.emu.state.pushCredentials.get(gcm.sid)?.type, 'gcm', 'a refused update changes nothing');
    assert.strictEqual((await h.call('POST', one, { ...h.tokenAuth(), form: { Type: 'GCM', FriendlyName: 'old android' } })).json.friendly_name, 'old android');
  });

  it('pages, and deletes once', async () => {
    const seeded = [1, 2, 3].map((i) => h.emu.state.addPushCredential(h.emu.accountSid, { type: 'fcm', friendlyName: `f${i}` }));
    const first = await h.call('GET', '/v1/Credentials?PageSize=2', h.tokenAuth());
    const next = new URL(first.json.meta.next_page_url);
    const second = await h.call('GET', next.pathname + next.search, h.tokenAuth());
    assert.deepStrictEqual([...first.json.credentials, ...second.json.credentials].map((c: { sid: string }) => c.sid), seeded.map((c) => c.sid));
    await h.expectError('GET', '/v1/Credentials?PageSize=1001', h.tokenAuth(), 400, 20001);
    await h.expectError('GET', `/v1/Credentials?PageToken=PB${'CR' + randomBytes(16).toString('hex')}`, h.tokenAuth(), 400, 21481);
    const one = `/v1/Credentials/${seeded[0].sid}`;
    assert.strictEqual((await h.call('DELETE', one, h.tokenAuth())).status, 204);
    await h.expectError('DELETE', one, h.tokenAuth(), 404, 20404);
    await h.expectError('GET', one, h.tokenAuth(), 404, 20404);
    await h.expectError('POST', one, { ...h.tokenAuth(), form: { FriendlyName: 'x' } }, 404, 20404);
  });

  it('answers wrong credentials 401, a restricted key without the permission 403, another account’s credential 404', async () => {
    const c = h.emu.state.addPushCredential(h.emu.accountSid, { type: 'fcm' });
    const unrelated = h.restrictedAuth('/twilio/voice/calls/read');
    const ops: [string, string, Record<string, string>?][] = [
      ['GET', '/v1/Credentials'],
      ['POST', '/v1/Credentials', { Type: 'fcm', Secret: 'x' }],
      ['GET', `/v1/Credentials/${c.sid}`],
      ['POST', `/v1/Credentials/${c.sid}`, { FriendlyName: 'x' }],
      ['DELETE', `/v1/Credentials/${c.sid}`],
    ];
    for (const [method, path, form] of ops) {
      await h.expectError(method, path, { ...h.wrongTokenAuth(), form }, 401, 20003);
      await h.expectError(method, path, { ...unrelated, form }, 403, 70051);
    }
    const theirs = h.emu.state.addPushCredential(h.otherAccount().account.sid, { type: 'apn' });
    await h.expectError('GET', `/v1/Credentials/${theirs.sid}`, h.tokenAuth(), 404, 20404);
    const reader = h.restrictedAuth(PERMISSIONS.pushCredentialsRead);
    assert.strictEqual((await h.call('GET', '/v1/Credentials', reader)).status, 200);
    assert.strictEqual((await h.call('GET', '/v1/Credentials', h.standardAuth())).status, 200, 'Standard keys reach Conversations');
  });

  it('serves push credentials on conversations.twilio.com, and Accounts v1 credentials are not push credentials', async () => {
    const ok = await h.call('GET', '/v1/Credentials', { ...h.tokenAuth(), headers: { 'X-Twilio-Original-Host': 'conversations.twilio.com' } });
    assert.strictEqual(ok.status, 200);
    const wrongHost = await h.call('GET', '/v1/Credentials', { ...h.tokenAuth(), headers: { 'X-Twilio-Original-Host': 'accounts.twilio.com' } });
    assert.deepStrictEqual([wrongHost.status, wrongHost.json.code], [404, 20404]);
    const pk = h.emu.state.addAccountCredential(h.emu.accountSid, { kind: 'aws' });
    await h.expectError('GET', `/v1/Credentials/${pk.sid}`, h.tokenAuth(), 404, 20404);
  });
});
