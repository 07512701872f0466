// Every call goes to the region and edge of its credentials: REST API 2010 calls to
// api.{edge}.{region}.twilio.com, IAM calls to iam.{edge}.{region}.twilio.com, following pages
// included. The emulator logs the host each request meant (X-Twilio-Original-Host).
import * as assert from 'assert';
import type { AccountCredentials } from '../../../src/core/twilio/types';
import { PERMISSIONS } from '../../emulator/server';
import { keyCreds, rejectsWith, useEmulator } from './harness';

describe('Twilio API: regions and edges', () => {
  const h = useEmulator({ keys: 5 });

  for (const [region, edge] of [
    ['ie1', 'dublin'],
    ['au1', 'sydney'],
  ]) {
    describe(`${region} / ${edge}`, () => {
      const at = (c: AccountCredentials): AccountCredentials => ({ ...c, region, edge });
      const api = `api.${edge}.${region}.twilio.com`;
      const iam = `iam.${edge}.${region}.twilio.com`;
      /** Each request as "host METHOD path", with the region and edge the emulator parsed checked. */
      const hosts = () =>
        h.emu.requests.map((r) => {
          assert.deepStrictEqual([r.region, r.edge], [region, edge], `${r.method} ${r.host}${r.path}`);
          return `${r.host} ${r.method} ${r.path.replace(h.emu.accountSid, '{AC}').replace(/SK[0-9a-f]{32}/, '{SK}')}`;
        });

      it('keys: list with its pages, create (IAM), fetch, rename, delete; restricted keys refused outside US1', async () => {
        const creds = at(h.token);
        let page = await h.api.listKeys(creds, { pageSize: 4 });
        while (page.hasMore) page = await page.next();
        const std = await h.api.createKey(creds, { type: 'standard', friendlyName: 'regional' });
        // Restricted keys exist in US1 only: refused before any request.
        const refused = await rejectsWith(h.api.createKey(creds, { type: 'restricted', permissions: [PERMISSIONS.keysRead] }), 'invalidRequest');
        assert.match(refused.message, /United States \(US1\)/);
        await h.api.fetchKey(creds, std.sid); // + the IAM list, to tell Main from Standard
        await h.api.renameKey(creds, std.sid, 'renamed');
        await h.api.deleteKey(creds, std.sid);
        assert.deepStrictEqual(hosts(), [
          `${iam} GET /v1/Keys`,
          `${iam} GET /v1/Keys`,
          `${iam} POST /v1/Keys`,
          `${iam} GET /v1/Keys/{SK}`,
          `${iam} GET /v1/Keys`,
          `${iam} POST /v1/Keys/{SK}`,
          `${iam} GET /v1/Keys`,
          `${iam} DELETE /v1/Keys/{SK}`,
        ]);
      });

      it('accounts: verify and the subaccount list with its pages', async () => {
        for (let i = 0; i < 3; i++) h.emu.state.addSubaccount(h.emu.accountSid);
        await h.api.verify(at(h.main));
        let page = await h.api.listSubaccounts(at(h.token), { pageSize: 2 });
        let count = page.accounts.length;
        while (page.hasMore) {
          page = await page.next();
          count += page.accounts.length;
        }
        assert.strictEqual(count, 3);
        assert.deepStrictEqual(hosts(), [
          `${api} GET /2010-04-01/Accounts/{AC}.json`,
          `${api} GET /2010-04-01/Accounts.json`,
          `${api} GET /2010-04-01/Accounts.json`,
        ]);
      });

      it('checkCredentials and the Standard-key probe', async () => {
        assert.strictEqual((await h.api.checkCredentials(at(h.main))).valid, true);
        assert.strictEqual((await h.api.checkCredentials(at(h.standard))).valid, true);
        await h.api.listKeys(at(h.standard)).catch(() => undefined); // standardKeyCannotManage after the balance probe
        assert.deepStrictEqual(hosts(), [
          `${api} GET /2010-04-01/Accounts/{AC}.json`,
          `${iam} GET /v1/Keys/{SK}`,
          `${api} GET /2010-04-01/Accounts/{AC}.json`,
          `${api} GET /2010-04-01/Accounts/{AC}/Balance.json`,
          `${iam} GET /v1/Keys`,
          `${api} GET /2010-04-01/Accounts/{AC}/Balance.json`,
        ]);
      });

      it('a subaccount through its parent: keys over the regional REST API 2010', async () => {
        const child = h.emu.state.addSubaccount(h.emu.accountSid);
        for (let i = 0; i < 3; i++) h.emu.state.addKey(child.sid);
        const creds = at({ ...h.token, accountSid: child.sid, parentAccountSid: h.emu.accountSid });
        let page = await h.api.listKeys(creds, { pageSize: 2 });
        while (page.hasMore) page = await page.next();
        const k = await h.api.createKey(creds, { type: 'standard' });
        await h.api.deleteKey(creds, k.sid);
        assert.ok(hosts().every((line) => line.startsWith(`${api} `)));
        assert.strictEqual(h.emu.requests.length, 4);
      });

      it('a restricted key with its own credentials', async () => {
        const k = h.emu.state.addKey(h.emu.accountSid, { type: 'restricted', permissions: [PERMISSIONS.keysRead] });
        const creds = at(keyCreds(h.emu, k.sid, k.secret));
        await h.api.listKeys(creds);
        await h.api.checkCredentials(creds);
        assert.deepStrictEqual(hosts(), [`${iam} GET /v1/Keys`, `${api} GET /2010-04-01/Accounts/{AC}.json`, `${iam} GET /v1/Keys/{SK}`]);
      });
    });
  }

  it('an edge without a region goes to us1, as twilio-node decides', async () => {
    await h.api.verify({ ...h.token, edge: 'sydney' });
    assert.deepStrictEqual([h.emu.requests[0].host, h.emu.requests[0].region], ['api.sydney.us1.twilio.com', 'us1']);
  });
});
