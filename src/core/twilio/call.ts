// One API call's lifetime: a deadline covering every attempt and backoff, the caller's
// AbortSignal, and what the transport learnt on the way (for error mapping). No `twilio` import.

export const DEFAULT_TIMEOUT_MS = 20_000;

export class CallContext {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly onCallerAbort = () => this.controller.abort();
  private readonly deadline: number;
  timedOut = false;
  /** Retry-After of the last 429 seen, in seconds. */
  retryAfterSeconds?: number;
  /** A request left this process, so a mutating call may have taken effect. */
  requestSent = false;
  /** A retry followed an attempt whose outcome is unknown (5xx or lost connection). */
  retriedAfterAmbiguousFailure = false;

  constructor(
    private readonly callerSignal: AbortSignal | undefined,
    readonly timeoutMs: number = DEFAULT_TIMEOUT_MS,
  ) {
    this.deadline = Date.now() + timeoutMs;
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, timeoutMs);
    this.timer.unref?.();
    if (callerSignal?.aborted) this.controller.abort();
    else callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  /** Aborts on the deadline or when the caller aborts. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  remainingMs(): number {
    return Math.max(0, this.deadline - Date.now());
  }

  /** Waits `ms` unless the call ends first (then rejects, like an aborted request). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.signal.aborted) return reject(abortError());
      const onAbort = () => {
        clearTimeout(t);
        reject(abortError());
      };
      const t = setTimeout(() => {
        this.signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      this.signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }
}

export function abortError(): Error {
  const e = new Error('The operation was aborted');
  e.name = 'AbortError';
  return e;
}
