// Shared set-up for the API layer tests: an in-process emulator and the real twilio library
// talking to it over HTTP. Credentials come from the emulator, generated per run.
import { createTwilioApi, TwilioApi, TwilioApiOptions } from '../../../src/core/twilio';
import { TwilioApiError, TwilioErrorKind } from '../../../src/core/twilio/errors';
import type { AccountCredentials } from '../../../src/core/twilio/types';
import { Emulator, EmulatorOptions, startEmulator } from '../../emulator/server';
import * as assert from 'assert';

export interface Harness {
  emu: Emulator;
  api: TwilioApi;
  /** Auth Token credentials of the primary account. */
  token: AccountCredentials;
  /** The seeded Main key. */
  main: AccountCredentials;
  /** The seeded Standard key. */
  standard: AccountCredentials;
  apiWith(options: TwilioApiOptions): TwilioApi;
}

export function keyCreds(emu: Emulator, sid: string, secret: string, accountSid = emu.accountSid): AccountCredentials {
  return { accountSid, auth: { kind: 'apiKey', keySid: sid, keySecret: secret } };
}

/** Fast retries so tests of retry behaviour take milliseconds, not seconds. */
export const FAST: TwilioApiOptions = { retryBaseDelayMs: 5, maxRetryDelayMs: 2000, timeoutMs: 5000 };

/** One emulator per file, reset before each test. */
export function useEmulator(opts: EmulatorOptions = {}): Harness {
  const h = {} as Harness;
  before(async () => {
    h.emu = await startEmulator(opts);
    h.apiWith = (o) => createTwilioApi({ ...FAST, apiOrigin: h.emu.url, ...o });
    h.api = h.apiWith({});
    h.token = { accountSid: h.emu.accountSid, auth: { kind: 'authToken', authToken: h.emu.authToken } };
    h.main = keyCreds(h.emu, h.emu.mainKey.sid, h.emu.mainKey.secret);
    h.standard = keyCreds(h.emu, h.emu.standardKey.sid, h.emu.standardKey.secret);
  });
  beforeEach(() => h.emu.reset());
  after(() => h.emu.close());
  return h;
}

/** Awaits a rejection and checks it is a TwilioApiError of `kind`. */
export async function rejectsWith(p: Promise<unknown>, kind: TwilioErrorKind): Promise<TwilioApiError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof TwilioApiError, `expected a TwilioApiError, got ${String(e)}`);
    assert.strictEqual(e.kind, kind, `expected kind ${kind}, got ${e.kind}: ${e.message}`);
    return e;
  }
  assert.fail(`expected a ${kind} error, but the call succeeded`);
}

/** The API requests the emulator saw, as "METHOD path". */
export function seen(emu: Emulator): string[] {
  return emu.requests.map((r) => `${r.method} ${r.path}`);
}
