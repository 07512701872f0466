// Subaccounts and regional hosts: every answer the emulator gives a parent working on its
// subaccount, a subaccount refused its parent or siblings, and clients calling regional hosts,
// checked against Twilio's OpenAPI description as it happens (see harness.ts).
import * as assert from 'assert';
import type { RawOptions } from '../emulator/rawClient';
import { assertCovered, OUTCOME, useContractEmulator } from './harness';
import { ACCOUNTS, ACCOUNT, BALANCE, LIST, CREATE, FETCH, UPDATE, DELETE, IAM_LIST, IAM_CREATE, IAM_FETCH, IAM_UPDATE, IAM_DELETE } from './operations';


const { notFound: NOT_FOUND } = OUTCOME;

describe('Contract: subaccounts and regional hosts', () => {
  const h = useContractEmulator({ keys: 3 });
  const sub = (extra: Parameters<typeof h.emu.state.addSubaccount>[1] = {}) => h.emu.state.addSubaccount(h.emu.accountSid, extra);
  const auth = (user: string, pass: string, extra: RawOptions = {}): RawOptions => ({ auth: { user, pass }, ...extra });

  after(() =>
    assertCovered(h, {
      [ACCOUNTS]: ['200'],
      [ACCOUNT]: ['200', NOT_FOUND],
      [BALANCE]: ['200', NOT_FOUND],
      [LIST]: ['200', NOT_FOUND],
      [CREATE]: ['201', NOT_FOUND],
      [FETCH]: ['200', NOT_FOUND],
      [UPDATE]: ['200'],
      [DELETE]: ['204', NOT_FOUND],
      [IAM_LIST]: ['200', NOT_FOUND],
      [IAM_CREATE]: ['201', NOT_FOUND],
      [IAM_FETCH]: ['200', NOT_FOUND],
      [IAM_UPDATE]: ['200', NOT_FOUND],
      [IAM_DELETE]: ['204', NOT_FOUND],
    }),
  );

  describe('a parent’s Auth Token on its subaccount', () => {
    it('fetches the subaccount and its balance, and lists it with its parent', async () => {
      const child = sub({ friendlyName: 'staging' });
      const account = await h.call('GET', `/2010-04-01/Accounts/${child.sid}.json`, h.tokenAuth());
      assert.deepStrictEqual([account.json.sid, account.json.owner_account_sid], [child.sid, h.emu.accountSid]);
      assert.strictEqual((await h.call('GET', `/2010-04-01/Accounts/${child.sid}/Balance.json`, h.tokenAuth())).json.account_sid, child.sid);
      const listed = await h.call('GET', '/2010-04-01/Accounts.json?PageSize=1&Page=0', h.tokenAuth());
      const next = await h.call('GET', listed.json.next_page_uri, h.tokenAuth());
      assert.strictEqual(next.json.accounts[0].sid, child.sid);
    });

    it('lists, creates, fetches, renames and deletes the subaccount’s keys through the REST API 2010', async () => {
      const child = sub();
      const keys = `/2010-04-01/Accounts/${child.sid}/Keys`;
      const created = await h.call('POST', `${keys}.json`, { ...h.tokenAuth(), form: { FriendlyName: 'by the parent' } });
      assert.strictEqual(created.status, 201);
      assert.match(created.json.secret, /^[A-Za-z0-9]{32}$/);
      const sid = created.json.sid;
      assert.deepStrictEqual((await h.call('GET', `${keys}.json`, h.tokenAuth())).json.keys.map((k: { sid: string }) => k.sid), [sid]);
      assert.strictEqual((await h.call('GET', `${keys}/${sid}.json`, h.tokenAuth())).json.friendly_name, 'by the parent');
      assert.strictEqual((await h.call('POST', `${keys}/${sid}.json`, { ...h.tokenAuth(), form: { FriendlyName: 'renamed' } })).json.friendly_name, 'renamed');
      assert.strictEqual((await h.call('DELETE', `${keys}/${sid}.json`, h.tokenAuth())).status, 204);
      await h.expectError('GET', `${keys}/${sid}.json`, h.tokenAuth(), 404, 20404);
    });

    it('is answered 404 on IAM, which needs the subaccount’s own credentials', async () => {
      const child = sub();
      const theirs = h.emu.state.addKey(child.sid);
      await h.expectError('GET', `/v1/Keys?AccountSid=${child.sid}`, h.tokenAuth(), 404, 20404);
      await h.expectError('POST', '/v1/Keys', { ...h.tokenAuth(), form: { AccountSid: child.sid } }, 404, 20404);
      await h.expectError('GET', `/v1/Keys/${theirs.sid}`, h.tokenAuth(), 404, 20404);
      await h.expectError('POST', `/v1/Keys/${theirs.sid}`, { ...h.tokenAuth(), form: { FriendlyName: 'x' } }, 404, 20404);
      await h.expectError('DELETE', `/v1/Keys/${theirs.sid}`, h.tokenAuth(), 404, 20404);
    });
  });

  describe('a subaccount’s own credentials', () => {
    it('manage the subaccount’s keys on IAM', async () => {
      const child = sub();
      const own = auth(child.sid, child.authToken);
      const created = await h.call('POST', '/v1/Keys', { ...own, form: { AccountSid: child.sid, FriendlyName: 'own' } });
      assert.strictEqual(created.status, 201);
      const sid = created.json.sid;
      assert.strictEqual((await h.call('GET', `/v1/Keys?AccountSid=${child.sid}`, own)).json.keys.length, 1);
      assert.strictEqual((await h.call('GET', `/v1/Keys/${sid}`, own)).json.policy, null);
      assert.strictEqual((await h.call('POST', `/v1/Keys/${sid}`, { ...own, form: { FriendlyName: 'renamed' } })).status, 200);
      assert.strictEqual((await h.call('DELETE', `/v1/Keys/${sid}`, own)).status, 204);
    });

    it('are answered 404 for the parent and for a sibling', async () => {
      const child = sub();
      const sibling = sub();
      const own = auth(child.sid, child.authToken);
      for (const target of [h.emu.accountSid, sibling.sid]) {
        await h.expectError('GET', `/2010-04-01/Accounts/${target}.json`, own, 404, 20404);
        await h.expectError('GET', `/2010-04-01/Accounts/${target}/Balance.json`, own, 404, 20404);
        await h.expectError('GET', `/2010-04-01/Accounts/${target}/Keys.json`, own, 404, 20404);
        await h.expectError('POST', `/2010-04-01/Accounts/${target}/Keys.json`, { ...own, form: {} }, 404, 20404);
        await h.expectError('GET', `/2010-04-01/Accounts/${target}/Keys/${h.emu.standardKey.sid}.json`, own, 404, 20404);
        await h.expectError('DELETE', `/2010-04-01/Accounts/${target}/Keys/${h.emu.standardKey.sid}.json`, own, 404, 20404);
      }
      const listed = await h.call('GET', '/2010-04-01/Accounts.json', own);
      assert.deepStrictEqual(listed.json.accounts.map((a: { sid: string }) => a.sid), [child.sid]);
    });
  });

  describe('regional hosts', () => {
    for (const [region, edge] of [
      ['ie1', 'dublin'],
      ['au1', 'sydney'],
    ]) {
      it(`answers ${edge}.${region} like the default host, with IAM page URLs on it`, async () => {
        const api = (o: RawOptions = {}) => ({ ...h.tokenAuth(), ...o, headers: { 'X-Twilio-Original-Host': `api.${edge}.${region}.twilio.com` } });
        const iam = (o: RawOptions = {}) => ({ ...h.tokenAuth(), ...o, headers: { 'X-Twilio-Original-Host': `iam.${edge}.${region}.twilio.com` } });
        assert.strictEqual((await h.call('GET', `/2010-04-01/Accounts/${h.emu.accountSid}.json`, api())).status, 200);
        assert.strictEqual((await h.call('GET', `/2010-04-01/Accounts/${h.emu.accountSid}/Keys.json?PageSize=2`, api())).status, 200);
        const page = await h.call('GET', `/v1/Keys?AccountSid=${h.emu.accountSid}&PageSize=2`, iam());
        const next = new URL(page.json.meta.next_page_url);
        assert.strictEqual(next.host, `iam.${edge}.${region}.twilio.com`);
        assert.strictEqual((await h.call('GET', next.pathname + next.search, iam())).json.meta.page, 1);
        const created = await h.call('POST', '/v1/Keys', iam({ form: { AccountSid: h.emu.accountSid } }));
        assert.strictEqual(created.status, 201);
        assert.strictEqual((await h.call('GET', `/v1/Keys/${created.json.sid}`, iam())).status, 200);
      });
    }
  });
});
