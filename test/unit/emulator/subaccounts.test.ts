// Subaccounts as Twilio's docs describe them: the parent's credentials reach a subaccount's REST API
// 2010 resources (not those on other hosts such as iam.twilio.com), and a subaccount's credentials
// never reach its parent or its siblings.
import * as assert from 'assert';
import { Emulator, startEmulator } from '../../emulator/server';
import { ok, RawOptions } from '../../emulator/rawClient';

describe('Emulator: subaccounts', () => {
  let emu: Emulator;
  const as = (user: string, pass: string, extra: RawOptions = {}): RawOptions => ({ auth: { user, pass }, ...extra });
  const parent = (extra: RawOptions = {}) => as(emu.accountSid, emu.authToken, extra);
  const v2010 = (sid: string, rest = '') => `/2010-04-01/Accounts/${sid}${rest}`;
  const status = async (method: string, path: string, opts: RawOptions) => {
    const res = await ok(emu.url, method, path, opts);
    return res.status >= 400 ? `${res.status}/${res.json?.code}` : String(res.status);
  };

  before(async () => (emu = await startEmulator()));
  beforeEach(() => emu.reset());
  after(() => emu.close());

  describe('the state API', () => {
    it('makes subaccounts of the primary account and lists them', () => {
      const a = emu.state.addSubaccount(emu.accountSid, { friendlyName: 'staging' });
      const b = emu.state.addAccount({ ownerAccountSid: emu.accountSid, friendlyName: 'qa' });
      emu.state.addAccount({ friendlyName: 'unrelated' });
      assert.deepStrictEqual(emu.state.subaccountsOf(emu.accountSid).map((s) => s.sid), [a.sid, b.sid]);
      assert.strictEqual(a.ownerAccountSid, emu.accountSid);
      assert.match(a.authToken, /^[0-9a-f]{32}$/);
    });

    it('refuses a subaccount of a subaccount (Twilio has one level)', () => {
      const child = emu.state.addSubaccount(emu.accountSid);
      assert.throws(() => emu.state.addSubaccount(child.sid), /cannot own subaccounts/);
      assert.throws(() => emu.state.seed({ accounts: [{ subaccounts: [{ subaccounts: [{}] } as never] }] }), /cannot own subaccounts/);
    });

    it('makes subaccounts of the primary account over the admin endpoint too, and reset() removes them', async () => {
      const res = await ok(emu.url, 'POST', '/__emulator/seed', { jsonBody: { accounts: [{ ownerAccountSid: emu.accountSid, friendlyName: 'From admin' }] } });
      assert.strictEqual(res.status, 201);
      const [child] = res.json.accounts;
      assert.strictEqual(child.ownerAccountSid, emu.accountSid);
      assert.strictEqual(await status('GET', v2010(child.sid, '.json'), as(child.sid, child.authToken)), '200');
      emu.reset();
      assert.deepStrictEqual(emu.state.subaccountsOf(emu.accountSid), []);
    });
  });

  describe('the parent’s Auth Token', () => {
    it('reaches a subaccount’s account, balance and keys on the REST API 2010', async () => {
      const child = emu.state.addSubaccount(emu.accountSid);
      const theirs = emu.state.addKey(child.sid, { friendlyName: 'child key' });
      assert.strictEqual(await status('GET', v2010(child.sid, '.json'), parent()), '200');
      assert.strictEqual(await status('GET', v2010(child.sid, '/Balance.json'), parent()), '200');
      const listed = await ok(emu.url, 'GET', v2010(child.sid, '/Keys.json'), parent());
      assert.deepStrictEqual(listed.json.keys.map((k: { sid: string }) => k.sid), [theirs.sid]);
      const created = await ok(emu.url, 'POST', v2010(child.sid, '/Keys.json'), parent({ form: { FriendlyName: 'made by the parent' } }));
      assert.strictEqual(created.status, 201);
      assert.strictEqual(emu.state.keys.get(created.json.sid)?.accountSid, child.sid, 'the key belongs to the subaccount');
      assert.strictEqual(await status('POST', v2010(child.sid, `/Keys/${theirs.sid}.json`), parent({ form: { FriendlyName: 'renamed' } })), '200');
      assert.strictEqual(await status('GET', v2010(child.sid, `/Keys/${theirs.sid}.json`), parent()), '200');
      assert.strictEqual(await status('DELETE', v2010(child.sid, `/Keys/${theirs.sid}.json`), parent()), '204');
      assert.ok(!emu.state.keys.has(theirs.sid));
    });

    it('does not reach a subaccount’s keys on IAM (another host): 404 / 20404, nothing changes', async () => {
      const child = emu.state.addSubaccount(emu.accountSid);
      const theirs = emu.state.addKey(child.sid);
      assert.strictEqual(await status('GET', `/v1/Keys?AccountSid=${child.sid}`, parent()), '404/20404');
      assert.strictEqual(await status('POST', '/v1/Keys', parent({ form: { AccountSid: child.sid } })), '404/20404');
      assert.strictEqual(await status('GET', `/v1/Keys/${theirs.sid}`, parent()), '404/20404');
      assert.strictEqual(await status('POST', `/v1/Keys/${theirs.sid}`, parent({ form: { FriendlyName: 'x' } })), '404/20404');
      assert.strictEqual(await status('DELETE', `/v1/Keys/${theirs.sid}`, parent()), '404/20404');
      assert.strictEqual(emu.state.keysOf(child.sid).length, 1);
      assert.strictEqual(emu.state.keys.get(theirs.sid)?.friendlyName, null);
    });

    it('lists the parent and every subaccount', async () => {
      const a = emu.state.addSubaccount(emu.accountSid);
      const b = emu.state.addSubaccount(emu.accountSid);
      const res = await ok(emu.url, 'GET', '/2010-04-01/Accounts.json', parent());
      assert.deepStrictEqual(res.json.accounts.map((x: { sid: string }) => x.sid), [emu.accountSid, a.sid, b.sid]);
    });
  });

  describe('a subaccount’s own credentials', () => {
    it('reach the subaccount on both APIs', async () => {
      const child = emu.state.addSubaccount(emu.accountSid);
      const own = as(child.sid, child.authToken);
      assert.strictEqual(await status('GET', v2010(child.sid, '/Keys.json'), own), '200');
      assert.strictEqual(await status('POST', '/v1/Keys', { ...own, form: { AccountSid: child.sid, KeyType: 'restricted', Policy: '{"allow":["/twilio/iam/api-keys/read"]}' } }), '201');
      assert.strictEqual(await status('GET', `/v1/Keys?AccountSid=${child.sid}`, own), '200');
      const listed = await ok(emu.url, 'GET', '/2010-04-01/Accounts.json', own);
      assert.deepStrictEqual(listed.json.accounts.map((x: { sid: string }) => x.sid), [child.sid]);
    });

    it('never reach the parent or a sibling: 404 / 20404, as if they did not exist', async () => {
      const child = emu.state.addSubaccount(emu.accountSid);
      const sibling = emu.state.addSubaccount(emu.accountSid);
      const siblingKey = emu.state.addKey(sibling.sid);
      const own = as(child.sid, child.authToken);
      for (const target of [emu.accountSid, sibling.sid]) {
        for (const rest of ['.json', '/Balance.json', '/Keys.json']) {
          assert.strictEqual(await status('GET', v2010(target, rest), own), '404/20404', `${target}${rest}`);
        }
        assert.strictEqual(await status('POST', v2010(target, '/Keys.json'), { ...own, form: {} }), '404/20404');
        assert.strictEqual(await status('GET', `/v1/Keys?AccountSid=${target}`, own), '404/20404');
      }
      for (const sid of [emu.mainKey.sid, siblingKey.sid]) {
        assert.strictEqual(await status('GET', `/v1/Keys/${sid}`, own), '404/20404');
        assert.strictEqual(await status('DELETE', `/v1/Keys/${sid}`, own), '404/20404');
      }
      assert.ok(emu.state.keys.has(siblingKey.sid) && emu.state.keys.has(emu.mainKey.sid));
    });

    it('a subaccount’s Auth Token is not its parent’s: parent SID with the child’s token is refused', async () => {
      const child = emu.state.addSubaccount(emu.accountSid);
      assert.strictEqual(await status('GET', v2010(child.sid, '.json'), as(emu.accountSid, child.authToken)), '401/20003');
    });
  });
});
