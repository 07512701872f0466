// Every TwilioErrorKind, produced the way a user would meet it.
import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { randomBytes } from 'crypto';
import { createTwilioApi } from '../../../src/core/twilio';
import { FAST, keyCreds, rejectsWith, useEmulator } from './harness';

const randomKeySid = () => `SK${randomBytes(16).toString('hex')}`;

describe('Twilio API: errors by kind', () => {
  const h = useEmulator();

  it('authentication: a wrong Auth Token', async () => {
    const e = await rejectsWith(h.api.verify({ ...h.token, auth: { kind: 'authToken', authToken: randomBytes(16).toString('hex') } }), 'authentication');
    assert.deepStrictEqual([e.status, e.code], [401, 20003]);
  });

  it('authentication: a Main key that was deleted fails on the next call', async () => {
    const extra = h.emu.state.addKey(h.emu.accountSid, { type: 'main' });
    const creds = keyCreds(h.emu, extra.sid, extra.secret);
    await h.api.listKeys(creds);
    await h.api.deleteKey(h.token, extra.sid);
    await rejectsWith(h.api.listKeys(creds), 'authentication');
  });

  it('standardKeyCannotManage: a valid Standard key asked to list keys', async () => {
    const e = await rejectsWith(h.api.listKeys(h.standard), 'standardKeyCannotManage');
    assert.strictEqual(e.code, 20003);
    assert.match(e.message, /Main key|Auth Token/);
  });

  it('permissionDenied: a restricted key without the permission', async () => {
    const key = await h.api.createKey(h.token, { type: 'restricted', permissions: ['/twilio/messaging/messages/read'] });
    await rejectsWith(h.api.listKeys(keyCreds(h.emu, key.sid, key.secret)), 'permissionDenied');
  });

  it('keyLimit: the account has as many keys as it may', async () => {
    h.emu.state.keyLimit = h.emu.state.keysOf(h.emu.accountSid).length;
    const e = await rejectsWith(h.api.createKey(h.token, { type: 'standard' }), 'keyLimit');
    assert.strictEqual(e.code, 70151);
  });

  it('notFound: a key that does not exist, or belongs to another account', async () => {
    await rejectsWith(h.api.fetchKey(h.token, randomKeySid()), 'notFound');
    const other = h.emu.state.addAccount();
    const theirs = h.emu.state.addKey(other.sid);
    const e = await rejectsWith(h.api.deleteKey(h.token, theirs.sid), 'notFound');
    assert.strictEqual(e.code, 20404);
    assert.ok(h.emu.state.keys.has(theirs.sid), 'the other account’s key is untouched');
  });

  it('invalidRequest: refused locally with a precise message, or by Twilio with its message', async () => {
    const local = await rejectsWith(h.api.createKey(h.token, { type: 'standard', friendlyName: 'x'.repeat(65) }), 'invalidRequest');
    assert.match(local.message, /64 characters/);
    await rejectsWith(h.api.fetchKey(h.token, 'SK../../Accounts'), 'invalidRequest');
    assert.strictEqual(h.emu.requests.length, 0);

    // A permission Twilio does not accept passes the local shape check and is refused by the server.
    const server = await rejectsWith(h.api.createKey(h.token, { type: 'restricted', permissions: ['/twilio/Messaging'] }), 'invalidRequest');
    assert.deepStrictEqual([server.status, server.code], [400, 20001]);
    assert.match(server.message, /malformed permission/);
  });

  it('rateLimited: Twilio asks for a longer pause than the extension waits', async () => {
    h.emu.faults.rateLimit(1, 120);
    const e = await rejectsWith(h.api.listKeys(h.token), 'rateLimited');
    assert.strictEqual(e.retryAfterSeconds, 120);
    assert.match(e.message, /120 seconds/);
  });

  it('server: Twilio keeps failing with 503', async () => {
    h.emu.faults.failNext(10, 503);
    const e = await rejectsWith(h.api.verify(h.token), 'server');
    assert.deepStrictEqual([e.status, e.code], [503, 20503]);
  });

  it('offline: nothing listens at the address', async () => {
    const server = http.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    await new Promise((r) => server.close(r));
    const api = createTwilioApi({ ...FAST, apiOrigin: `http://127.0.0.1:${port}`, maxRetries: 0 });
    const e = await rejectsWith(api.verify(h.token), 'offline');
    assert.strictEqual(e.outcomeUnknown, false);
  });

  it('timeout: Twilio never answers', async () => {
    h.emu.faults.hangNext();
    const started = Date.now();
    await rejectsWith(h.api.verify(h.token, { timeoutMs: 200 }), 'timeout');
    assert.ok(Date.now() - started < 1500);
  });

  it('cancelled: the caller aborts', async () => {
    h.emu.faults.hangNext();
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 50);
    await rejectsWith(h.api.listKeys(h.token, { signal: ctl.signal }), 'cancelled');
  });

  it('unexpectedResponse: an HTML page where JSON was expected', async () => {
    h.emu.faults.add({ kind: 'status', status: 200, body: '<html><body>Proxy login</body></html>' });
    await rejectsWith(h.api.verify(h.token), 'unexpectedResponse');
  });

  it('unexpectedResponse: a page link that leads away from Twilio is not followed', async () => {
    h.emu.faults.add({
      kind: 'status',
      status: 200,
      body: JSON.stringify({
        keys: [],
        meta: { page: 0, page_size: 50, key: 'keys', next_page_url: 'https://collector.example/v1/Keys?Page=1' },
      }),
    });
    await rejectsWith(h.api.listKeys(h.token), 'unexpectedResponse');
  });
});
