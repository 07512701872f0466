// Turns whatever a call threw (twilio-node's RestException / TwilioServiceException, an axios
// network error, an abort) into a TwilioApiError. Duck-typed, so no `twilio` import is needed.
import type { CallContext } from './call';
import { TwilioApiError, TwilioErrorKind } from './errors';

/** Network error codes for a request that never reached Twilio. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ERR_INVALID_URL']);
const LOST = new Set(['ECONNRESET', 'EPIPE', 'ERR_SOCKET_CONNECTION_TIMEOUT']);
const TIMED_OUT = new Set(['ECONNABORTED', 'ETIMEDOUT']);

interface HttpFailure {
  status: number;
  code?: number;
  message?: string;
  moreInfo?: string;
}

/** A RestException or TwilioServiceException: an HTTP status plus Twilio's code. */
function asHttpFailure(e: unknown): HttpFailure | undefined {
  const x = e as { status?: unknown; code?: unknown; message?: unknown; moreInfo?: unknown; detail?: unknown };
  if (!x || typeof x !== 'object' || typeof x.status !== 'number' || x.status < 100) return undefined;
  return {
    status: x.status,
    code: typeof x.code === 'number' && x.code > 0 ? x.code : undefined,
    message: typeof x.detail === 'string' ? x.detail : typeof x.message === 'string' ? x.message : undefined,
    moreInfo: typeof x.moreInfo === 'string' ? x.moreInfo : undefined,
  };
}

function kindForStatus(f: HttpFailure): TwilioErrorKind {
  if (f.code === 70151) return 'keyLimit';
  if (f.code === 70051 || f.status === 403) return 'permissionDenied';
  if (f.status === 401) return 'authentication';
  if (f.status === 404) return 'notFound';
  if (f.status === 429) return 'rateLimited';
  if (f.status >= 500) return 'server';
  if (f.status >= 400) return 'invalidRequest';
  return 'unexpectedResponse';
}

export interface MapContext {
  call: CallContext;
  /** The call changes state (POST), so a lost answer leaves its outcome unknown. */
  mutating: boolean;
}

export function toTwilioApiError(e: unknown, { call, mutating }: MapContext): TwilioApiError {
  if (e instanceof TwilioApiError) return e;
  const outcomeUnknown = mutating && call.requestSent;
  // Our own abort (deadline or caller) comes back as an axios ERR_CANCELED or an AbortError.
  if (call.signal.aborted) {
    return call.timedOut
      ? new TwilioApiError('timeout', undefined, { timeoutMs: call.timeoutMs, outcomeUnknown })
      : new TwilioApiError('cancelled', undefined, { outcomeUnknown });
  }
  const http = asHttpFailure(e);
  if (http) {
    const kind = kindForStatus(http);
    return new TwilioApiError(kind, undefined, {
      status: http.status,
      code: http.code,
      moreInfo: http.moreInfo,
      retryAfterSeconds: kind === 'rateLimited' ? call.retryAfterSeconds : undefined,
      serverMessage: kind === 'invalidRequest' ? http.message : undefined,
    });
  }
  const code = (e as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') {
    if (NEVER_SENT.has(code)) return new TwilioApiError('offline');
    if (LOST.has(code)) return new TwilioApiError('offline', undefined, { outcomeUnknown });
    if (TIMED_OUT.has(code)) return new TwilioApiError('timeout', undefined, { timeoutMs: call.timeoutMs, outcomeUnknown });
  }
  // A body that is not JSON (an HTML error page from a proxy, say) fails twilio-node's JSON.parse.
  return new TwilioApiError('unexpectedResponse');
}
