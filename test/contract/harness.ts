// Runs an emulator for a contract test file and checks every exchange it has, whoever made it,
// against the spec as it happens. Records which operation answered with which status/code, so
// a file can assert it covered every operation and error path it is responsible for.
import * as assert from 'assert';
import { Emulator, EmulatorOptions, startEmulator } from '../emulator/server';
import { ok, RawOptions, RawResponse } from '../emulator/rawClient';
import { check, OPERATIONS } from './validator';

export interface ContractHarness {
  emu: Emulator;
  /** Makes a request; fails the test at once if the answer breaks the contract. */
  call(method: string, path: string, opts?: RawOptions): Promise<RawResponse>;
  /** operation id → the outcomes seen: `200`, `404/20404`, … */
  coverage: Map<string, Set<string>>;
  tokenAuth(): RawOptions;
  keyAuth(sid: string, secret: string): RawOptions;
}

export function useContractEmulator(opts: EmulatorOptions = {}): ContractHarness {
  const h = { coverage: new Map<string, Set<string>>() } as ContractHarness;
  let problems: string[] = [];

  before(async () => {
    h.emu = await startEmulator(opts);
    h.emu.observe(({ entry, responseHeaders, responseBody }) => {
      const status = entry.status as number;
      const verdict = check({
        method: entry.method,
        path: entry.path,
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
    h.tokenAuth = () => ({ auth: { user: h.emu.accountSid, pass: h.emu.authToken } });
    h.keyAuth = (sid, secret) => ({ auth: { user: sid, pass: secret } });
  });
  beforeEach(() => h.emu.reset());
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
