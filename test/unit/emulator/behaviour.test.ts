// What the emulator does beyond the shape of its answers (the contract suite checks shapes).
import * as assert from 'assert';
import { Emulator, PERMISSIONS, startEmulator } from '../../emulator/server';
import { ok, RawOptions } from '../../emulator/rawClient';

describe('Emulator behaviour', () => {
  let emu: Emulator;
  const as = (user: string, pass: string, extra: RawOptions = {}): RawOptions => ({ auth: { user, pass }, ...extra });
  const token = (extra: RawOptions = {}) => as(emu.accountSid, emu.authToken, extra);
  const keysOf = (sid = emu.accountSid) => `/2010-04-01/Accounts/${sid}/Keys.json`;

  before(async () => (emu = await startEmulator({ keys: 8 })));
  beforeEach(() => emu.reset());
  after(() => emu.close());

  describe('who may do what', () => {
    it('lets the Auth Token and a Main key manage keys, answers a Standard key 401 / 20003', async () => {
      assert.strictEqual((await ok(emu.url, 'GET', keysOf(), token())).status, 200);
      assert.strictEqual((await ok(emu.url, 'GET', keysOf(), as(emu.mainKey.sid, emu.mainKey.secret))).status, 200);
      const std = await ok(emu.url, 'GET', keysOf(), as(emu.standardKey.sid, emu.standardKey.secret));
      assert.deepStrictEqual([std.status, std.json.code], [401, 20003]);
      const balance = await ok(emu.url, 'GET', `/2010-04-01/Accounts/${emu.accountSid}/Balance.json`, as(emu.standardKey.sid, emu.standardKey.secret));
      assert.strictEqual(balance.status, 200, 'a Standard key is a valid credential');
    });

    it('refuses missing, malformed and wrong credentials alike', async () => {
      for (const opts of [{}, { headers: { Authorization: 'Bearer x' } }, as(emu.accountSid, emu.mainKey.secret), as(emu.mainKey.sid, emu.authToken)]) {
        const res = await ok(emu.url, 'GET', keysOf(), opts);
        assert.deepStrictEqual([res.status, res.json.code], [401, 20003]);
      }
    });

    it('fails a deleted key’s credentials on the very next request', async () => {
      const extra = emu.state.addKey(emu.accountSid, { type: 'main' });
      assert.strictEqual((await ok(emu.url, 'GET', keysOf(), as(extra.sid, extra.secret))).status, 200);
      assert.strictEqual((await ok(emu.url, 'DELETE', `/v1/Keys/${extra.sid}`, token())).status, 204);
      assert.strictEqual((await ok(emu.url, 'GET', keysOf(), as(extra.sid, extra.secret))).status, 401);
    });

    it('lets a restricted key call exactly what its policy allows', async () => {
      const key = emu.state.addKey(emu.accountSid, { type: 'restricted', permissions: [PERMISSIONS.keysRead] });
      const creds = as(key.sid, key.secret);
      assert.strictEqual((await ok(emu.url, 'GET', `/v1/Keys?AccountSid=${emu.accountSid}`, creds)).status, 200);
      assert.strictEqual((await ok(emu.url, 'GET', keysOf(), creds)).status, 200, 'the same permission covers v2010');
      const denied = await ok(emu.url, 'POST', keysOf(), { ...creds, form: {} });
      assert.deepStrictEqual([denied.status, denied.json.code], [403, 70051]);
      assert.match(denied.json.message, /\/twilio\/iam\/api-keys\/create/);
    });

    it('hides other accounts: their keys and accounts are simply not found', async () => {
      const other = emu.state.addAccount();
      const theirs = emu.state.addKey(other.sid);
      for (const [method, path] of [
        ['GET', `/2010-04-01/Accounts/${other.sid}.json`],
        ['GET', keysOf(other.sid)],
        ['GET', `/v1/Keys/${theirs.sid}`],
        ['DELETE', `/v1/Keys/${theirs.sid}`],
        ['GET', `${keysOf(emu.accountSid).replace('.json', '')}/${theirs.sid}.json`],
      ]) {
        const res = await ok(emu.url, method, path, token());
        assert.deepStrictEqual([res.status, res.json.code], [404, 20404], `${method} ${path}`);
      }
      assert.ok(emu.state.keys.has(theirs.sid));
    });

    it('lets a parent account manage its subaccounts’ keys, but not the reverse', async () => {
      const child = emu.state.addAccount({ ownerAccountSid: emu.accountSid });
      assert.strictEqual((await ok(emu.url, 'GET', keysOf(child.sid), token())).status, 200);
      assert.strictEqual((await ok(emu.url, 'GET', keysOf(emu.accountSid), as(child.sid, child.authToken))).status, 404);
      const accounts = await ok(emu.url, 'GET', '/2010-04-01/Accounts.json', token());
      assert.deepStrictEqual(
        accounts.json.accounts.map((a: { sid: string }) => a.sid),
        [emu.accountSid, child.sid],
      );
    });
  });

  describe('keys', () => {
    it('stops creating keys at the limit with 70151, counting every type', async () => {
      emu.state.keyLimit = emu.state.keysOf(emu.accountSid).length + 1;
      assert.strictEqual((await ok(emu.url, 'POST', keysOf(), token({ form: {} }))).status, 201);
      const res = await ok(emu.url, 'POST', '/v1/Keys', token({ form: { AccountSid: emu.accountSid } }));
      assert.deepStrictEqual([res.status, res.json.code], [400, 70151]);
    });

    it('shows the secret only when a key is created', async () => {
      const created = await ok(emu.url, 'POST', keysOf(), token({ form: { FriendlyName: 'once' } }));
      assert.match(created.json.secret, /^[A-Za-z0-9]{32}$/);
      const sid = created.json.sid;
      for (const path of [`${keysOf().replace('.json', '')}/${sid}.json`, `/v1/Keys/${sid}`]) {
        assert.strictEqual((await ok(emu.url, 'GET', path, token())).json.secret, undefined);
      }
      const listed = await ok(emu.url, 'GET', `/v1/Keys?AccountSid=${emu.accountSid}&PageSize=1000`, token());
      assert.ok(listed.json.keys.every((k: object) => !('secret' in k)));
    });

    it('changes nothing when an update has a bad Policy', async () => {
      const key = emu.state.addKey(emu.accountSid, { type: 'restricted', friendlyName: 'before', permissions: [PERMISSIONS.keysRead] });
      const res = await ok(emu.url, 'POST', `/v1/Keys/${key.sid}`, token({ form: { FriendlyName: 'after', Policy: '{"allow":"nope"}' } }));
      assert.strictEqual(res.status, 400);
      assert.strictEqual(emu.state.keys.get(key.sid)?.friendlyName, 'before');
    });

    it('answers 405 for a method a known path does not take', async () => {
      const res = await ok(emu.url, 'DELETE', keysOf(), token());
      assert.deepStrictEqual([res.status, res.json.code], [405, 20004]);
    });
  });

  describe('paging', () => {
    const page = async (query: string) => (await ok(emu.url, 'GET', `${keysOf()}${query}`, token())).json;

    it('pages forward and back with PA/PB tokens, and Page alone is an offset', async () => {
      const all = emu.state.keysOf(emu.accountSid).map((k) => k.sid); // 10 keys
      const first = await page('?PageSize=4');
      const second = await page(first.next_page_uri.slice(first.next_page_uri.indexOf('?')));
      assert.deepStrictEqual(second.keys.map((k: { sid: string }) => k.sid), all.slice(4, 8));
      assert.deepStrictEqual([second.page, second.start, second.end], [1, 4, 7]);
      const back = await page(second.previous_page_uri.slice(second.previous_page_uri.indexOf('?')));
      assert.deepStrictEqual(back.keys.map((k: { sid: string }) => k.sid), all.slice(0, 4));
      assert.deepStrictEqual((await page('?PageSize=4&Page=2')).keys.map((k: { sid: string }) => k.sid), all.slice(8));
    });

    it('refuses a token from another account’s list with 21481', async () => {
      const other = emu.state.addAccount();
      const theirs = emu.state.addKey(other.sid);
      const res = await ok(emu.url, 'GET', `${keysOf()}?PageToken=PA${theirs.sid}`, token());
      assert.deepStrictEqual([res.status, res.json.code], [400, 21481]);
    });
  });

  describe('request log', () => {
    it('records host, region, edge and the SID used, never the password', async () => {
      await ok(emu.url, 'GET', `/2010-04-01/Accounts/${emu.accountSid}.json`, token({ headers: { 'X-Twilio-Original-Host': 'api.dublin.ie1.twilio.com' } }));
      const [entry] = emu.requests;
      assert.deepStrictEqual(
        [entry.method, entry.host, entry.region, entry.edge, entry.user, entry.status],
        ['GET', 'api.dublin.ie1.twilio.com', 'ie1', 'dublin', emu.accountSid, 200],
      );
      assert.ok(!JSON.stringify(emu.requests).includes(emu.authToken));
    });

    it('refuses an IAM path on the REST API host (a client routing bug)', async () => {
      const res = await ok(emu.url, 'GET', `/v1/Keys?AccountSid=${emu.accountSid}`, token({ headers: { 'X-Twilio-Original-Host': 'api.twilio.com' } }));
      assert.strictEqual(res.status, 404);
    });
  });

  describe('seeding and reset', () => {
    it('seeds 10,000 keys fast and lists them in pages of 1000', async function () {
      this.timeout(10_000);
      const started = Date.now();
      const big = await startEmulator({ keys: 10_000 });
      try {
        assert.ok(Date.now() - started < 2000, `seeding took ${Date.now() - started} ms`);
        let uri: string | null = `/2010-04-01/Accounts/${big.accountSid}/Keys.json?PageSize=1000`;
        let count = 0;
        while (uri) {
          const res = await ok(big.url, 'GET', uri, as(big.mainKey.sid, big.mainKey.secret));
          count += res.json.keys.length;
          uri = res.json.next_page_uri;
        }
        assert.strictEqual(count, 10_002);
        assert.strictEqual(big.requests.length, 11);
      } finally {
        await big.close();
      }
    });

    it('reset() restores the start state and keeps the credentials', async () => {
      const created = await ok(emu.url, 'POST', keysOf(), token({ form: {} }));
      await ok(emu.url, 'DELETE', `/v1/Keys/${emu.standardKey.sid}`, token());
      emu.reset();
      assert.ok(!emu.state.keys.has(created.json.sid));
      assert.ok(emu.state.keys.has(emu.standardKey.sid));
      assert.strictEqual(emu.requests.length, 0);
      assert.strictEqual((await ok(emu.url, 'GET', keysOf(), as(emu.mainKey.sid, emu.mainKey.secret))).status, 200);
    });

    it('is driven over the admin endpoint: seed, config, state, requests, reset', async () => {
      const post = (path: string, jsonBody: unknown) => ok(emu.url, 'POST', `/__emulator/${path}`, { jsonBody });
      const seeded = await post('seed', { accounts: [{ friendlyName: 'From admin', keys: [{ type: 'main' }] }] });
      assert.strictEqual(seeded.status, 201);
      const [acct] = seeded.json.accounts;
      assert.strictEqual(acct.keys[0].type, 'main');
      assert.strictEqual((await ok(emu.url, 'GET', keysOf(acct.sid), as(acct.keys[0].sid, acct.keys[0].secret))).status, 200);
      assert.deepStrictEqual((await post('config', { keyLimit: 3 })).json, { keyLimit: 3, v2010KeyCreationDenied: false });
      assert.deepStrictEqual((await post('config', { v2010KeyCreationDenied: true })).json, { keyLimit: 3, v2010KeyCreationDenied: true });
      assert.strictEqual((await post('config', { v2010KeyCreationDenied: 'yes' })).status, 400);
      const state = (await ok(emu.url, 'GET', '/__emulator/state')).json;
      assert.deepStrictEqual(state.accounts.map((a: { friendlyName: string }) => a.friendlyName), ['Emulated account', 'From admin']);
      const log = (await ok(emu.url, 'GET', '/__emulator/requests')).json;
      assert.deepStrictEqual(log.requests.map((r: { status: number }) => r.status), [200]);
      assert.strictEqual((await post('reset', {})).status, 204);
      assert.strictEqual(emu.state.accounts.size, 1);
      assert.strictEqual(emu.state.keyLimit, 20_000);
      assert.strictEqual(emu.state.v2010KeyCreationDenied, false, 'reset turns the 20003 switch off');
    });
  });
});
