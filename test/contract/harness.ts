// Runs an emulator for a contract test file and checks every exchange it has, whoever made it,
// against the spec as it happens. Records which operation answered with which status/code, so
// a file can assert it covered every operation and error path it is responsible for.
import * as assert from 'assert';
import { randomBytes } from 'crypto';
import type { AccountRecord, KeyRecord } from '../emulator/server';
import { Emulator, EmulatorOptions, startEmulator } from '../emulator/server';
import { parseTwilioHost } from '../emulator/hosts';
import { ok, RawOptions, RawResponse } from '../emulator/rawClient';
import { check, OPERATIONS, Product } from './validator';

/** Outcomes as recorded in coverage: status, and Twilio's code for errors. */
export const OUTCOME = {
  unauthenticated: '401/20003',
  notFound: '404/20404',
  invalid: '400/20001',
  invalidPageToken: '400/21481',
  keyLimit: '400/70151',
  denied: '403/70051',
  conflict: '409/20409',
  publicKeyInvalid: '400/70154',
} as const;

export interface ContractHarness {
  emu: Emulator;
  /** Makes a request; fails the test at once if the answer breaks the contract. */
  call(method: string, path: string, opts?: RawOptions): Promise<RawResponse>;
  /** Makes a request that must fail with this status and Twilio code. */
  expectError(method: string, path: string, opts: RawOptions, status: number, code: number): Promise<void>;
  /** operation id → the outcomes seen: `200`, `404/20404`, … */
  coverage: Map<string, Set<string>>;
  tokenAuth(): RawOptions;
  /** The primary account's SID with a random (wrong) Auth Token. */
  wrongTokenAuth(): RawOptions;
  keyAuth(sid: string, secret: string): RawOptions;
  mainAuth(): RawOptions;
  standardAuth(): RawOptions;
  /** A new restricted key of the primary account with these permissions. */
  restrictedAuth(...permissions: string[]): RawOptions;
  /** A new unrelated account with one key, invisible to the primary account. */
  otherAccount(): { account: AccountRecord; key: KeyRecord };
  /** Every response body the emulator sent since the test began (to show what never left it). */
  responseBodies(): string[];
}

export function useContractEmulator(opts: EmulatorOptions = {}): ContractHarness {
  const h = { coverage: new Map<string, Set<string>>() } as ContractHarness;
  let problems: string[] = [];
  let bodies: string[] = [];

  before(async () => {
    h.emu = await startEmulator(opts);
    h.emu.observe(({ entry, responseHeaders, responseBody }) => {
      bodies.push(responseBody);
      const status = entry.status as number;
      const verdict = check({
        method: entry.method,
        path: entry.path,
        product: parseTwilioHost(entry.host)?.product as Product | undefined,
        status,
        contentType: responseHeaders['Content-Type'] as string | undefined,
        body: responseBody,
      });
      for (const p of verdict.problems) problems.push(`${entry.method} ${entry.path}${entry.query} -> ${status}: ${p}`);
      if (verdict.operation) {
        let code = '';
        try {
          code = status >= 400 ? `/${JSON.parse(responseBody).code}` : '';
        } catch {
          // reported by check()
        }
        const seen = h.coverage.get(verdict.operation) ?? new Set<string>();
        seen.add(`${status}${code}`);
        h.coverage.set(verdict.operation, seen);
      }
    });
    h.call = async (method, path, o = {}) => {
      const res = await ok(h.emu.url, method, path, o);
      const found = problems;
      problems = [];
      assert.deepStrictEqual(found, [], 'the emulator broke the contract');
      return res;
    };
    h.expectError = async (method, path, o, status, code) => {
      const res = await h.call(method, path, o);
      assert.deepStrictEqual([res.status, res.json?.code], [status, code], `${method} ${path}`);
    };
    h.tokenAuth = () => ({ auth: { user: h.emu.accountSid, pass: h.emu.authToken } });
    h.wrongTokenAuth = () => ({ auth: { user: h.emu.accountSid, pass: randomBytes(16).toString('hex') } });
    h.keyAuth = (sid, secret) => ({ auth: { user: sid, pass: secret } });
    h.mainAuth = () => h.keyAuth(h.emu.mainKey.sid, h.emu.mainKey.secret);
    h.standardAuth = () => h.keyAuth(h.emu.standardKey.sid, h.emu.standardKey.secret);
    h.restrictedAuth = (...permissions) => {
      const k = h.emu.state.addKey(h.emu.accountSid, { type: 'restricted', permissions });
      return h.keyAuth(k.sid, k.secret);
    };
    h.responseBodies = () => [...bodies];
    h.otherAccount = () => {
      const account = h.emu.state.addAccount();
      return { account, key: h.emu.state.addKey(account.sid) };
    };
  });
  beforeEach(() => {
    h.emu.reset();
    bodies = [];
  });
  afterEach(() => {
    const found = problems;
    problems = [];
    assert.deepStrictEqual(found, [], 'an exchange broke the contract');
  });
  after(() => h.emu?.close());
  return h;
}

/** Asserts that each operation answered with each listed outcome at least once. */
export function assertCovered(h: ContractHarness, required: Record<string, string[]>): void {
  const missing: string[] = [];
  for (const [op, outcomes] of Object.entries(required)) {
    if (!OPERATIONS.some((o) => o.id === op)) missing.push(`${op} is not in the extracted spec`);
    for (const outcome of outcomes) if (!h.coverage.get(op)?.has(outcome)) missing.push(`${op} ${outcome}`);
  }
  assert.deepStrictEqual(missing, [], 'outcomes never exercised');
}

/**
 * Fetch, update and delete of one key (`keyPath(sid)`) answer Twilio's errors: wrong and Standard
 * credentials 401, a restricted key without the permission 403, a missing key and another
 * account's key 404.
 */
export async function expectSingleKeyErrors(h: ContractHarness, keyPath: (sid: string) => string): Promise<void> {
  const sid = h.emu.standardKey.sid;
  const theirs = h.otherAccount().key.sid;
  const missing = `SK${randomBytes(16).toString('hex')}`;
  for (const [method, form] of [
    ['GET', undefined],
    ['POST', { FriendlyName: 'n' }],
    ['DELETE', undefined],
  ] as const) {
    await h.expectError(method, keyPath(sid), { ...h.wrongTokenAuth(), form }, 401, 20003);
    await h.expectError(method, keyPath(sid), { ...h.standardAuth(), form }, 401, 20003);
    await h.expectError(method, keyPath(sid), { ...h.restrictedAuth('/twilio/messaging/messages/read'), form }, 403, 70051);
    await h.expectError(method, keyPath(missing), { ...h.tokenAuth(), form }, 404, 20404);
    await h.expectError(method, keyPath(theirs), { ...h.tokenAuth(), form }, 404, 20404);
  }
}
