// The API layer's Auth Token rotation (Accounts v1), Standard keys through IAM, the 20003 "Policy
// evaluation failed" refusal, restricted keys in US1 only and permission updates in place, all
// through the real twilio library against the emulator.
import * as assert from 'assert';
import { inspect } from 'util';
import type { AccountCredentials } from '../../../src/core/twilio/types';
import { keyCreds, rejectsWith, seen, useEmulator } from './harness';

describe('Twilio API: Auth Token rotation', () => {
  const h = useEmulator();
  const tokenCreds = (authToken: string, accountSid = h.emu.accountSid): AccountCredentials => ({ accountSid, auth: { kind: 'authToken', authToken } });

  it('creates a secondary on accounts.twilio.com that authenticates alongside the primary', async () => {
    const s = await h.api.createSecondaryAuthToken(h.token);
    assert.strictEqual(s.accountSid, h.emu.accountSid);
    assert.match(s.secondaryAuthToken, /^[0-9a-f]{32}$/);
    assert.ok(s.dateCreated instanceof Date);
    const request = h.emu.requests.at(-1)!;
    assert.deepStrictEqual([request.method, request.path, request.host], ['POST', '/v1/AuthTokens/Secondary', 'accounts.twilio.com']);
    assert.strictEqual((await h.api.checkCredentials(tokenCreds(s.secondaryAuthToken))).valid, true);
    assert.strictEqual((await h.api.checkCredentials(h.token)).valid, true);
  });

  it('promotes it: the old token is refused, the new one works', async () => {
    const s = await h.api.createSecondaryAuthToken(h.token);
    const promoted = await h.api.promoteSecondaryAuthToken(h.token);
    assert.deepStrictEqual(promoted, { accountSid: h.emu.accountSid, authToken: s.secondaryAuthToken });
    const old = await h.api.checkCredentials(h.token);
    assert.deepStrictEqual([old.valid, !old.valid && old.code], [false, 20003]);
    assert.strictEqual((await h.api.checkCredentials(tokenCreds(s.secondaryAuthToken))).valid, true);
  });

  it('deletes an unpromoted secondary, and says false when there is none', async () => {
    const s = await h.api.createSecondaryAuthToken(h.token);
    assert.strictEqual(await h.api.deleteSecondaryAuthToken(h.token), true);
    assert.strictEqual((await h.api.checkCredentials(tokenCreds(s.secondaryAuthToken))).valid, false);
    assert.strictEqual(await h.api.deleteSecondaryAuthToken(h.token), false);
  });

  it('promoting without a secondary is an invalid request that changes nothing', async () => {
    await rejectsWith(h.api.promoteSecondaryAuthToken(h.token), 'invalidRequest');
    assert.strictEqual((await h.api.checkCredentials(h.token)).valid, true);
  });

  it('a lost answer to the create is "outcome unknown"; creating again replaces the unseen secondary', async () => {
    h.emu.faults.commitThenDrop(1, { path: '/v1/AuthTokens/Secondary' });
    const e = await rejectsWith(h.api.createSecondaryAuthToken(h.token), 'offline');
    assert.strictEqual(e.outcomeUnknown, true);
    const unseen = h.emu.state.accounts.get(h.emu.accountSid)!.secondaryAuthToken!;
    assert.ok(unseen, 'Twilio made one');
    assert.deepStrictEqual(seen(h.emu), ['POST /v1/AuthTokens/Secondary'], 'never repeated by the layer');
    const again = await h.api.createSecondaryAuthToken(h.token);
    assert.notStrictEqual(again.secondaryAuthToken, unseen);
    assert.strictEqual((await h.api.checkCredentials(tokenCreds(unseen))).valid, false);
  });

  it('refuses API keys and a subaccount through its parent before any request, saying what is needed', async () => {
    await rejectsWith(h.api.createSecondaryAuthToken(h.main), 'invalidRequest');
    const sub = h.emu.state.addSubaccount(h.emu.accountSid);
    const viaParent: AccountCredentials = { ...h.token, accountSid: sub.sid, parentAccountSid: h.emu.accountSid };
    const e = await rejectsWith(h.api.createSecondaryAuthToken(viaParent), 'invalidRequest');
    assert.match(e.message, /subaccount’s own Auth Token/);
    await rejectsWith(h.api.promoteSecondaryAuthToken(viaParent), 'invalidRequest');
    assert.deepStrictEqual(seen(h.emu), []);
    // With its own token, the subaccount rotates itself.
    const own = await h.api.createSecondaryAuthToken(tokenCreds(sub.authToken, sub.sid));
    assert.strictEqual(own.accountSid, sub.sid);
    assert.strictEqual(h.emu.state.accounts.get(h.emu.accountSid)!.secondaryAuthToken, undefined);
  });

  it('never puts a token into an error', async () => {
    const s = await h.api.createSecondaryAuthToken(h.token);
    await h.api.promoteSecondaryAuthToken(h.token);
    for (const attempt of [() => h.api.promoteSecondaryAuthToken(h.token), () => h.api.createSecondaryAuthToken(h.token), () => h.api.promoteSecondaryAuthToken(tokenCreds(s.secondaryAuthToken))]) {
      const e = await attempt().then(() => undefined, (err: unknown) => err);
      const text = [String(e), inspect(e, { depth: 5, showHidden: true }), JSON.stringify(e)].join('\n');
      assert.ok(!text.includes(h.emu.authToken) && !text.includes(s.secondaryAuthToken), `a token leaked into: ${text}`);
    }
  });
});

