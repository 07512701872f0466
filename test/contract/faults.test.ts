// Injected failures must look like Twilio's too: 429 with Retry-After, 500 and 503, on every operation.
import * as assert from 'assert';
import { randomBytes } from 'crypto';
import { assertCovered, useContractEmulator } from './harness';
import { OPERATIONS } from './validator';

describe('Contract: injected failures on every operation', () => {
  const h = useContractEmulator();

  /** SIDs of the shape each collection holds (faults answer before routing, so none need exist). */
  const SID_PREFIX: Record<string, string> = { Services: 'ZS', Environments: 'ZE', Variables: 'ZV', PublicKeys: 'CR', AWS: 'CR', Credentials: 'CR' };
  const someSid = (prefix: string) => prefix + randomBytes(16).toString('hex');

  /** A concrete request for an operation template. */
  function requestFor(template: string): string {
    return template
      .replace('{AccountSid}', h.emu.accountSid)
      .replace(/\/Accounts\/\{Sid\}/, `/Accounts/${h.emu.accountSid}`)
      .replace('{ServiceSid}', someSid('ZS'))
      .replace('{EnvironmentSid}', someSid('ZE'))
      .replace(/\/(\w+)\/\{Sid\}/, (_, collection: string) => `/${collection}/${SID_PREFIX[collection] ? someSid(SID_PREFIX[collection]) : h.emu.standardKey.sid}`)
      .concat(template === '/v1/Keys' ? `?AccountSid=${h.emu.accountSid}` : '');
  }

  after(() => assertCovered(h, Object.fromEntries(OPERATIONS.map((o) => [o.id, ['429/20429', '500/20500', '503/20503']]))));

  for (const op of OPERATIONS) {
    it(`${op.id}: 429 with Retry-After, 500, 503`, async () => {
      const path = requestFor(op.template);
      const opts = { ...h.tokenAuth(), form: op.method === 'POST' ? { AccountSid: h.emu.accountSid } : undefined };
      h.emu.faults.rateLimit(1, 3);
      const limited = await h.call(op.method, path, opts);
      assert.deepStrictEqual([limited.status, limited.headers['retry-after']], [429, '3']);
      for (const status of [500, 503]) {
        h.emu.faults.failNext(1, status);
        assert.strictEqual((await h.call(op.method, path, opts)).status, status);
      }
    });
  }
});
