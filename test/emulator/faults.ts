// Fault injection: per test, make the emulator slow, failing, rate limited, or drop connections.
// Faults are consumed in the order they were added; a fault may be scoped to a method and/or a
// path pattern (`*` matches within one path segment, e.g. `/2010-04-01/Accounts/*/Keys.json`).

export type FaultKind =
  | 'latency' // delay matching requests by `ms` (stays until cleared unless `times` is given)
  | 'status' // answer with `status` (500, 503, …) and a Twilio error body, or a raw `body`
  | 'rateLimit' // 429 / 20429 with `Retry-After: retryAfterSeconds`
  | 'reset' // destroy the socket before the request is applied
  | 'hang' // never answer (until the emulator is reset or closed)
  | 'commitThenDrop' // apply the request, then destroy the socket instead of answering
  | 'commitThenHang'; // apply the request, then never answer: the client's deadline expires after the change

export interface FaultSpec {
  kind: FaultKind;
  /** How many matching requests the fault affects; default 1 (latency: every request). */
  times?: number;
  method?: string;
  path?: string;
  ms?: number;
  status?: number;
  /** For `status`: a raw body sent instead of the Twilio error body (e.g. an HTML error page). */
  body?: string;
  retryAfterSeconds?: number;
}

export interface ActiveFault extends FaultSpec {
  id: number;
  remaining: number;
}

/** What the server must do with one request. */
export interface FaultDecision {
  latencyMs: number;
  action?: ActiveFault;
}

const KINDS: readonly FaultKind[] = ['latency', 'status', 'rateLimit', 'reset', 'hang', 'commitThenDrop', 'commitThenHang'];
/** Faults that apply the request before failing its answer: POST only unless `method` says otherwise. */
const COMMITTING: readonly FaultKind[] = ['commitThenDrop', 'commitThenHang'];

function patternToRegExp(pattern: string): RegExp {
  const escaped = pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('[^/]+')}$`);
}

/** Rejects malformed specs early, so a typo in a test fails loudly instead of injecting nothing. */
export function checkFaultSpec(spec: unknown): FaultSpec {
  const s = spec as FaultSpec;
  if (!s || typeof s !== 'object' || !KINDS.includes(s.kind)) {
    throw new TypeError(`fault kind must be one of ${KINDS.join(', ')}`);
  }
  const positive = (v: unknown) => v === undefined || (Number.isInteger(v) && (v as number) >= 0);
  if (!positive(s.times) || !positive(s.ms) || !positive(s.retryAfterSeconds)) {
    throw new TypeError('times, ms and retryAfterSeconds must be non-negative integers');
  }
  if (s.kind === 'latency' && s.ms === undefined) throw new TypeError('a latency fault needs ms');
  if (s.kind === 'status' && !(Number.isInteger(s.status) && s.status! >= 100 && s.status! <= 599)) {
    throw new TypeError('a status fault needs an HTTP status');
  }
  if (s.kind === 'status' && s.body === undefined && s.status! < 400) {
    throw new TypeError('a status fault below 400 needs a raw body');
  }
  if (s.body !== undefined && typeof s.body !== 'string') throw new TypeError('body must be a string');
  if (s.method !== undefined && typeof s.method !== 'string') throw new TypeError('method must be a string');
  if (s.path !== undefined && typeof s.path !== 'string') throw new TypeError('path must be a string');
  return s;
}

export class Faults {
  private faults: (ActiveFault & { re?: RegExp })[] = [];
  private nextId = 1;

  add(spec: FaultSpec): ActiveFault {
    const s = checkFaultSpec(spec);
    // A lost answer to a create is the case these faults exist for; other methods must be asked for.
    const method = s.method ?? (COMMITTING.includes(s.kind) ? 'POST' : undefined);
    const fault = {
      ...s,
      method: method?.toUpperCase(),
      id: this.nextId++,
      remaining: s.times ?? (s.kind === 'latency' ? Infinity : 1),
      re: s.path === undefined ? undefined : patternToRegExp(s.path),
    };
    this.faults.push(fault);
    return this.describe(fault);
  }

  latency(ms: number, scope: Scope = {}): ActiveFault {
    return this.add({ kind: 'latency', ms, ...scope });
  }
  failNext(times: number, status: 500 | 503 | number = 500, scope: Scope = {}): ActiveFault {
    return this.add({ kind: 'status', status, times, ...scope });
  }
  rateLimit(times: number, retryAfterSeconds?: number, scope: Scope = {}): ActiveFault {
    return this.add({ kind: 'rateLimit', times, retryAfterSeconds, ...scope });
  }
  resetNext(times = 1, scope: Scope = {}): ActiveFault {
    return this.add({ kind: 'reset', times, ...scope });
  }
  hangNext(times = 1, scope: Scope = {}): ActiveFault {
    return this.add({ kind: 'hang', times, ...scope });
  }
  commitThenDrop(times = 1, scope: Scope = {}): ActiveFault {
    return this.add({ kind: 'commitThenDrop', times, ...scope });
  }
  commitThenHang(times = 1, scope: Scope = {}): ActiveFault {
    return this.add({ kind: 'commitThenHang', times, ...scope });
  }

  clear(): void {
    this.faults = [];
  }

  list(): ActiveFault[] {
    return this.faults.filter((f) => f.remaining > 0).map((f) => this.describe(f));
  }

  /** Consumes the faults that apply to this request: every matching latency, then one action. */
  take(method: string, path: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    for (const f of this.faults) {
      if (f.remaining <= 0) continue;
      if (f.method && f.method !== method.toUpperCase()) continue;
      if (f.re && !f.re.test(path)) continue;
      if (f.kind === 'latency') {
        decision.latencyMs += f.ms ?? 0;
        f.remaining--;
      } else if (!decision.action) {
        f.remaining--;
        decision.action = this.describe(f);
      }
    }
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return decision;
  }

  private describe(f: ActiveFault & { re?: RegExp }): ActiveFault {
    const { re: _re, ...rest } = f;
    return rest;
  }
}

export interface Scope {
  method?: string;
  path?: string;
}