describe('Twilio API: keys the way Twilio now wants them made', () => {
  const h = useEmulator();

  it('creates Standard keys through IAM v1 without KeyType', async () => {
    const k = await h.api.createKey(h.token, { type: 'standard', friendlyName: 'iam std' });
    assert.strictEqual(k.type, 'standard');
    assert.deepStrictEqual(seen(h.emu), ['POST /v1/Keys']);
    assert.strictEqual(h.emu.state.keys.get(k.sid)?.type, 'standard');
  });

  it('keeps the REST API 2010 for a subaccount reached through its parent', async () => {
    const sub = h.emu.state.addSubaccount(h.emu.accountSid);
    const k = await h.api.createKey({ ...h.token, accountSid: sub.sid, parentAccountSid: h.emu.accountSid }, { type: 'standard' });
    assert.deepStrictEqual(seen(h.emu), [`POST /2010-04-01/Accounts/${sub.sid}/Keys.json`]);
    assert.strictEqual(h.emu.state.keys.get(k.sid)?.accountSid, sub.sid);
  });

  it('says what happened when the REST API 2010 answers 20003 "Policy evaluation failed" with valid credentials', async () => {
    h.emu.state.v2010KeyCreationDenied = true;
    const sub = h.emu.state.addSubaccount(h.emu.accountSid);
    const e = await rejectsWith(h.api.createKey({ ...h.token, accountSid: sub.sid, parentAccountSid: h.emu.accountSid }, { type: 'standard' }), 'refusedByPolicy');
    assert.strictEqual(e.code, 20003);
    assert.match(e.message, /REST API 2010/);
    assert.match(e.message, /own Auth Token/);
    assert.match(e.message, /Twilio Console/);
    assert.ok(!e.message.includes(h.emu.authToken));
    // IAM is unaffected: the account's own token still creates.
    assert.strictEqual((await h.api.createKey(h.token, { type: 'standard' })).type, 'standard');
  });

  it('a 20003 for wrong credentials stays an authentication error, and a Standard key is told apart', async () => {
    await rejectsWith(h.api.createKey({ ...h.token, auth: { kind: 'authToken', authToken: h.emu.authToken.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) } }, { type: 'standard' }), 'authentication');
    await rejectsWith(h.api.createKey(h.standard, { type: 'standard' }), 'standardKeyCannotManage');
  });

  it('refuses restricted keys outside US1 before any request, and creates them in US1', async () => {
    for (const region of ['ie1', 'au1']) {
      const e = await rejectsWith(h.api.createKey({ ...h.token, region }, { type: 'restricted', permissions: ['/twilio/voice/calls/read'] }), 'invalidRequest');
      assert.match(e.message, new RegExp(`US1.*${region}`));
    }
    assert.deepStrictEqual(seen(h.emu), []);
    assert.strictEqual((await h.api.createKey({ ...h.token, region: 'us1' }, { type: 'restricted', permissions: ['/twilio/voice/calls/read'] })).type, 'restricted');
  });

  it('updates a restricted key’s permissions in place', async () => {
    const k = await h.api.createKey(h.token, { type: 'restricted', permissions: ['/twilio/voice/calls/read'] });
    const updated = await h.api.updateKeyPermissions(h.token, k.sid, ['/twilio/voice/calls/read', '/twilio/messaging/messages/create']);
    assert.deepStrictEqual(updated.permissions, ['/twilio/voice/calls/read', '/twilio/messaging/messages/create']);
    assert.strictEqual(updated.type, 'restricted');
    assert.strictEqual(h.emu.state.keys.get(k.sid)!.secret, k.secret, 'same secret');
    await rejectsWith(h.api.updateKeyPermissions(h.token, k.sid, []), 'invalidRequest');
    await rejectsWith(h.api.updateKeyPermissions(h.token, h.emu.standardKey.sid, ['/twilio/voice/calls/read']), 'invalidRequest');
    await rejectsWith(h.api.updateKeyPermissions(keyCreds(h.emu, k.sid, k.secret), k.sid, ['/twilio/voice/calls/list']), 'permissionDenied');
  });
});
