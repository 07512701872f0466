// checkCredentials: "is it live?" for every kind of credential, against the emulator. Invalid
// credentials answer valid: false; anything that is not Twilio's verdict on them throws.
import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { createTwilioApi } from '../../../src/core/twilio';
import type { AccountCredentials, CredentialCheck } from '../../../src/core/twilio/types';
import { PERMISSIONS } from '../../emulator/server';
import { fakeAccountSid, fakeAuthToken, fakeKeySecret, fakeKeySid } from '../../support/fakeCredentials';
import { FAST, keyCreds, rejectsWith, useEmulator } from './harness';

describe('Twilio API: checkCredentials (is it live?)', () => {
  const h = useEmulator();

  const restricted = (...permissions: string[]) => {
    const k = h.emu.state.addKey(h.emu.accountSid, { type: 'restricted', permissions });
    return { key: k, creds: keyCreds(h.emu, k.sid, k.secret) };
  };
  const withSecret = (c: AccountCredentials, secret: string): AccountCredentials =>
    c.auth.kind === 'apiKey' ? { ...c, auth: { ...c.auth, keySecret: secret } } : { ...c, auth: { kind: 'authToken', authToken: secret } };
  /** The requests made, as "METHOD path -> status". */
  const trail = () => h.emu.requests.map((r) => `${r.method} ${r.path.replace(h.emu.accountSid, '{AC}')} -> ${r.status}`);

  async function invalid(creds: AccountCredentials, reason: RegExp): Promise<CredentialCheck & { valid: false }> {
    const check = await h.api.checkCredentials(creds);
    assert.strictEqual(check.valid, false, `expected invalid, got ${JSON.stringify(check)}`);
    const r = check as CredentialCheck & { valid: false };
    assert.match(r.reason, reason);
    const secret = creds.auth.kind === 'apiKey' ? creds.auth.keySecret : creds.auth.authToken;
    assert.ok(!r.reason.includes(secret), 'the reason must not repeat the secret');
    return r;
  }

  describe('Auth Token', () => {
    it('right: valid, may manage keys, names the account, in one request', async () => {
      assert.deepStrictEqual(await h.api.checkCredentials(h.token), {
        valid: true,
        accountSid: h.emu.accountSid,
        credential: 'authToken',
        canManageKeys: true,
        accountFriendlyName: 'Emulated account',
        accountStatus: 'active',
      });
      assert.deepStrictEqual(trail(), ['GET /2010-04-01/Accounts/{AC}.json -> 200']);
    });

    it('wrong: not valid, with Twilio’s code and a reason without the token', async () => {
      const r = await invalid(withSecret(h.token, fakeAuthToken()), /did not accept these credentials \(Twilio error 20003\)/);
      assert.strictEqual(r.code, 20003);
    });

    it('of a subaccount: valid for the subaccount', async () => {
      const child = h.emu.state.addSubaccount(h.emu.accountSid, { friendlyName: 'staging' });
      const check = await h.api.checkCredentials({ accountSid: child.sid, auth: { kind: 'authToken', authToken: child.authToken } });
      assert.deepStrictEqual(check, { valid: true, accountSid: child.sid, credential: 'authToken', canManageKeys: true, accountFriendlyName: 'staging', accountStatus: 'active' });
    });

    it('of the parent, for a subaccount (parentAccountSid): valid, authenticated as the parent', async () => {
      const child = h.emu.state.addSubaccount(h.emu.accountSid, { friendlyName: 'staging' });
      const check = await h.api.checkCredentials({ ...h.token, accountSid: child.sid, parentAccountSid: h.emu.accountSid });
      assert.deepStrictEqual([check.valid, (check as { accountSid: string }).accountSid], [true, child.sid]);
      assert.deepStrictEqual(h.emu.requests.map((r) => r.user), [h.emu.accountSid]);
    });

    it('of the parent, for an account it does not own: not valid (404)', async () => {
      const stranger = h.emu.state.addAccount();
      const r = await invalid({ ...h.token, accountSid: stranger.sid, parentAccountSid: h.emu.accountSid }, /knows no account .* subaccount of/);
      assert.strictEqual(r.code, 20404);
    });

    it('of a subaccount, presented as its parent’s: not valid', async () => {
      const child = h.emu.state.addSubaccount(h.emu.accountSid);
      await invalid({ accountSid: child.sid, parentAccountSid: h.emu.accountSid, auth: { kind: 'authToken', authToken: child.authToken } }, /did not accept/);
    });
  });

  describe('Main key', () => {
    it('right: valid, Main, may manage keys', async () => {
      const check = await h.api.checkCredentials(h.main);
      assert.deepStrictEqual(check, {
        valid: true,
        accountSid: h.emu.accountSid,
        credential: 'apiKey',
        keyType: 'main',
        canManageKeys: true,
        accountFriendlyName: 'Emulated account',
        accountStatus: 'active',
      });
      assert.deepStrictEqual(trail(), ['GET /2010-04-01/Accounts/{AC}.json -> 200', `GET /v1/Keys/${h.emu.mainKey.sid} -> 200`]);
    });

    it('wrong secret, or deleted: not valid', async () => {
      await invalid(withSecret(h.main, fakeKeySecret()), /did not accept/);
      const extra = h.emu.state.addKey(h.emu.accountSid, { type: 'main' });
      h.emu.state.deleteKey(extra.sid);
      await invalid(keyCreds(h.emu, extra.sid, extra.secret), /did not accept/);
    });

    it('of another account, with this Account SID: not valid', async () => {
      const other = h.emu.state.addAccount();
      const theirs = h.emu.state.addKey(other.sid, { type: 'main' });
      await invalid(keyCreds(h.emu, theirs.sid, theirs.secret), /knows no account .* may belong to another account/);
    });
  });

  describe('Standard key', () => {
    it('right: valid, Standard, may not manage keys (401 on the account, then the balance)', async () => {
      assert.deepStrictEqual(await h.api.checkCredentials(h.standard), {
        valid: true,
        accountSid: h.emu.accountSid,
        credential: 'apiKey',
        keyType: 'standard',
        canManageKeys: false,
      });
      assert.deepStrictEqual(trail(), ['GET /2010-04-01/Accounts/{AC}.json -> 401', 'GET /2010-04-01/Accounts/{AC}/Balance.json -> 200']);
    });

    it('wrong secret, or deleted: not valid', async () => {
      await invalid(withSecret(h.standard, fakeKeySecret()), /did not accept/);
      await h.api.deleteKey(h.token, h.emu.standardKey.sid);
      await invalid(h.standard, /did not accept/);
    });

    it('a new key created through the API checks as Standard', async () => {
      const created = await h.api.createKey(h.token, { type: 'standard' });
      const check = await h.api.checkCredentials(keyCreds(h.emu, created.sid, created.secret));
      assert.deepStrictEqual([check.valid, (check as { keyType?: string }).keyType], [true, 'standard']);
    });

    it('of another account, with this Account SID: not valid', async () => {
      const other = h.emu.state.addAccount();
      const theirs = h.emu.state.addKey(other.sid);
      await invalid(keyCreds(h.emu, theirs.sid, theirs.secret), /knows no account/);
    });
  });

  describe('Restricted key', () => {
    it('with the key-management permissions: valid, Restricted, may manage keys, permissions listed', async () => {
      const perms = [PERMISSIONS.keysRead, PERMISSIONS.keysCreate, PERMISSIONS.keysDelete];
      const { creds } = restricted(...perms);
      const check = await h.api.checkCredentials(creds);
      assert.deepStrictEqual(check, { valid: true, accountSid: h.emu.accountSid, credential: 'apiKey', keyType: 'restricted', canManageKeys: true, permissions: perms });
    });

    it('without any permission here: still valid (refused 70051 means authenticated), may not manage keys', async () => {
      const { creds } = restricted('/twilio/messaging/messages/read');
      assert.deepStrictEqual(await h.api.checkCredentials(creds), {
        valid: true,
        accountSid: h.emu.accountSid,
        credential: 'apiKey',
        keyType: 'restricted',
        canManageKeys: false,
      });
      assert.deepStrictEqual(h.emu.requests.map((r) => r.status), [403, 403]);
    });

    it('that may read the account and keys but not create: named, permissions listed, may not manage keys', async () => {
      const { creds } = restricted(PERMISSIONS.accountsRead, PERMISSIONS.keysRead);
      const check = await h.api.checkCredentials(creds);
      assert.deepStrictEqual(check, {
        valid: true,
        accountSid: h.emu.accountSid,
        credential: 'apiKey',
        keyType: 'restricted',
        canManageKeys: false,
        permissions: [PERMISSIONS.accountsRead, PERMISSIONS.keysRead],
        accountFriendlyName: 'Emulated account',
        accountStatus: 'active',
      });
    });

    it('wrong secret, or deleted: not valid', async () => {
      const { key, creds } = restricted(PERMISSIONS.keysRead);
      await invalid(withSecret(creds, fakeKeySecret()), /did not accept/);
      h.emu.state.deleteKey(key.sid);
      await invalid(creds, /did not accept/);
    });
  });

  describe('malformed credentials', () => {
    it('are not valid, without a request and without repeating the value', async () => {
      const secret = fakeKeySecret();
      const cases: [AccountCredentials, RegExp][] = [
        [{ accountSid: secret, auth: { kind: 'authToken', authToken: fakeAuthToken() } }, /Account SID must be/],
        [{ accountSid: fakeAccountSid(), auth: { kind: 'apiKey', keySid: secret, keySecret: secret } }, /API key SID must be/],
        [{ accountSid: fakeAccountSid(), auth: { kind: 'apiKey', keySid: fakeKeySid(), keySecret: '' } }, /secret is empty/],
        [{ accountSid: fakeAccountSid(), auth: { kind: 'authToken', authToken: '' } }, /Auth Token is empty/],
        [{ accountSid: fakeAccountSid(), parentAccountSid: secret, auth: { kind: 'authToken', authToken: fakeAuthToken() } }, /parent Account SID/],
        [{ ...keyCreds(h.emu, fakeKeySid(), secret), parentAccountSid: h.emu.accountSid }, /not with an API key/],
      ];
      for (const [creds, reason] of cases) {
        const check = await h.api.checkCredentials(creds);
        assert.strictEqual(check.valid, false);
        assert.match((check as { reason: string }).reason, reason);
        assert.ok(!(check as { reason: string }).reason.includes(secret));
      }
      assert.strictEqual(h.emu.requests.length, 0);
    });
  });

  describe('no verdict from Twilio: throws, never answers “not valid”', () => {
    it('offline: the connection is reset on every attempt', async () => {
      h.emu.faults.resetNext(10);
      await rejectsWith(h.api.checkCredentials(h.token), 'offline');
    });

    it('offline: the Standard key’s balance probe loses its connection', async () => {
      h.emu.faults.resetNext(10, { path: '/2010-04-01/Accounts/*/Balance.json' });
      await rejectsWith(h.api.checkCredentials(h.standard), 'offline');
    });

    it('offline: nothing listens', async () => {
      const server = http.createServer();
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const { port } = server.address() as AddressInfo;
      await new Promise((r) => server.close(r));
      const api = createTwilioApi({ ...FAST, apiOrigin: `http://127.0.0.1:${port}`, maxRetries: 0 });
      await rejectsWith(api.checkCredentials(h.main), 'offline');
    });

    it('timeout, server errors, rate limits and cancellation', async () => {
      h.emu.faults.hangNext();
      await rejectsWith(h.api.checkCredentials(h.token, { timeoutMs: 200 }), 'timeout');
      h.emu.reset();
      h.emu.faults.failNext(10, 503);
      await rejectsWith(h.api.checkCredentials(h.main), 'server');
      h.emu.reset();
      h.emu.faults.rateLimit(10, 60);
      await rejectsWith(h.api.checkCredentials(h.standard), 'rateLimited');
      h.emu.reset();
      const ctl = new AbortController();
      ctl.abort();
      await rejectsWith(h.api.checkCredentials(h.token, { signal: ctl.signal }), 'cancelled');
    });

    it('retries a passing failure and then answers', async () => {
      h.emu.faults.failNext(1, 503);
      assert.strictEqual((await h.api.checkCredentials(h.token)).valid, true);
    });
  });

  it('changes nothing: only GET requests', async () => {
    const before = h.emu.state.snapshot();
    for (const c of [h.token, h.main, h.standard, restricted(PERMISSIONS.keysRead).creds]) await h.api.checkCredentials(c);
    assert.ok(h.emu.requests.every((r) => r.method === 'GET'));
    assert.strictEqual(h.emu.state.keys.size, before.keys.length + 1);
  });
});
