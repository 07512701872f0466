import * as assert from 'assert';
import { rejectsWith, useEmulator } from './harness';

describe('Twilio API: timeouts and cancellation', () => {
  const h = useEmulator();

  it('gives up on a request that never gets an answer, at the deadline', async () => {
    h.emu.faults.hangNext();
    const started = Date.now();
    const e = await rejectsWith(h.api.listKeys(h.token, { timeoutMs: 300 }), 'timeout');
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 280 && elapsed < 1500, `took ${elapsed} ms`);
    assert.match(e.message, /did not answer within 0\.3 seconds/);
  });

  it('uses the API’s default deadline when a call gives none', async () => {
    const api = h.apiWith({ timeoutMs: 250 });
    h.emu.faults.hangNext();
    await rejectsWith(api.verify(h.token), 'timeout');
  });

  it('waits for a slow but answering Twilio', async () => {
    h.emu.faults.latency(300);
    const info = await h.api.verify(h.token, { timeoutMs: 3000 });
    assert.strictEqual(info.sid, h.emu.accountSid);
  });

  it('says a create that timed out may have happened', async () => {
    h.emu.faults.add({ kind: 'latency', ms: 400, method: 'POST' });
    const before = h.emu.state.keys.size;
    const e = await rejectsWith(h.api.createKey(h.token, { type: 'standard' }, { timeoutMs: 150 }), 'timeout');
    assert.strictEqual(e.outcomeUnknown, true);
    await new Promise((r) => setTimeout(r, 400));
    assert.strictEqual(h.emu.state.keys.size, before + 1, 'Twilio finished the create after the client gave up');
  });

  it('stops at once when the caller aborts a request in flight', async () => {
    h.emu.faults.hangNext();
    const ctl = new AbortController();
    const call = h.api.verify(h.token, { signal: ctl.signal, timeoutMs: 10_000 });
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    ctl.abort();
    await rejectsWith(call, 'cancelled');
    assert.ok(Date.now() - started < 200);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const ctl = new AbortController();
    ctl.abort();
    await rejectsWith(h.api.createKey(h.token, { type: 'standard' }, { signal: ctl.signal }), 'cancelled');
    assert.strictEqual(h.emu.requests.length, 0);
  });

  it('cancels the wait before a retry too', async () => {
    h.emu.faults.rateLimit(1, 2); // a 2 s Retry-After, honoured
    const ctl = new AbortController();
    const call = h.api.listKeys(h.token, { signal: ctl.signal });
    await new Promise((r) => setTimeout(r, 100));
    ctl.abort();
    const started = Date.now();
    await rejectsWith(call, 'cancelled');
    assert.ok(Date.now() - started < 200);
    assert.strictEqual(h.emu.requests.length, 1);
  });
});
