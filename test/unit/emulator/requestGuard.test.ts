// The emulator listens on loopback, where any web page the developer opens can reach it too.
// These are the two browser attacks, reproduced with the requests a browser would send.
import * as assert from 'assert';
import * as http from 'http';
import { Emulator, startEmulator } from '../../emulator/server';
import { ok } from '../../emulator/rawClient';

/** A POST with a body of any type, as a cross-site form or no-cors fetch would send it. */
function post(url: string, path: string, contentType: string | undefined, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { 'Content-Length': Buffer.byteLength(body) };
    if (contentType) headers['Content-Type'] = contentType;
    const req = http.request(new URL(path, url), { method: 'POST', headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('Emulator: requests from a browser are refused', () => {
  let emu: Emulator;
  before(async () => (emu = await startEmulator()));
  beforeEach(() => emu.reset());
  after(() => emu.close());

  describe('DNS rebinding (a foreign Host header)', () => {
    it('refuses to hand the admin state, secrets included, to a page on another host name', async () => {
      // attacker.example re-resolved to 127.0.0.1: the browser still sends the attacker's name.
      const res = await ok(emu.url, 'GET', '/__emulator/state', { headers: { Host: `attacker.example:${emu.port}` } });
      assert.strictEqual(res.status, 403);
      assert.ok(!res.text.includes(emu.authToken), 'no Auth Token in the refusal');
      assert.ok(!res.text.includes(emu.mainKey.secret), 'no key secret in the refusal');
    });

    it('refuses API calls for another host name, even with valid credentials', async () => {
      const auth = { user: emu.accountSid, pass: emu.authToken };
      for (const host of ['attacker.example', `attacker.example:${emu.port}`, `127.0.0.1.attacker.example:${emu.port}`, `127.0.0.1:${emu.port + 1}`]) {
        const res = await ok(emu.url, 'GET', `/2010-04-01/Accounts/${emu.accountSid}/Keys.json`, { auth, headers: { Host: host } });
        assert.strictEqual(res.status, 403, `Host: ${host}`);
      }
      assert.strictEqual(emu.requests.length, 0, 'a refused request never reaches the API');
    });

    it('serves its own loopback names: 127.0.0.1 and localhost with its port', async () => {
      const auth = { user: emu.accountSid, pass: emu.authToken };
      for (const host of [`127.0.0.1:${emu.port}`, `localhost:${emu.port}`, `LOCALHOST:${emu.port}`]) {
        const res = await ok(emu.url, 'GET', `/2010-04-01/Accounts/${emu.accountSid}/Keys.json`, { auth, headers: { Host: host } });
        assert.strictEqual(res.status, 200, `Host: ${host}`);
      }
    });
  });

  describe('cross-site admin POSTs (no preflight unless the body is JSON)', () => {
    const simpleBodies: Array<[string | undefined, string]> = [
      ['text/plain', JSON.stringify({ keyLimit: 0 })],
      ['text/plain;charset=UTF-8', '{}'],
      ['application/x-www-form-urlencoded', 'keyLimit=0'],
      ['multipart/form-data; boundary=x', '--x--'],
      ['application/jsonp', '{}'],
      [undefined, ''],
    ];

    it('refuses a reset or a config change sent as a form, text or without a type, and the state survives', async () => {
      const key = emu.state.addKey(emu.accountSid, { friendlyName: 'made before the attack' });
      const limit = emu.state.keyLimit;
      for (const [type, body] of simpleBodies) {
        assert.strictEqual(await post(emu.url, '/__emulator/reset', type, body), 415, `reset, Content-Type: ${type}`);
        assert.strictEqual(await post(emu.url, '/__emulator/config', type, body), 415, `config, Content-Type: ${type}`);
      }
      assert.ok(emu.state.keysOf(emu.accountSid).some((k) => k.sid === key.sid), 'the key is still there');
      assert.strictEqual(emu.state.keyLimit, limit);
    });

    it('refuses a fault injected as text/plain, and adds none', async () => {
      const status = await post(emu.url, '/__emulator/faults', 'text/plain', JSON.stringify({ kind: 'status', status: 500, count: 100 }));
      assert.strictEqual(status, 415);
      assert.deepStrictEqual(emu.faults.list(), []);
    });

    it('accepts admin POSTs sent as application/json, as the test helpers send them', async () => {
      assert.strictEqual((await ok(emu.url, 'POST', '/__emulator/config', { jsonBody: { keyLimit: 7 } })).status, 200);
      assert.strictEqual(emu.state.keyLimit, 7);
      assert.strictEqual(await post(emu.url, '/__emulator/reset', 'application/json; charset=utf-8', ''), 204);
    });
  });
});
