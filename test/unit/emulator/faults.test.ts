import * as assert from 'assert';
import { Emulator, startEmulator } from '../../emulator/server';
import { ok, raw } from '../../emulator/rawClient';

/** Resolves once `done()` holds, polling the event loop (the emulator answers in this process). */
async function waitFor(done: () => boolean, limitMs = 10_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!done()) {
    if (Date.now() > until) throw new Error('the condition never held');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('Emulator faults', () => {
  let emu: Emulator;
  let auth: { auth: { user: string; pass: string } };
  const keys = () => `/2010-04-01/Accounts/${emu.accountSid}/Keys.json`;
  const account = () => `/2010-04-01/Accounts/${emu.accountSid}.json`;
  before(async () => {
    emu = await startEmulator();
    auth = { auth: { user: emu.accountSid, pass: emu.authToken } };
  });
  beforeEach(() => emu.reset());
  after(() => emu.close());

  it('adds latency to every matching request until cleared', async () => {
    emu.faults.latency(150, { path: '/2010-04-01/Accounts/*.json' });
    for (let i = 0; i < 2; i++) {
      const started = Date.now();
      await ok(emu.url, 'GET', account(), auth);
      assert.ok(Date.now() - started >= 140);
    }
    const started = Date.now();
    await ok(emu.url, 'GET', keys(), auth);
    assert.ok(Date.now() - started < 140, 'another path is not delayed');
    emu.faults.clear();
  });

  it('fails the next N requests with 500 or 503 and a Twilio error body, then recovers', async () => {
    emu.faults.failNext(2, 503);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await ok(emu.url, 'GET', account(), auth)).status);
    assert.deepStrictEqual(statuses, [503, 503, 200]);
    emu.faults.failNext(1, 500);
    const res = await ok(emu.url, 'GET', account(), auth);
    assert.deepStrictEqual(res.json, { code: 20500, message: 'Internal Server Error', more_info: 'https://www.twilio.com/docs/errors/20500', status: 500 });
  });

  it('rate limits with Retry-After', async () => {
    emu.faults.rateLimit(1, 7);
    const res = await ok(emu.url, 'GET', account(), auth);
    assert.strictEqual(res.status, 429);
    assert.strictEqual(res.headers['retry-after'], '7');
    assert.strictEqual(res.json.code, 20429);
  });

  it('resets the connection without applying the request', async () => {
    emu.faults.resetNext(1, { method: 'POST' });
    const before = emu.state.keys.size;
    const res = await raw(emu.url, 'POST', keys(), { ...auth, form: { FriendlyName: 'x' } });
    assert.strictEqual(res.error, 'ECONNRESET');
    assert.strictEqual(emu.state.keys.size, before);
    assert.strictEqual(emu.requests.at(-1)?.status, 'reset');
  });

  it('hangs a request until reset', async () => {
    emu.faults.hangNext();
    const pending = raw(emu.url, 'GET', account(), { ...auth, timeoutMs: 10_000 });
    await new Promise((r) => setTimeout(r, 100));
    assert.strictEqual(emu.requests.at(-1)?.status, 'hang');
    emu.reset();
    assert.ok((await pending).error, 'the hung connection is closed by reset()');
  });

  it('commits a create and then drops the connection', async () => {
    emu.faults.commitThenDrop();
    const before = emu.state.keys.size;
    const res = await raw(emu.url, 'POST', keys(), { ...auth, form: { FriendlyName: 'committed' } });
    assert.ok(res.error);
    assert.strictEqual(emu.state.keys.size, before + 1);
    assert.deepStrictEqual([emu.requests.at(-1)?.status, emu.requests.at(-1)?.appliedStatus], ['dropped', 201]);
  });

  it('commits a create and then never answers, until reset', async () => {
    emu.faults.commitThenHang();
    const before = emu.state.keys.size;
    const pending = raw(emu.url, 'POST', keys(), { ...auth, form: { FriendlyName: 'committed' }, timeoutMs: 10_000 });
    await waitFor(() => emu.state.keys.size === before + 1);
    assert.deepStrictEqual([emu.requests.at(-1)?.status, emu.requests.at(-1)?.appliedStatus], ['hang', 201]);
    emu.reset();
    assert.ok((await pending).error, 'no answer ever came');
  });

  it('leaves GETs alone when dropping creates', async () => {
    emu.faults.commitThenDrop();
    assert.strictEqual((await ok(emu.url, 'GET', keys(), auth)).status, 200);
    assert.strictEqual(emu.faults.list().length, 1, 'still waiting for a POST');
  });

  it('answers a raw body for a status fault (an HTML error page)', async () => {
    emu.faults.add({ kind: 'status', status: 502, body: '<html>Bad gateway</html>' });
    const res = await ok(emu.url, 'GET', account(), auth);
    assert.deepStrictEqual([res.status, res.text, res.headers['content-type']], [502, '<html>Bad gateway</html>', 'text/html; charset=utf-8']);
  });

  it('refuses a malformed fault', () => {
    assert.throws(() => emu.faults.add({ kind: 'explode' as never }), /fault kind/);
    assert.throws(() => emu.faults.add({ kind: 'status' }), /HTTP status/);
    assert.throws(() => emu.faults.add({ kind: 'latency' }), /needs ms/);
  });

  describe('over the admin endpoint', () => {
    it('adds, lists and clears faults for another process', async () => {
      const post = async (spec: unknown) => (await ok(emu.url, 'POST', '/__emulator/faults', { jsonBody: spec })).status;
      assert.strictEqual(await post({ kind: 'status' }), 400, 'a malformed spec is refused');
      assert.strictEqual(await post({ kind: 'status', status: 503, times: 2, method: 'GET', path: '/v1/Keys' }), 201);
      assert.strictEqual(await post({ kind: 'latency', ms: 1 }), 201);
      const listed = (await ok(emu.url, 'GET', '/__emulator/faults')).json;
      assert.deepStrictEqual(
        listed.faults.map((f: { kind: string; remaining: number | null }) => [f.kind, f.remaining]),
        [
          ['status', 2],
          ['latency', null], // Infinity in JSON
        ],
      );
      const res = await ok(emu.url, 'GET', `/v1/Keys?AccountSid=${emu.accountSid}`, auth);
      assert.strictEqual(res.status, 503);
      assert.strictEqual((await ok(emu.url, 'DELETE', '/__emulator/faults')).status, 204);
      assert.strictEqual((await ok(emu.url, 'GET', `/v1/Keys?AccountSid=${emu.accountSid}`, auth)).status, 200);
    });
  });
});
