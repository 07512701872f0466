// Accounts v1 (accounts.twilio.com) Auth Token rotation: create and delete a secondary token,
// promote it; every answer checked against Twilio's OpenAPI description as it happens (harness.ts).
// Also IAM's Standard-key creation without KeyType, a policy update in place, and the switch that
// makes v2010 key creation answer 20003 "Policy evaluation failed".
import * as assert from 'assert';
import { PERMISSIONS } from '../emulator/server';
import { assertCovered, OUTCOME, useContractEmulator } from './harness';
import { CREATE, IAM_CREATE, IAM_UPDATE, PROMOTE, SECONDARY_CREATE, SECONDARY_DELETE } from './operations';

const { unauthenticated: UNAUTHENTICATED, notFound: NOT_FOUND, invalid: INVALID } = OUTCOME;
const FORBIDDEN = '403/20403';

describe('Contract: Auth Token rotation (Accounts v1)', () => {
  const h = useContractEmulator();
  const token = (pass: string, user = h.emu.accountSid) => ({ auth: { user, pass } });
  const account = () => h.emu.state.accounts.get(h.emu.accountSid)!;
  /** Fetching the account: the simplest call that shows whether a token authenticates. */
  const fetchStatus = async (pass: string) => (await h.call('GET', `/2010-04-01/Accounts/${h.emu.accountSid}.json`, token(pass))).status;

  after(() =>
    assertCovered(h, {
      [SECONDARY_CREATE]: ['201', UNAUTHENTICATED, FORBIDDEN],
      [SECONDARY_DELETE]: ['204', UNAUTHENTICATED, NOT_FOUND, FORBIDDEN],
      [PROMOTE]: ['200', UNAUTHENTICATED, INVALID, FORBIDDEN],
      [IAM_CREATE]: ['201'],
      [IAM_UPDATE]: ['200', INVALID],
      [CREATE]: ['201', UNAUTHENTICATED],
    }),
  );

  it('creates a secondary that authenticates alongside the primary, on every API', async () => {
    const res = await h.call('POST', '/v1/AuthTokens/Secondary', h.tokenAuth());
    assert.strictEqual(res.status, 201);
    assert.strictEqual(res.json.account_sid, h.emu.accountSid);
    const secondary: string = res.json.secondary_auth_token;
    assert.match(secondary, /^[0-9a-f]{32}$/);
    assert.notStrictEqual(secondary, h.emu.authToken);
    assert.strictEqual(await fetchStatus(h.emu.authToken), 200);
    assert.strictEqual(await fetchStatus(secondary), 200);
    assert.strictEqual((await h.call('GET', `/v1/Keys?AccountSid=${h.emu.accountSid}`, token(secondary))).status, 200);
  });

  it('promotes the secondary: the old primary is refused at once on every API, the new one works', async () => {
    const secondary = (await h.call('POST', '/v1/AuthTokens/Secondary', h.tokenAuth())).json.secondary_auth_token;
    const res = await h.call('POST', '/v1/AuthTokens/Promote', h.tokenAuth());
    assert.deepStrictEqual([res.status, res.json.auth_token, res.json.account_sid], [200, secondary, h.emu.accountSid]);
    const old = h.emu.authToken;
    await h.expectError('GET', `/2010-04-01/Accounts/${h.emu.accountSid}.json`, token(old), 401, 20003);
    await h.expectError('GET', `/v1/Keys?AccountSid=${h.emu.accountSid}`, token(old), 401, 20003);
    await h.expectError('POST', '/v1/AuthTokens/Secondary', token(old), 401, 20003);
    assert.strictEqual(await fetchStatus(secondary), 200);
    assert.strictEqual(account().authToken, secondary);
    assert.strictEqual(account().secondaryAuthToken, undefined, 'no secondary is left after a promotion');
  });

  it('a second POST replaces the secondary: the first one stops working (the emulator’s documented choice)', async () => {
    const first = (await h.call('POST', '/v1/AuthTokens/Secondary', h.tokenAuth())).json.secondary_auth_token;
    const second = (await h.call('POST', '/v1/AuthTokens/Secondary', h.tokenAuth())).json.secondary_auth_token;
    assert.notStrictEqual(first, second);
    await h.expectError('GET', `/2010-04-01/Accounts/${h.emu.accountSid}.json`, token(first), 401, 20003);
    assert.strictEqual(await fetchStatus(second), 200);
  });

  it('deletes an unpromoted secondary, which then stops working; deleting again is 404', async () => {
    const secondary = (await h.call('POST', '/v1/AuthTokens/Secondary', h.tokenAuth())).json.secondary_auth_token;
    const res = await h.call('DELETE', '/v1/AuthTokens/Secondary', token(secondary));
    assert.deepStrictEqual([res.status, res.text], [204, '']);
    await h.expectError('GET', `/2010-04-01/Accounts/${h.emu.accountSid}.json`, token(secondary), 401, 20003);
    assert.strictEqual(await fetchStatus(h.emu.authToken), 200);
    await h.expectError('DELETE', '/v1/AuthTokens/Secondary', h.tokenAuth(), 404, 20404);
  });

  it('refuses to promote when there is no secondary, changing nothing', async () => {
    await h.expectError('POST', '/v1/AuthTokens/Promote', h.tokenAuth(), 400, 20001);
    assert.strictEqual(await fetchStatus(h.emu.authToken), 200);
  });

  it('acts on the account that authenticates: a subaccount rotates its own token, never its parent’s', async () => {
    const sub = h.emu.state.addSubaccount(h.emu.accountSid);
    const res = await h.call('POST', '/v1/AuthTokens/Secondary', token(sub.authToken, sub.sid));
    assert.strictEqual(res.json.account_sid, sub.sid);
    await h.call('POST', '/v1/AuthTokens/Promote', token(sub.authToken, sub.sid));
    assert.strictEqual(h.emu.state.accounts.get(sub.sid)!.authToken, res.json.secondary_auth_token);
    assert.strictEqual(account().authToken, h.emu.authToken, 'the parent’s token is untouched');
    assert.strictEqual(account().secondaryAuthToken, undefined);
  });

  it('refuses wrong tokens (401) and API keys, even Main keys (403)', async () => {
    for (const [method, path] of [
      ['POST', '/v1/AuthTokens/Secondary'],
      ['DELETE', '/v1/AuthTokens/Secondary'],
      ['POST', '/v1/AuthTokens/Promote'],
    ] as const) {
      await h.expectError(method, path, h.wrongTokenAuth(), 401, 20003);
      await h.expectError(method, path, h.mainAuth(), 403, 20403);
    }
    assert.strictEqual(account().secondaryAuthToken, undefined);
  });

  it('serves the rotation on accounts.twilio.com only', async () => {
    const onApi = await h.call('POST', '/v1/AuthTokens/Secondary', { ...h.tokenAuth(), headers: { 'X-Twilio-Original-Host': 'iam.twilio.com' } });
    assert.deepStrictEqual([onApi.status, onApi.json.code], [404, 20404]);
    const onAccounts = await h.call('POST', '/v1/AuthTokens/Secondary', { ...h.tokenAuth(), headers: { 'X-Twilio-Original-Host': 'accounts.twilio.com' } });
    assert.strictEqual(onAccounts.status, 201);
  });

  describe('keys the way Twilio now wants them made', () => {
    it('IAM creates a Standard key when KeyType is absent', async () => {
      const res = await h.call('POST', '/v1/Keys', { ...h.tokenAuth(), form: { AccountSid: h.emu.accountSid, FriendlyName: 'std' } });
      assert.deepStrictEqual([res.status, res.json.policy], [201, null]);
      assert.strictEqual(h.emu.state.keys.get(res.json.sid)?.type, 'standard');
    });

    it('updates a restricted key’s permissions in place, keeping its secret', async () => {
      const k = h.emu.state.addKey(h.emu.accountSid, { type: 'restricted', permissions: ['/twilio/voice/calls/read'] });
      const allow = ['/twilio/voice/calls/read', '/twilio/messaging/messages/create'];
      const res = await h.call('POST', `/v1/Keys/${k.sid}`, { ...h.tokenAuth(), form: { Policy: JSON.stringify({ allow }) } });
      assert.deepStrictEqual(res.json.policy, { allow });
      assert.strictEqual(res.json.secret, undefined, 'an update never carries a secret');
      assert.strictEqual(h.emu.state.keys.get(k.sid)!.secret, k.secret);
      await h.expectError('POST', `/v1/Keys/${k.sid}`, { ...h.tokenAuth(), form: { Policy: JSON.stringify({ allow: [] }) } }, 400, 20001);
      assert.deepStrictEqual(h.emu.state.keys.get(k.sid)!.policy, { allow }, 'a refused update changes nothing');
      // A restricted key may change policies only with the update permission.
      const updater = h.restrictedAuth(PERMISSIONS.keysUpdate);
      assert.strictEqual((await h.call('POST', `/v1/Keys/${k.sid}`, { ...updater, form: { Policy: JSON.stringify({ allow: ['/twilio/voice/calls/list'] }) } })).status, 200);
    });

    it('the switch makes v2010 key creation answer 20003 "Policy evaluation failed"; IAM still creates', async () => {
      const path = `/2010-04-01/Accounts/${h.emu.accountSid}/Keys.json`;
      assert.strictEqual((await h.call('POST', path, h.tokenAuth())).status, 201);
      h.emu.state.v2010KeyCreationDenied = true;
      const before = h.emu.state.keys.size;
      const refused = await h.call('POST', path, h.tokenAuth());
      assert.deepStrictEqual([refused.status, refused.json.code, refused.json.message], [401, 20003, 'Policy evaluation failed']);
      assert.strictEqual(h.emu.state.keys.size, before, 'nothing was created');
      assert.strictEqual(await fetchStatus(h.emu.authToken), 200, 'the credentials are valid all the same');
      assert.strictEqual((await h.call('POST', '/v1/Keys', { ...h.tokenAuth(), form: { AccountSid: h.emu.accountSid } })).status, 201);
    });
  });
});
