// REST API 2010-04-01 (api.twilio.com): every operation the emulator serves, each success and
// error path, checked against Twilio's OpenAPI description as it happens (see harness.ts).
import * as assert from 'assert';
import { randomBytes } from 'crypto';
import { PERMISSIONS } from '../emulator/server';
import { assertCovered, expectSingleKeyErrors, OUTCOME, useContractEmulator } from './harness';
import { ACCOUNTS, ACCOUNT, BALANCE, LIST, CREATE, FETCH, UPDATE, DELETE } from './operations';


const { unauthenticated: UNAUTHENTICATED, notFound: NOT_FOUND, invalid: INVALID, denied: DENIED } = OUTCOME;

describe('Contract: REST API 2010-04-01', () => {
  const h = useContractEmulator({ keys: 5 });
  const base = () => `/2010-04-01/Accounts/${h.emu.accountSid}`;
  const keyPath = (sid: string) => `${base()}/Keys/${sid}.json`;

  after(() =>
    assertCovered(h, {
      [ACCOUNTS]: ['200', UNAUTHENTICATED, INVALID, OUTCOME.invalidPageToken, DENIED],
      [ACCOUNT]: ['200', UNAUTHENTICATED, NOT_FOUND, DENIED],
      [BALANCE]: ['200', UNAUTHENTICATED, NOT_FOUND],
      [LIST]: ['200', UNAUTHENTICATED, NOT_FOUND, INVALID, OUTCOME.invalidPageToken, DENIED],
      [CREATE]: ['201', UNAUTHENTICATED, NOT_FOUND, INVALID, OUTCOME.keyLimit, DENIED],
      [FETCH]: ['200', UNAUTHENTICATED, NOT_FOUND, DENIED],
      [UPDATE]: ['200', UNAUTHENTICATED, NOT_FOUND, INVALID, DENIED],
      [DELETE]: ['204', UNAUTHENTICATED, NOT_FOUND, DENIED],
    }),
  );

  describe('Accounts', () => {
    it('lists the account and its subaccounts, page by page, with filters', async () => {
      h.emu.state.addAccount({ ownerAccountSid: h.emu.accountSid, friendlyName: 'child', status: 'suspended' });
      const first = await h.call('GET', '/2010-04-01/Accounts.json?PageSize=1', h.tokenAuth());
      assert.strictEqual(first.json.accounts.length, 1);
      const second = await h.call('GET', first.json.next_page_uri, h.tokenAuth());
      assert.strictEqual(second.json.accounts[0].friendly_name, 'child');
      const filtered = await h.call('GET', '/2010-04-01/Accounts.json?Status=suspended', h.mainAuth());
      assert.deepStrictEqual(filtered.json.accounts.map((a: { friendly_name: string }) => a.friendly_name), ['child']);
    });

    it('refuses bad paging, unknown credentials and restricted keys', async () => {
      await h.expectError('GET', '/2010-04-01/Accounts.json?PageSize=abc', h.tokenAuth(), 400, 20001);
      await h.expectError('GET', `/2010-04-01/Accounts.json?PageToken=PA${'AC'}${randomBytes(16).toString('hex')}`, h.tokenAuth(), 400, 21481);
      await h.expectError('GET', '/2010-04-01/Accounts.json', {}, 401, 20003);
      await h.expectError('GET', '/2010-04-01/Accounts.json', h.restrictedAuth(PERMISSIONS.keysRead), 403, 70051);
    });

    it('fetches the account for its Auth Token and Main keys', async () => {
      const res = await h.call('GET', `${base()}.json`, h.mainAuth());
      assert.strictEqual(res.json.sid, h.emu.accountSid);
      assert.strictEqual((await h.call('GET', `${base()}.json`, h.restrictedAuth(PERMISSIONS.accountsRead))).status, 200);
    });

    it('answers fetches by the wrong, a Standard or a restricted key, or for another account, with Twilio’s errors', async () => {
      await h.expectError('GET', `${base()}.json`, h.wrongTokenAuth(), 401, 20003);
      await h.expectError('GET', `${base()}.json`, h.standardAuth(), 401, 20003);
      await h.expectError('GET', `${base()}.json`, h.restrictedAuth(PERMISSIONS.keysRead), 403, 70051);
      await h.expectError('GET', `/2010-04-01/Accounts/${h.otherAccount().account.sid}.json`, h.tokenAuth(), 404, 20404);
    });

    it('tells the balance to any valid key, Standard ones included', async () => {
      assert.strictEqual((await h.call('GET', `${base()}/Balance.json`, h.standardAuth())).json.currency, 'USD');
      await h.expectError('GET', `${base()}/Balance.json`, h.wrongTokenAuth(), 401, 20003);
      await h.expectError('GET', `/2010-04-01/Accounts/${h.otherAccount().account.sid}/Balance.json`, h.tokenAuth(), 404, 20404);
    });
  });

  describe('Keys', () => {
    it('lists keys in pages with relative page URIs', async () => {
      const first = await h.call('GET', `${base()}/Keys.json?PageSize=3`, h.tokenAuth());
      assert.strictEqual(first.json.keys.length, 3);
      assert.match(first.json.next_page_uri, /^\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/Keys\.json\?PageSize=3&Page=1&PageToken=PASK[0-9a-f]{32}$/);
      const second = await h.call('GET', first.json.next_page_uri, h.tokenAuth());
      assert.ok(second.json.previous_page_uri);
      await h.call('GET', second.json.previous_page_uri, h.tokenAuth());
    });

    it('lists an account without keys as an empty page', async () => {
      const child = h.emu.state.addAccount({ ownerAccountSid: h.emu.accountSid });
      const res = await h.call('GET', `/2010-04-01/Accounts/${child.sid}/Keys.json`, h.tokenAuth());
      assert.deepStrictEqual([res.json.keys, res.json.next_page_uri], [[], null]);
    });

    it('refuses invalid PageSize and PageToken', async () => {
      for (const q of ['PageSize=0', 'PageSize=1001', 'PageSize=ten', 'Page=-1']) {
        await h.expectError('GET', `${base()}/Keys.json?${q}`, h.tokenAuth(), 400, 20001);
      }
      for (const token of ['garbage', `PA${'SK'}${randomBytes(16).toString('hex')}`]) {
        await h.expectError('GET', `${base()}/Keys.json?PageToken=${token}`, h.tokenAuth(), 400, 21481);
      }
    });

    it('refuses listing to missing, wrong, deleted, Standard and under-privileged credentials', async () => {
      await h.expectError('GET', `${base()}/Keys.json`, {}, 401, 20003);
      await h.expectError('GET', `${base()}/Keys.json`, h.wrongTokenAuth(), 401, 20003);
      await h.expectError('GET', `${base()}/Keys.json`, h.standardAuth(), 401, 20003);
      const doomed = h.emu.state.addKey(h.emu.accountSid, { type: 'main' });
      h.emu.state.deleteKey(doomed.sid);
      await h.expectError('GET', `${base()}/Keys.json`, h.keyAuth(doomed.sid, doomed.secret), 401, 20003);
      await h.expectError('GET', `${base()}/Keys.json`, h.restrictedAuth(PERMISSIONS.keysCreate), 403, 70051);
      await h.expectError('GET', `/2010-04-01/Accounts/${h.otherAccount().account.sid}/Keys.json`, h.tokenAuth(), 404, 20404);
    });

    it('creates keys with and without a name, and shows the secret only then', async () => {
      const named = await h.call('POST', `${base()}/Keys.json`, { ...h.mainAuth(), form: { FriendlyName: 'x'.repeat(64) } });
      assert.strictEqual(named.status, 201);
      assert.match(named.json.secret, /^[A-Za-z0-9]{32}$/);
      const unnamed = await h.call('POST', `${base()}/Keys.json`, { ...h.tokenAuth(), form: {} });
      assert.strictEqual(unnamed.json.friendly_name, null);
    });

    it('refuses creating with a long name, at the key limit, or without the right', async () => {
      await h.expectError('POST', `${base()}/Keys.json`, { ...h.tokenAuth(), form: { FriendlyName: 'x'.repeat(65) } }, 400, 20001);
      h.emu.state.keyLimit = h.emu.state.keysOf(h.emu.accountSid).length;
      await h.expectError('POST', `${base()}/Keys.json`, { ...h.tokenAuth(), form: {} }, 400, 70151);
      await h.expectError('POST', `${base()}/Keys.json`, { ...h.standardAuth(), form: {} }, 401, 20003);
      await h.expectError('POST', `${base()}/Keys.json`, { ...h.restrictedAuth(PERMISSIONS.keysRead), form: {} }, 403, 70051);
      await h.expectError('POST', `/2010-04-01/Accounts/${h.otherAccount().account.sid}/Keys.json`, { ...h.tokenAuth(), form: {} }, 404, 20404);
    });

    it('fetches, renames and deletes a key', async () => {
      const sid = h.emu.standardKey.sid;
      assert.strictEqual((await h.call('GET', keyPath(sid), h.tokenAuth())).json.sid, sid);
      const renamed = await h.call('POST', keyPath(sid), { ...h.mainAuth(), form: { FriendlyName: 'renamed' } });
      assert.strictEqual(renamed.json.friendly_name, 'renamed');
      assert.strictEqual((await h.call('DELETE', keyPath(sid), h.tokenAuth())).status, 204);
      await h.expectError('DELETE', keyPath(sid), h.tokenAuth(), 404, 20404);
    });

    it('answers single-key operations with Twilio’s errors', async () => {
      await expectSingleKeyErrors(h, keyPath);
      await h.expectError('POST', keyPath(h.emu.standardKey.sid), { ...h.tokenAuth(), form: { FriendlyName: 'y'.repeat(65) } }, 400, 20001);
    });
  });
});
