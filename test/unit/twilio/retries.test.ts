import * as assert from 'assert';
import { rejectsWith, seen, useEmulator } from './harness';

describe('Twilio API: retries', () => {
  const h = useEmulator();
  /** Standard keys are created through IAM v1. */
  const keysPath = () => `/v1/Keys`;

  it('waits as long as Retry-After says, then succeeds', async () => {
    h.emu.faults.rateLimit(1, 1);
    const started = Date.now();
    await h.api.verify(h.token);
    assert.ok(Date.now() - started >= 950, 'waited about a second');
    assert.deepStrictEqual(h.emu.requests.map((r) => r.status), [429, 200]);
  });

  it('retries a rate-limited create: Twilio did not process it', async () => {
    h.emu.faults.rateLimit(2, undefined, { method: 'POST' });
    const before = h.emu.state.keys.size;
    await h.api.createKey(h.token, { type: 'standard' });
    assert.strictEqual(h.emu.state.keys.size, before + 1);
    assert.deepStrictEqual(h.emu.requests.map((r) => r.status), [429, 429, 201]);
  });

  it('retries reads and deletes after 5xx', async () => {
    h.emu.faults.failNext(2, 503, { method: 'GET' });
    await h.api.listKeys(h.token);
    const key = await h.api.createKey(h.token, { type: 'standard' });
    h.emu.clearRequests();
    h.emu.faults.failNext(1, 500, { method: 'DELETE' });
    await h.api.deleteKey(h.token, key.sid);
    assert.deepStrictEqual(h.emu.requests.map((r) => `${r.method} ${r.status}`), ['DELETE 500', 'DELETE 204']);
  });

  it('never repeats a create that failed with 5xx', async () => {
    h.emu.faults.failNext(1, 500, { method: 'POST' });
    await rejectsWith(h.api.createKey(h.token, { type: 'standard' }), 'server');
    assert.deepStrictEqual(seen(h.emu), [`POST ${keysPath()}`]);
  });

  it('never repeats a create whose connection dropped after Twilio applied it', async () => {
    h.emu.faults.commitThenDrop();
    const before = h.emu.state.keys.size;
    const e = await rejectsWith(h.api.createKey(h.token, { type: 'standard', friendlyName: 'maybe' }), 'offline');
    assert.strictEqual(e.outcomeUnknown, true);
    assert.match(e.message, /refresh the key list/);
    assert.strictEqual(h.emu.state.keys.size, before + 1, 'the key exists once');
    assert.deepStrictEqual(seen(h.emu), [`POST ${keysPath()}`]);
  });

  it('repeats a read whose connection was reset', async () => {
    h.emu.faults.resetNext(1);
    await h.api.verify(h.token);
    assert.deepStrictEqual(h.emu.requests.map((r) => r.status), ['reset', 200]);
  });

  it('counts a delete as done when its answer was lost and the retry finds the key gone', async () => {
    const key = await h.api.createKey(h.token, { type: 'standard' });
    h.emu.faults.commitThenDrop(1, { method: 'DELETE' });
    await h.api.deleteKey(h.token, key.sid);
    assert.strictEqual(h.emu.state.keys.has(key.sid), false);
    assert.deepStrictEqual(h.emu.requests.slice(-2).map((r) => r.status), ['dropped', 404]);
  });

  it('still reports a delete of a missing key as not found', async () => {
    const key = await h.api.createKey(h.token, { type: 'standard' });
    await h.api.deleteKey(h.token, key.sid);
    await rejectsWith(h.api.deleteKey(h.token, key.sid), 'notFound');
  });

  it('gives up after maxRetries', async () => {
    const api = h.apiWith({ maxRetries: 2 });
    h.emu.faults.failNext(10, 500);
    await rejectsWith(api.listKeys(h.token), 'server');
    assert.strictEqual(h.emu.requests.length, 3);
  });

  it('does not wait for a retry that the deadline would cut short', async () => {
    // The first backoff is 1–2 s; with 900 ms left the real answer (503) is reported at once.
    const api = h.apiWith({ retryBaseDelayMs: 2000, maxRetryDelayMs: 4000 });
    h.emu.faults.failNext(10, 503);
    const started = Date.now();
    await rejectsWith(api.listKeys(h.token, { timeoutMs: 900 }), 'server');
    assert.ok(Date.now() - started < 800, 'answered without sleeping into the deadline');
    assert.strictEqual(h.emu.requests.length, 1);
  });
});
