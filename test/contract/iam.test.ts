// IAM v1 (iam.twilio.com) /v1/Keys: every operation, each success and error path, checked against
// Twilio's OpenAPI description as it happens (see harness.ts).
import * as assert from 'assert';
import { PERMISSIONS } from '../emulator/server';
import { assertCovered, expectSingleKeyErrors, OUTCOME, useContractEmulator } from './harness';
import { IAM_LIST as LIST, IAM_CREATE as CREATE, IAM_FETCH as FETCH, IAM_UPDATE as UPDATE, IAM_DELETE as DELETE } from './operations';


const { unauthenticated: UNAUTHENTICATED, notFound: NOT_FOUND, invalid: INVALID, denied: DENIED } = OUTCOME;

const permissions = (n: number) => Array.from({ length: n }, (_, i) => `/twilio/product${i}/things/read`);
const policy = (allow: unknown) => JSON.stringify({ allow });

describe('Contract: IAM v1 keys', () => {
  const h = useContractEmulator({ keys: 4 });
  const list = (query = '') => `/v1/Keys?AccountSid=${h.emu.accountSid}${query}`;
  const create = (form: Record<string, string>) => h.call('POST', '/v1/Keys', { ...h.tokenAuth(), form: { AccountSid: h.emu.accountSid, ...form } });

  after(() =>
    assertCovered(h, {
      [LIST]: ['200', UNAUTHENTICATED, NOT_FOUND, INVALID, OUTCOME.invalidPageToken, DENIED],
      [CREATE]: ['201', UNAUTHENTICATED, NOT_FOUND, INVALID, OUTCOME.keyLimit, DENIED],
      [FETCH]: ['200', UNAUTHENTICATED, NOT_FOUND, DENIED],
      [UPDATE]: ['200', UNAUTHENTICATED, NOT_FOUND, INVALID, DENIED],
      [DELETE]: ['204', UNAUTHENTICATED, NOT_FOUND, DENIED],
    }),
  );

  describe('list', () => {
    it('pages with absolute URLs in meta and flags per key', async () => {
      const first = await h.call('GET', list('&PageSize=2'), h.tokenAuth());
      assert.strictEqual(first.json.meta.key, 'keys');
      assert.ok(first.json.keys.every((k: { flags: unknown }) => Array.isArray(k.flags)));
      const next = new URL(first.json.meta.next_page_url);
      const second = await h.call('GET', next.pathname + next.search, h.tokenAuth());
      assert.strictEqual(second.json.meta.page, 1);
    });

    it('uses the Twilio host the client meant in its page URLs', async () => {
      const res = await h.call('GET', list('&PageSize=1'), { ...h.tokenAuth(), headers: { 'X-Twilio-Original-Host': 'iam.twilio.com' } });
      assert.match(res.json.meta.next_page_url, /^https:\/\/iam\.twilio\.com\/v1\/Keys\?AccountSid=AC[0-9a-f]{32}&PageSize=1&Page=1&PageToken=PA/);
    });

    it('refuses a missing or malformed AccountSid, bad paging and another account', async () => {
      await h.expectError('GET', '/v1/Keys', h.tokenAuth(), 400, 20001);
      await h.expectError('GET', '/v1/Keys?AccountSid=AC123', h.tokenAuth(), 400, 20001);
      await h.expectError('GET', list('&PageSize=5000'), h.tokenAuth(), 400, 20001);
      await h.expectError('GET', list('&PageToken=PAnope'), h.tokenAuth(), 400, 21481);
      const other = h.emu.state.addAccount();
      await h.expectError('GET', `/v1/Keys?AccountSid=${other.sid}`, h.tokenAuth(), 404, 20404);
    });

    it('refuses unknown, Standard and under-privileged credentials', async () => {
      await h.expectError('GET', list(), h.wrongTokenAuth(), 401, 20003);
      await h.expectError('GET', list(), h.standardAuth(), 401, 20003);
      await h.expectError('GET', list(), h.restrictedAuth(PERMISSIONS.keysCreate), 403, 70051);
    });
  });

  describe('create', () => {
    it('creates a Standard key without KeyType and a Restricted key with a Policy', async () => {
      const std = await create({ FriendlyName: 'std' });
      assert.deepStrictEqual([std.status, std.json.policy], [201, null]);
      const allow = permissions(100);
      const res = await create({ KeyType: 'restricted', Policy: policy(allow) });
      assert.deepStrictEqual([res.status, res.json.policy], [201, { allow }]);
      assert.match(res.json.secret, /^[A-Za-z0-9]{32}$/);
    });

    it('refuses every malformed request with 400', async () => {
      const bad: Record<string, string>[] = [
        { FriendlyName: 'z'.repeat(65) },
        { KeyType: 'main' },
        { KeyType: 'restricted' },
        { KeyType: 'restricted', Policy: 'not json' },
        { KeyType: 'restricted', Policy: '["/twilio/messaging/messages/read"]' },
        { KeyType: 'restricted', Policy: JSON.stringify({ allow: ['/twilio/messaging/messages/read'], deny: [] }) },
        { KeyType: 'restricted', Policy: policy([]) },
        { KeyType: 'restricted', Policy: policy(permissions(101)) },
        { KeyType: 'restricted', Policy: policy(['messaging/read']) },
        { KeyType: 'restricted', Policy: policy([42]) },
        { Policy: policy(['/twilio/messaging/messages/read']) },
      ];
      for (const form of bad) {
        const res = await create(form);
        assert.deepStrictEqual([res.status, res.json.code], [400, 20001], JSON.stringify(form));
      }
      const before = h.emu.state.keys.size;
      await h.expectError('POST', '/v1/Keys', { ...h.tokenAuth(), form: {} }, 400, 20001);
      assert.strictEqual(h.emu.state.keys.size, before, 'nothing was created');
    });

    it('refuses at the key limit, for another account, and to the wrong credentials', async () => {
      h.emu.state.keyLimit = h.emu.state.keysOf(h.emu.accountSid).length;
      const res = await create({});
      assert.deepStrictEqual([res.status, res.json.code], [400, 70151]);
      const other = h.emu.state.addAccount();
      await h.expectError('POST', '/v1/Keys', { ...h.tokenAuth(), form: { AccountSid: other.sid } }, 404, 20404);
      await h.expectError('POST', '/v1/Keys', { ...h.standardAuth(), form: { AccountSid: h.emu.accountSid } }, 401, 20003);
      await h.expectError('POST', '/v1/Keys', { ...h.restrictedAuth(PERMISSIONS.keysRead), form: { AccountSid: h.emu.accountSid } }, 403, 70051);
    });
  });

  describe('fetch, update, delete', () => {
    it('fetches a Standard key with a null policy and a Restricted one with its policy', async () => {
      const std = await h.call('GET', `/v1/Keys/${h.emu.standardKey.sid}`, h.tokenAuth());
      assert.strictEqual(std.json.policy, null);
      const r = h.emu.state.addKey(h.emu.accountSid, { type: 'restricted', permissions: ['/twilio/voice/calls/read'] });
      const res = await h.call('GET', `/v1/Keys/${r.sid}`, h.tokenAuth());
      assert.deepStrictEqual(res.json.policy, { allow: ['/twilio/voice/calls/read'] });
    });

    it('renames any key and replaces a restricted key’s policy', async () => {
      const renamed = await h.call('POST', `/v1/Keys/${h.emu.mainKey.sid}`, { ...h.tokenAuth(), form: { FriendlyName: 'console' } });
      assert.strictEqual(renamed.json.friendly_name, 'console');
      const r = h.emu.state.addKey(h.emu.accountSid, { type: 'restricted', permissions: ['/twilio/voice/calls/read'] });
      const updated = await h.call('POST', `/v1/Keys/${r.sid}`, { ...h.tokenAuth(), form: { Policy: policy(['/twilio/voice/calls/create']) } });
      assert.deepStrictEqual(updated.json.policy, { allow: ['/twilio/voice/calls/create'] });
    });

    it('refuses a policy on a Standard key, a bad policy, and a long name', async () => {
      const sid = h.emu.standardKey.sid;
      await h.expectError('POST', `/v1/Keys/${sid}`, { ...h.tokenAuth(), form: { Policy: policy(['/twilio/voice/calls/read']) } }, 400, 20001);
      const r = h.emu.state.addKey(h.emu.accountSid, { type: 'restricted', permissions: ['/twilio/voice/calls/read'] });
      await h.expectError('POST', `/v1/Keys/${r.sid}`, { ...h.tokenAuth(), form: { Policy: policy(permissions(101)) } }, 400, 20001);
      await h.expectError('POST', `/v1/Keys/${sid}`, { ...h.tokenAuth(), form: { FriendlyName: 'q'.repeat(65) } }, 400, 20001);
    });

    it('deletes a key once', async () => {
      const sid = h.emu.standardKey.sid;
      assert.strictEqual((await h.call('DELETE', `/v1/Keys/${sid}`, h.tokenAuth())).status, 204);
      await h.expectError('DELETE', `/v1/Keys/${sid}`, h.tokenAuth(), 404, 20404);
    });

    it('answers single-key operations with Twilio’s errors', async () => {
      await expectSingleKeyErrors(h, (sid) => `/v1/Keys/${sid}`);
    });
  });
});
