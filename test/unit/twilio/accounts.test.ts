import * as assert from 'assert';
import { keyCreds, rejectsWith, useEmulator } from './harness';

describe('Twilio API: accounts', () => {
  const h = useEmulator();

  it('verifies credentials by fetching the account, without passing its Auth Token on', async () => {
    const info = await h.api.verify(h.main);
    assert.deepStrictEqual(info, {
      sid: h.emu.accountSid,
      friendlyName: 'Emulated account',
      status: 'active',
      type: 'Full',
      ownerAccountSid: h.emu.accountSid,
    });
    assert.ok(!JSON.stringify(info).includes(h.emu.authToken));
  });

  it('lists the subaccounts an account owns, page by page, without the account itself', async () => {
    const children = ['staging', 'qa', 'demo'].map((friendlyName) => h.emu.state.addAccount({ ownerAccountSid: h.emu.accountSid, friendlyName }));
    h.emu.state.addAccount({ friendlyName: 'someone else' });
    const names: string[] = [];
    for (let page = await h.api.listSubaccounts(h.token, { pageSize: 2 }); ; page = await page.next()) {
      names.push(...page.accounts.map((a) => a.friendlyName));
      assert.ok(page.accounts.every((a) => a.ownerAccountSid === h.emu.accountSid));
      if (!page.hasMore) break;
    }
    assert.deepStrictEqual(names, children.map((c) => c.friendlyName));
  });

  it('verifies a subaccount with its own Auth Token and names its parent', async () => {
    const child = h.emu.state.addAccount({ ownerAccountSid: h.emu.accountSid });
    const info = await h.api.verify({ accountSid: child.sid, auth: { kind: 'authToken', authToken: child.authToken } });
    assert.deepStrictEqual([info.sid, info.ownerAccountSid], [child.sid, h.emu.accountSid]);
  });

  it('tells a Standard key it cannot read the account', async () => {
    await rejectsWith(h.api.verify(keyCreds(h.emu, h.emu.standardKey.sid, h.emu.standardKey.secret)), 'standardKeyCannotManage');
  });
});
