// The plumbing every operation shares: one call = checked credentials, its own CallContext
// (deadline, cancellation), its own transport and client, and errors mapped to TwilioApiError.
// The resource modules (accounts, keys, authTokens, credentialCheck) describe only their requests.
import { abortError, CallContext, DEFAULT_TIMEOUT_MS } from './call';
import { buildClient, TwilioClient } from './client';
import { TwilioApiError } from './errors';
import { ApiHttpClient } from './httpClient';
import { toTwilioApiError } from './mapError';
import { checkApiOrigin, resolveApiOrigin } from './origin';
import { DEFAULT_RETRY, RetrySettings } from './retry';
import type { AccountCredentials, CallOptions } from './types';
import { checkCredentials } from './validation';

export interface TwilioApiOptions {
  /** Emulator origin (loopback http only); defaults to TWILIO_CREDENTIALS_API_ORIGIN if valid. */
  apiOrigin?: string;
  /** Appended to twilio-node's User-Agent, e.g. twilio-credentials-vscode/0.1.0. */
  userAgent?: string;
  /** Retries after 429, and after 5xx or a lost connection for GET/DELETE (default 3). */
  maxRetries?: number;
  /** Default whole-call deadline when a call gives no timeoutMs (default 20 s). */
  timeoutMs?: number;
  /** First backoff step (default 250 ms); doubles per retry. */
  retryBaseDelayMs?: number;
  /** Longest wait before a retry (default 10 s); a longer Retry-After is reported instead. */
  maxRetryDelayMs?: number;
}

/** How a call treats failures. */
export interface CallMode {
  /** POST or DELETE: when the answer is lost, the change may have happened. */
  mutating: boolean;
  /** Tell a Standard key from wrong credentials after a 401 (default true; creations and checkCredentials do their own). */
  probeStandardKey?: boolean;
}

export const READ: CallMode = { mutating: false };
export const WRITE: CallMode = { mutating: true };
/** A call that explains a 401 itself. */
export const READ_UNPROBED: CallMode = { mutating: false, probeStandardKey: false };
export const WRITE_UNPROBED: CallMode = { mutating: true, probeStandardKey: false };

export type Operation<T> = (client: TwilioClient, call: CallContext) => Promise<T>;

/** Runs operations with the settings of one createTwilioApi(). */
export interface Caller {
  run<T>(creds: AccountCredentials, opts: CallOptions | undefined, mode: CallMode, op: Operation<T>): Promise<T>;
}

interface CallerSettings {
  origin: string | undefined;
  retry: RetrySettings;
  defaultTimeoutMs: number;
  userAgent: string | undefined;
}

export function createCaller(options: TwilioApiOptions): Caller {
  const settings = callerSettings(options);
  return { run: (creds, opts, mode, op) => runCall(settings, creds, opts, mode, op) };
}

function callerSettings(options: TwilioApiOptions): CallerSettings {
  return {
    origin: apiOrigin(options.apiOrigin),
    retry: {
      maxRetries: options.maxRetries ?? DEFAULT_RETRY.maxRetries,
      baseDelayMs: options.retryBaseDelayMs ?? DEFAULT_RETRY.baseDelayMs,
      maxDelayMs: options.maxRetryDelayMs ?? DEFAULT_RETRY.maxDelayMs,
    },
    defaultTimeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    userAgent: options.userAgent,
  };
}

/** The emulator origin given (checked, or TypeError), else the environment's if valid. */
function apiOrigin(given: string | undefined): string | undefined {
  if (given === undefined) return resolveApiOrigin(process.env);
  const check = checkApiOrigin(given);
  if (!check.ok) throw new TypeError(`apiOrigin is not accepted: ${check.reason}`);
  return check.origin;
}

function clientFor(settings: CallerSettings, creds: AccountCredentials, call: CallContext, retry = settings.retry): TwilioClient {
  return buildClient(creds, new ApiHttpClient(call, settings.origin, retry), settings.userAgent);
}

async function runCall<T>(settings: CallerSettings, creds: AccountCredentials, opts: CallOptions | undefined, mode: CallMode, op: Operation<T>): Promise<T> {
  checkCredentials(creds);
  const call = new CallContext(opts?.signal, opts?.timeoutMs ?? settings.defaultTimeoutMs);
  try {
    if (call.signal.aborted) throw abortError();
    return await op(clientFor(settings, creds, call), call);
  } catch (e) {
    const err = toTwilioApiError(e, { call, mutating: mode.mutating });
    if (mode.probeStandardKey !== false && err.kind === 'authentication' && creds.auth.kind === 'apiKey' && (await isStandardKey(settings, creds, opts?.signal, call.remainingMs()))) {
      throw new TwilioApiError('standardKeyCannotManage', undefined, { status: err.status, code: err.code, moreInfo: err.moreInfo });
    }
    throw err;
  } finally {
    call.dispose();
  }
}

/** Standard keys may read the balance but not Accounts or Keys; invalid credentials may do neither. */
async function isStandardKey(settings: CallerSettings, creds: AccountCredentials, signal: AbortSignal | undefined, remainingMs: number): Promise<boolean> {
  if (remainingMs < 100) return false;
  const call = new CallContext(signal, Math.min(5000, remainingMs));
  try {
    await clientFor(settings, creds, call, { ...settings.retry, maxRetries: 0 }).api.v2010.accounts(creds.accountSid).balance.fetch();
    return true;
  } catch {
    return false;
  } finally {
    call.dispose();
  }
}
