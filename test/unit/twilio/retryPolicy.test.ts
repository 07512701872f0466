import * as assert from 'assert';
import { backoffMs, parseRetryAfter, retryAfterNetworkError, retryAfterResponse } from '../../../src/core/twilio/retry';

const S = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 5000 };

describe('Twilio API: retry policy', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('Mon, 13 Jun 2016 22:50:08 GMT');
    assert.strictEqual(parseRetryAfter('7'), 7);
    assert.strictEqual(parseRetryAfter(['3']), 3);
    assert.strictEqual(parseRetryAfter('Mon, 13 Jun 2016 22:50:38 GMT', now), 30);
    assert.strictEqual(parseRetryAfter('soon'), undefined);
    assert.strictEqual(parseRetryAfter(undefined), undefined);
  });

  it('backs off exponentially, with jitter, up to the cap', () => {
    assert.strictEqual(backoffMs(0, S, () => 0), 50);
    assert.strictEqual(backoffMs(0, S, () => 1), 100);
    assert.strictEqual(backoffMs(2, S, () => 1), 400);
    assert.strictEqual(backoffMs(10, S, () => 1), 5000);
  });

  it('retries 429 for any method, honouring Retry-After up to the cap', () => {
    assert.deepStrictEqual(retryAfterResponse(429, 'post', 2, 0, S), { retry: true, delayMs: 2000 });
    assert.deepStrictEqual(retryAfterResponse(429, 'get', 6, 0, S), { retry: false });
    assert.strictEqual(retryAfterResponse(429, 'get', undefined, 0, S).retry, true);
  });

  it('retries 5xx and lost connections only for GET and DELETE', () => {
    assert.strictEqual(retryAfterResponse(503, 'get', undefined, 0, S).retry, true);
    assert.strictEqual(retryAfterResponse(500, 'delete', undefined, 0, S).retry, true);
    assert.strictEqual(retryAfterResponse(500, 'post', undefined, 0, S).retry, false);
    assert.strictEqual(retryAfterNetworkError('ECONNRESET', 'get', 0, S).retry, true);
    assert.strictEqual(retryAfterNetworkError('ECONNRESET', 'post', 0, S).retry, false);
    assert.strictEqual(retryAfterNetworkError('ERR_CANCELED', 'get', 0, S).retry, false);
  });

  it('never retries client errors, and stops after maxRetries', () => {
    assert.strictEqual(retryAfterResponse(400, 'get', undefined, 0, S).retry, false);
    assert.strictEqual(retryAfterResponse(404, 'delete', undefined, 0, S).retry, false);
    assert.strictEqual(retryAfterResponse(503, 'get', undefined, 3, S).retry, false);
  });
});
