// When to try a request again. No `twilio` import.
//  - 429: always (Twilio rejected the request unprocessed), after Retry-After when given. We never
//    wait longer than maxDelayMs: a longer Retry-After is reported to the user instead.
//  - 5xx and lost connections: only for GET and DELETE. A POST may have been applied (a create
//    whose answer was lost has made a key), so it is never repeated.

export interface RetrySettings {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetrySettings = { maxRetries: 3, baseDelayMs: 250, maxDelayMs: 10_000 };

/** Connection failures after which an idempotent request is worth repeating. */
const RETRYABLE_NETWORK = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNREFUSED']);

export function isIdempotent(method: string): boolean {
  const m = method.toUpperCase();
  return m === 'GET' || m === 'DELETE';
}

/** Retry-After in seconds (delta-seconds or an HTTP date); undefined if absent or unreadable. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const s = String(v).trim();
  if (/^\d+$/.test(s)) return Number(s);
  const date = Date.parse(s);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** Exponential backoff with jitter: half fixed, half random, so retries of many clients spread out. */
export function backoffMs(attempt: number, s: RetrySettings, random = Math.random): number {
  const ceiling = Math.min(s.maxDelayMs, s.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

export type RetryDecision = { retry: false } | { retry: true; delayMs: number };

export function retryAfterResponse(
  status: number,
  method: string,
  retryAfterSeconds: number | undefined,
  attempt: number,
  s: RetrySettings,
): RetryDecision {
  if (attempt >= s.maxRetries) return { retry: false };
  if (status === 429) {
    if (retryAfterSeconds === undefined) return { retry: true, delayMs: backoffMs(attempt, s) };
    const delayMs = retryAfterSeconds * 1000;
    return delayMs <= s.maxDelayMs ? { retry: true, delayMs } : { retry: false };
  }
  if (status >= 500 && isIdempotent(method)) return { retry: true, delayMs: backoffMs(attempt, s) };
  return { retry: false };
}

export function retryAfterNetworkError(code: string | undefined, method: string, attempt: number, s: RetrySettings): RetryDecision {
  if (attempt >= s.maxRetries || !isIdempotent(method) || !code || !RETRYABLE_NETWORK.has(code)) return { retry: false };
  return { retry: true, delayMs: backoffMs(attempt, s) };
}
