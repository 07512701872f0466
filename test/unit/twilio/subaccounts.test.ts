// Subaccounts managed with the parent's Auth Token (parentAccountSid): the parent's SID and token
// authenticate, the subaccount is the account addressed, and keys go through the REST API 2010
// (the only API where Twilio lets a parent's credentials reach its subaccounts).
import * as assert from 'assert';
import type { AccountCredentials, AccountInfo } from '../../../src/core/twilio/types';
import type { AccountRecord } from '../../emulator/server';
import { fakeAuthToken } from '../../support/fakeCredentials';
import { keyCreds, rejectsWith, useEmulator } from './harness';

describe('Twilio API: subaccounts through the parent’s Auth Token', () => {
  const h = useEmulator();
  let child: AccountRecord;
  let viaParent: AccountCredentials;
  beforeEach(() => {
    child = h.emu.state.addSubaccount(h.emu.accountSid, { friendlyName: 'staging' });
    viaParent = { accountSid: child.sid, parentAccountSid: h.emu.accountSid, auth: { kind: 'authToken', authToken: h.emu.authToken } };
  });

  it('authenticates as the parent and addresses the subaccount', async () => {
    const info = await h.api.verify(viaParent);
    assert.deepStrictEqual([info.sid, info.ownerAccountSid, info.friendlyName], [child.sid, h.emu.accountSid, 'staging']);
    assert.deepStrictEqual(
      h.emu.requests.map((r) => [r.user, r.path]),
      [[h.emu.accountSid, `/2010-04-01/Accounts/${child.sid}.json`]],
    );
    assert.ok(!JSON.stringify(info).includes(child.authToken));
  });

  it('creates, lists (page by page), fetches, renames and deletes the subaccount’s keys over the REST API 2010', async () => {
    const seeded = Array.from({ length: 4 }, (_, i) => h.emu.state.addKey(child.sid, { friendlyName: `seeded ${i}` }));
    const created = await h.api.createKey(viaParent, { type: 'standard', friendlyName: 'made by the parent' });
    assert.deepStrictEqual([created.type, created.typeUnknown], ['standard', undefined], 'a v2010 create makes a Standard key');
    assert.strictEqual(h.emu.state.keys.get(created.sid)?.accountSid, child.sid);

    const listed = [];
    let pages = 0;
    for (let page = await h.api.listKeys(viaParent, { pageSize: 2 }); ; page = await page.next()) {
      pages++;
      listed.push(...page.keys);
      if (!page.hasMore) break;
    }
    assert.strictEqual(pages, 3);
    assert.deepStrictEqual(listed.map((k) => k.sid), [...seeded.map((k) => k.sid), created.sid]);
    assert.ok(listed.every((k) => k.type === 'standard' && k.typeUnknown === true), 'v2010 lists cannot tell key types apart');

    const fetched = await h.api.fetchKey(viaParent, created.sid);
    assert.deepStrictEqual([fetched.friendlyName, fetched.typeUnknown], ['made by the parent', true]);
    const renamed = await h.api.renameKey(viaParent, created.sid, 'renamed by the parent');
    assert.strictEqual(h.emu.state.keys.get(created.sid)?.friendlyName, 'renamed by the parent');
    assert.strictEqual(renamed.friendlyName, 'renamed by the parent');
    await h.api.deleteKey(viaParent, created.sid);
    assert.ok(!h.emu.state.keys.has(created.sid));

    assert.ok(h.emu.requests.every((r) => r.host === 'api.twilio.com' && r.user === h.emu.accountSid), 'REST API 2010 only, as the parent');
    assert.ok(h.emu.requests.every((r) => r.path.startsWith(`/2010-04-01/Accounts/${child.sid}/Keys`)));
  });

  it('refuses a restricted key for a subaccount before calling Twilio: IAM needs the subaccount’s own credentials', async () => {
    const e = await rejectsWith(h.api.createKey(viaParent, { type: 'restricted', permissions: ['/twilio/messaging/messages/read'] }), 'invalidRequest');
    assert.match(e.message, /subaccount’s own Auth Token or Main key/);
    assert.strictEqual(h.emu.requests.length, 0);
  });

  it('with the subaccount’s own Auth Token, uses IAM and knows key types', async () => {
    h.emu.state.addKey(child.sid, { type: 'main' });
    const own: AccountCredentials = { accountSid: child.sid, auth: { kind: 'authToken', authToken: child.authToken } };
    const page = await h.api.listKeys(own);
    assert.deepStrictEqual(page.keys.map((k) => [k.type, k.typeUnknown]), [['main', undefined]]);
    const restricted = await h.api.createKey(own, { type: 'restricted', permissions: ['/twilio/messaging/messages/read'] });
    assert.strictEqual(h.emu.state.keys.get(restricted.sid)?.accountSid, child.sid);
    assert.ok(h.emu.requests.every((r) => r.host === 'iam.twilio.com'));
  });

  it('a key made for the subaccount by the parent works as the subaccount’s credential', async () => {
    const created = await h.api.createKey(viaParent, { type: 'standard' });
    const check = await h.api.checkCredentials(keyCreds(h.emu, created.sid, created.secret, child.sid));
    assert.deepStrictEqual([check.valid, (check as { keyType?: string }).keyType], [true, 'standard']);
  });

  it('refuses the parent’s token for an account it does not own, and a wrong parent token', async () => {
    const stranger = h.emu.state.addAccount();
    await rejectsWith(h.api.listKeys({ ...viaParent, accountSid: stranger.sid }), 'notFound');
    await rejectsWith(h.api.listKeys({ ...viaParent, auth: { kind: 'authToken', authToken: fakeAuthToken() } }), 'authentication');
    await rejectsWith(h.api.listKeys({ ...viaParent, auth: { kind: 'authToken', authToken: child.authToken } }), 'authentication');
  });

  it('a subaccount’s own token reaches neither its parent nor a sibling', async () => {
    const sibling = h.emu.state.addSubaccount(h.emu.accountSid);
    const own = (accountSid: string): AccountCredentials => ({ accountSid, auth: { kind: 'authToken', authToken: child.authToken } });
    await rejectsWith(h.api.verify(own(h.emu.accountSid)), 'authentication'); // the Basic user is then the parent's SID
    await rejectsWith(h.api.verify({ ...own(h.emu.accountSid), parentAccountSid: child.sid }), 'notFound');
    await rejectsWith(h.api.listKeys({ ...own(sibling.sid), parentAccountSid: child.sid }), 'notFound');
    await rejectsWith(h.api.deleteKey({ ...own(h.emu.accountSid), parentAccountSid: child.sid }, h.emu.standardKey.sid), 'notFound');
    assert.ok(h.emu.state.keys.has(h.emu.standardKey.sid));
  });

  it('checks parentAccountSid before calling Twilio', async () => {
    await rejectsWith(h.api.verify({ ...viaParent, parentAccountSid: 'AC123' }), 'invalidRequest');
    await rejectsWith(h.api.verify({ ...keyCreds(h.emu, h.emu.mainKey.sid, h.emu.mainKey.secret), parentAccountSid: h.emu.accountSid }), 'invalidRequest');
    assert.strictEqual(h.emu.requests.length, 0);
  });

  it('takes a parentAccountSid equal to the account as no parent at all', async () => {
    const same: AccountCredentials = { ...h.token, parentAccountSid: h.emu.accountSid };
    const page = await h.api.listKeys(same);
    assert.strictEqual(page.keys.find((k) => k.sid === h.emu.mainKey.sid)?.type, 'main');
  });

  describe('listSubaccounts', () => {
    it('pages through the real library and keeps only the subaccounts the account owns', async () => {
      const more = ['qa', 'demo', 'eu', 'apac'].map((friendlyName) => h.emu.state.addSubaccount(h.emu.accountSid, { friendlyName }));
      const stranger = h.emu.state.addAccount({ friendlyName: 'someone else' });
      h.emu.state.addSubaccount(stranger.sid, { friendlyName: 'their child' });
      const seen: AccountInfo[] = [];
      let pages = 0;
      for (let page = await h.api.listSubaccounts(h.token, { pageSize: 2 }); ; page = await page.next()) {
        pages++;
        seen.push(...page.accounts);
        if (!page.hasMore) break;
      }
      assert.strictEqual(pages, 3, 'the parent plus five subaccounts, two a page');
      assert.deepStrictEqual(seen.map((a) => a.friendlyName), ['staging', ...more.map((a) => a.friendlyName)]);
      assert.ok(seen.every((a) => a.ownerAccountSid === h.emu.accountSid && a.status === 'active'));
      assert.ok(!JSON.stringify(seen).includes(child.authToken));
      assert.deepStrictEqual(
        h.emu.requests.map((r) => `${r.path}${r.query.replace(/PageToken=PA\w+/, 'PageToken=…')}`),
        ['/2010-04-01/Accounts.json?PageSize=2', '/2010-04-01/Accounts.json?PageSize=2&Page=1&PageToken=…', '/2010-04-01/Accounts.json?PageSize=2&Page=2&PageToken=…'],
      );
    });

    it('has none for a subaccount, whether asked with its own token or its parent’s', async () => {
      const own: AccountCredentials = { accountSid: child.sid, auth: { kind: 'authToken', authToken: child.authToken } };
      assert.deepStrictEqual((await h.api.listSubaccounts(own)).accounts, []);
      assert.deepStrictEqual((await h.api.listSubaccounts(viaParent)).accounts, [], 'the parent and siblings are not its subaccounts');
    });

    it('works with a Main key of the parent', async () => {
      const accounts = (await h.api.listSubaccounts(h.main)).accounts;
      assert.deepStrictEqual(accounts.map((a) => a.sid), [child.sid]);
    });
  });
});
