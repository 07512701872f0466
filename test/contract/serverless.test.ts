// Serverless v1 (serverless.twilio.com), the API behind Twilio Functions: services, environments
// and variables, each success and error path checked against Twilio's OpenAPI description as it
// happens (harness.ts).
import * as assert from 'assert';
import { randomBytes } from 'crypto';
import { PERMISSIONS } from '../emulator/server';
import type { EnvironmentRecord, ServiceRecord } from '../emulator/server';
import { assertCovered, OUTCOME, useContractEmulator } from './harness';
import * as op from './operations';

const { unauthenticated: UNAUTHENTICATED, notFound: NOT_FOUND, invalid: INVALID, denied: DENIED, conflict: CONFLICT } = OUTCOME;
const sid = (prefix: string) => prefix + randomBytes(16).toString('hex');

describe('Contract: Functions services, environments and variables (Serverless v1)', () => {
  const h = useContractEmulator();
  let service: ServiceRecord;
  let env: EnvironmentRecord;
  const envPath = () => `/v1/Services/${service.sid}/Environments/${env.sid}`;
  const varsPath = () => `${envPath()}/Variables`;
  const post = (path: string, form: Record<string, string>) => h.call('POST', path, { ...h.tokenAuth(), form });

  beforeEach(() => {
    service = h.emu.state.addService(h.emu.accountSid, { uniqueName: 'notify-app', environments: [{ uniqueName: 'production', domainSuffix: 'prod' }] });
    env = h.emu.state.environmentsOf(service.sid)[0];
  });

  after(() =>
    assertCovered(h, {
      [op.SERVICES]: ['200', UNAUTHENTICATED, INVALID, OUTCOME.invalidPageToken, DENIED],
      [op.SERVICE_CREATE]: ['201', UNAUTHENTICATED, INVALID, CONFLICT, DENIED],
      [op.SERVICE]: ['200', UNAUTHENTICATED, NOT_FOUND, DENIED],
      [op.SERVICE_UPDATE]: ['200', UNAUTHENTICATED, NOT_FOUND, INVALID, DENIED],
      [op.SERVICE_DELETE]: ['204', UNAUTHENTICATED, NOT_FOUND, DENIED],
      [op.ENVIRONMENTS]: ['200', UNAUTHENTICATED, NOT_FOUND, INVALID, DENIED],
      [op.ENVIRONMENT_CREATE]: ['201', UNAUTHENTICATED, NOT_FOUND, INVALID, CONFLICT, DENIED],
      [op.ENVIRONMENT]: ['200', UNAUTHENTICATED, NOT_FOUND, DENIED],
      [op.ENVIRONMENT_DELETE]: ['204', UNAUTHENTICATED, NOT_FOUND, DENIED],
      [op.VARIABLES]: ['200', UNAUTHENTICATED, NOT_FOUND, INVALID, OUTCOME.invalidPageToken, DENIED],
      [op.VARIABLE_CREATE]: ['201', UNAUTHENTICATED, NOT_FOUND, INVALID, CONFLICT, DENIED],
      [op.VARIABLE]: ['200', UNAUTHENTICATED, NOT_FOUND, DENIED],
      [op.VARIABLE_UPDATE]: ['200', UNAUTHENTICATED, NOT_FOUND, INVALID, CONFLICT, DENIED],
      [op.VARIABLE_DELETE]: ['204', UNAUTHENTICATED, NOT_FOUND, DENIED],
    }),
  );

  describe('lists', () => {
    it('pages variables in meta with absolute URLs on the host the client meant, in creation order', async () => {
      for (let i = 0; i < 5; i++) h.emu.state.addVariable(env.sid, `KEY_${i}`, `value ${i}`);
      const meant = { ...h.tokenAuth(), headers: { 'X-Twilio-Original-Host': 'serverless.twilio.com' } };
      const first = await h.call('GET', `${varsPath()}?PageSize=2`, meant);
      assert.deepStrictEqual(first.json.variables.map((v: { key: string }) => v.key), ['KEY_0', 'KEY_1']);
      assert.strictEqual(first.json.meta.key, 'variables');
      assert.match(first.json.meta.next_page_url, /^https:\/\/serverless\.twilio\.com\/v1\/Services\/ZS[0-9a-f]{32}\/Environments\/ZE[0-9a-f]{32}\/Variables\?PageSize=2&Page=1&PageToken=PAZV/);
      const keys: string[] = [];
      let next: string | null = first.json.meta.next_page_url;
      keys.push(...first.json.variables.map((v: { key: string }) => v.key));
      while (next) {
        const url = new URL(next);
        const page = await h.call('GET', url.pathname + url.search, meant);
        keys.push(...page.json.variables.map((v: { key: string }) => v.key));
        next = page.json.meta.next_page_url;
      }
      assert.deepStrictEqual(keys, ['KEY_0', 'KEY_1', 'KEY_2', 'KEY_3', 'KEY_4']);
    });

    it('lists only the caller’s services and a service’s own environments', async () => {
      const other = h.otherAccount().account;
      h.emu.state.addService(other.sid, { uniqueName: 'theirs' });
      const mine = await h.call('GET', '/v1/Services', h.tokenAuth());
      assert.deepStrictEqual(mine.json.services.map((s: { unique_name: string }) => s.unique_name), ['notify-app']);
      assert.match(mine.json.services[0].domain_base, /^notify-app-\d{4}$/);
      const envs = await h.call('GET', `/v1/Services/${service.sid}/Environments`, h.tokenAuth());
      assert.deepStrictEqual(envs.json.environments.map((e: { unique_name: string; domain_name: string }) => [e.unique_name, e.domain_name]), [
        ['production', `${service.domainBase}-prod.twil.io`],
      ]);
    });

    it('refuses bad paging', async () => {
      await h.expectError('GET', '/v1/Services?PageSize=0', h.tokenAuth(), 400, 20001);
      await h.expectError('GET', `/v1/Services?PageToken=PA${sid('ZS')}`, h.tokenAuth(), 400, 21481);
      await h.expectError('GET', `/v1/Services/${service.sid}/Environments?Page=x`, h.tokenAuth(), 400, 20001);
      await h.expectError('GET', `${varsPath()}?PageSize=1001`, h.tokenAuth(), 400, 20001);
      await h.expectError('GET', `${varsPath()}?PageToken=PA${sid('ZV')}`, h.tokenAuth(), 400, 21481);
    });
  });

  describe('services and environments', () => {
    it('creates a service and an environment, fetches them, and finds a service by its unique name', async () => {
      const created = await post('/v1/Services', { UniqueName: 'billing', FriendlyName: 'Billing', IncludeCredentials: 'false' });
      assert.deepStrictEqual([created.status, created.json.include_credentials, created.json.ui_editable], [201, false, false]);
      const byName = await h.call('GET', '/v1/Services/billing', h.tokenAuth());
      assert.strictEqual(byName.json.sid, created.json.sid);
      const e = await post(`/v1/Services/${created.json.sid}/Environments`, { UniqueName: 'staging', DomainSuffix: 'stage' });
      assert.deepStrictEqual([e.status, e.json.build_sid, e.json.domain_suffix], [201, null, 'stage']);
      const fetched = await h.call('GET', `/v1/Services/${created.json.sid}/Environments/${e.json.sid}`, h.tokenAuth());
      assert.strictEqual(fetched.json.unique_name, 'staging');
      // Child paths take the service's SID, as the spec says; a unique name is not found there.
      await h.expectError('GET', '/v1/Services/billing/Environments', h.tokenAuth(), 404, 20404);
    });

    it('updates a service and refuses a malformed boolean', async () => {
      const res = await post(`/v1/Services/${service.sid}`, { FriendlyName: 'Notify', UiEditable: 'true' });
      assert.deepStrictEqual([res.json.friendly_name, res.json.ui_editable], ['Notify', true]);
      await h.expectError('POST', `/v1/Services/${service.sid}`, { ...h.tokenAuth(), form: { IncludeCredentials: 'yes' } }, 400, 20001);
    });

    it('refuses missing and over-long names, and answers a taken unique name with 409 / 20409', async () => {
      await h.expectError('POST', '/v1/Services', { ...h.tokenAuth(), form: { FriendlyName: 'x' } }, 400, 20001);
      await h.expectError('POST', '/v1/Services', { ...h.tokenAuth(), form: { UniqueName: 'u'.repeat(51), FriendlyName: 'x' } }, 400, 20001);
      await h.expectError('POST', '/v1/Services', { ...h.tokenAuth(), form: { UniqueName: 'notify-app', FriendlyName: 'x' } }, 409, 20409);
      const envs = `/v1/Services/${service.sid}/Environments`;
      await h.expectError('POST', envs, { ...h.tokenAuth(), form: {} }, 400, 20001);
      await h.expectError('POST', envs, { ...h.tokenAuth(), form: { UniqueName: 'dev', DomainSuffix: 's'.repeat(17) } }, 400, 20001);
      await h.expectError('POST', envs, { ...h.tokenAuth(), form: { UniqueName: 'production' } }, 409, 20409);
      await h.expectError('POST', `/v1/Services/${sid('ZS')}/Environments`, { ...h.tokenAuth(), form: { UniqueName: 'dev' } }, 404, 20404);
    });

    it('deletes an environment with its variables, and a service with everything under it', async () => {
      const v = h.emu.state.addVariable(env.sid, 'TWILIO_API_KEY', sid('SK'));
      assert.strictEqual((await h.call('DELETE', envPath(), h.tokenAuth())).status, 204);
      assert.strictEqual(h.emu.state.variables.has(v.sid), false);
      await h.expectError('GET', envPath(), h.tokenAuth(), 404, 20404);
      await h.expectError('DELETE', envPath(), h.tokenAuth(), 404, 20404);
      const e2 = h.emu.state.addEnvironment(service.sid, { uniqueName: 'dev', variables: { A: 'b' } });
      assert.strictEqual((await h.call('DELETE', `/v1/Services/${service.sid}`, h.tokenAuth())).status, 204);
      assert.deepStrictEqual([h.emu.state.services.has(service.sid), h.emu.state.environments.has(e2.sid), h.emu.state.variablesOf(e2.sid)], [false, false, []]);
      await h.expectError('DELETE', `/v1/Services/${service.sid}`, h.tokenAuth(), 404, 20404);
      await h.expectError('POST', `/v1/Services/${service.sid}`, { ...h.tokenAuth(), form: { FriendlyName: 'x' } }, 404, 20404);
    });
  });

  describe('variables', () => {
    it('creates, fetches, updates in place and deletes a variable; its value is part of the resource', async () => {
      const created = await post(varsPath(), { Key: 'TWILIO_API_SECRET', Value: 'first value' });
      assert.deepStrictEqual([created.status, created.json.key, created.json.value], [201, 'TWILIO_API_SECRET', 'first value']);
      const one = `${varsPath()}/${created.json.sid}`;
      assert.strictEqual((await h.call('GET', one, h.tokenAuth())).json.value, 'first value');
      const updated = await post(one, { Value: 'second value' });
      assert.deepStrictEqual([updated.json.sid, updated.json.key, updated.json.value], [created.json.sid, 'TWILIO_API_SECRET', 'second value']);
      const renamed = await post(one, { Key: 'API_SECRET' });
      assert.deepStrictEqual([renamed.json.key, renamed.json.value], ['API_SECRET', 'second value']);
      assert.strictEqual((await h.call('DELETE', one, h.tokenAuth())).status, 204);
      await h.expectError('GET', one, h.tokenAuth(), 404, 20404);
    });

    it('holds Twilio’s documented limits: Key at most 128 characters, Value at most 450 bytes of UTF-8', async () => {
      assert.strictEqual((await post(varsPath(), { Key: 'K'.repeat(128), Value: 'v'.repeat(450) })).status, 201);
      assert.strictEqual((await post(varsPath(), { Key: 'EUROS', Value: '€'.repeat(150) })).status, 201, '150 × 3 bytes = 450');
      await h.expectError('POST', varsPath(), { ...h.tokenAuth(), form: { Key: 'K'.repeat(129), Value: 'v' } }, 400, 20001);
      await h.expectError('POST', varsPath(), { ...h.tokenAuth(), form: { Key: 'TOO_LONG', Value: 'v'.repeat(451) } }, 400, 20001);
      await h.expectError('POST', varsPath(), { ...h.tokenAuth(), form: { Key: 'TOO_MANY_BYTES', Value: '€'.repeat(151) } }, 400, 20001);
      await h.expectError('POST', varsPath(), { ...h.tokenAuth(), form: { Key: 'NO_VALUE' } }, 400, 20001);
      const v = h.emu.state.addVariable(env.sid, 'SHORT', 'x');
      await h.expectError('POST', `${varsPath()}/${v.sid}`, { ...h.tokenAuth(), form: { Value: 'v'.repeat(451) } }, 400, 20001);
      assert.strictEqual(h.emu.state.variables.get(v.sid)!.value, 'x', 'a refused update changes nothing');
    });

    it('answers a key taken in the same environment with 409 / 20409, on create and on rename', async () => {
      const a = h.emu.state.addVariable(env.sid, 'A', '1');
      h.emu.state.addVariable(env.sid, 'B', '2');
      await h.expectError('POST', varsPath(), { ...h.tokenAuth(), form: { Key: 'A', Value: 'x' } }, 409, 20409);
      await h.expectError('POST', `${varsPath()}/${a.sid}`, { ...h.tokenAuth(), form: { Key: 'B' } }, 409, 20409);
      assert.strictEqual((await post(`${varsPath()}/${a.sid}`, { Key: 'A', Value: '3' })).status, 200, 'its own key is not a conflict');
      const other = h.emu.state.addEnvironment(service.sid, { uniqueName: 'dev' });
      assert.strictEqual((await post(`/v1/Services/${service.sid}/Environments/${other.sid}/Variables`, { Key: 'A', Value: 'x' })).status, 201);
    });

    it('finds a variable only under its own service and environment', async () => {
      const v = h.emu.state.addVariable(env.sid, 'A', '1');
      const other = h.emu.state.addEnvironment(service.sid, { uniqueName: 'dev' });
      await h.expectError('GET', `/v1/Services/${service.sid}/Environments/${other.sid}/Variables/${v.sid}`, h.tokenAuth(), 404, 20404);
      await h.expectError('POST', `${varsPath()}/${sid('ZV')}`, { ...h.tokenAuth(), form: { Value: 'x' } }, 404, 20404);
      await h.expectError('DELETE', `${varsPath()}/${sid('ZV')}`, h.tokenAuth(), 404, 20404);
      await h.expectError('GET', `/v1/Services/${service.sid}/Environments/${sid('ZE')}/Variables`, h.tokenAuth(), 404, 20404);
      await h.expectError('POST', `/v1/Services/${sid('ZS')}/Environments/${env.sid}/Variables`, { ...h.tokenAuth(), form: { Key: 'A', Value: 'b' } }, 404, 20404);
    });
  });

  describe('who may do what', () => {
    /** One request per operation, against the seeded service, environment and a variable. */
    function everyOperation(): [string, string, Record<string, string>?][] {
      const v = h.emu.state.addVariable(env.sid, `V_${randomBytes(3).toString('hex')}`, 'x');
      return [
        ['GET', '/v1/Services'],
        ['POST', '/v1/Services', { UniqueName: `s-${randomBytes(3).toString('hex')}`, FriendlyName: 's' }],
        ['GET', `/v1/Services/${service.sid}`],
        ['POST', `/v1/Services/${service.sid}`, { FriendlyName: 'n' }],
        ['GET', `/v1/Services/${service.sid}/Environments`],
        ['POST', `/v1/Services/${service.sid}/Environments`, { UniqueName: `e-${randomBytes(3).toString('hex')}` }],
        ['GET', envPath()],
        ['GET', varsPath()],
        ['POST', varsPath(), { Key: `K_${randomBytes(3).toString('hex')}`, Value: 'x' }],
        ['GET', `${varsPath()}/${v.sid}`],
        ['POST', `${varsPath()}/${v.sid}`, { Value: 'y' }],
        ['DELETE', `${varsPath()}/${v.sid}`],
        ['DELETE', envPath()],
        ['DELETE', `/v1/Services/${service.sid}`],
      ];
    }

    it('refuses wrong credentials with 401 / 20003 and a restricted key without the permission with 403 / 70051', async () => {
      const unrelated = h.restrictedAuth('/twilio/messaging/messages/read');
      for (const [method, path, form] of everyOperation()) {
        await h.expectError(method, path, { ...h.wrongTokenAuth(), form }, 401, 20003);
        await h.expectError(method, path, { ...unrelated, form }, 403, 70051);
      }
    });

    it('lets a Main key and a Standard key use every Functions operation (Standard keys reach every API but Accounts and Keys)', async () => {
      for (const auth of [h.mainAuth(), h.standardAuth()]) {
        for (const [method, path, form] of everyOperation()) {
          const res = await h.call(method, path, { ...auth, form });
          assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${res.text}`);
        }
        service = h.emu.state.addService(h.emu.accountSid, { environments: [{ uniqueName: 'production' }] });
        env = h.emu.state.environmentsOf(service.sid)[0];
      }
    });

    it('lets a restricted key do what its permissions name', async () => {
      const reader = h.restrictedAuth(PERMISSIONS.servicesRead, PERMISSIONS.environmentsRead, PERMISSIONS.variablesRead);
      assert.strictEqual((await h.call('GET', varsPath(), reader)).status, 200);
      await h.expectError('POST', varsPath(), { ...reader, form: { Key: 'A', Value: 'b' } }, 403, 70051);
      const writer = h.restrictedAuth(PERMISSIONS.variablesUpdate);
      const v = h.emu.state.addVariable(env.sid, 'A', '1');
      assert.strictEqual((await h.call('POST', `${varsPath()}/${v.sid}`, { ...writer, form: { Value: '2' } })).status, 200);
    });

    it('hides another account’s services, and a subaccount’s from its parent (Functions has no account in its paths)', async () => {
      const { account: other, key } = h.otherAccount();
      await h.expectError('GET', `/v1/Services/${service.sid}`, h.keyAuth(key.sid, key.secret), 404, 20404);
      await h.expectError('GET', varsPath(), { auth: { user: other.sid, pass: other.authToken } }, 404, 20404);
      const sub = h.emu.state.addSubaccount(h.emu.accountSid);
      const subService = h.emu.state.addService(sub.sid, { uniqueName: 'sub-app' });
      await h.expectError('GET', `/v1/Services/${subService.sid}`, h.tokenAuth(), 404, 20404);
      const own = await h.call('GET', '/v1/Services', { auth: { user: sub.sid, pass: sub.authToken } });
      assert.deepStrictEqual(own.json.services.map((s: { sid: string }) => s.sid), [subService.sid]);
    });

    it('serves Functions on serverless.twilio.com only', async () => {
      const res = await h.call('GET', '/v1/Services', { ...h.tokenAuth(), headers: { 'X-Twilio-Original-Host': 'iam.twilio.com' } });
      assert.deepStrictEqual([res.status, res.json.code], [404, 20404]);
      const regional = await h.call('GET', '/v1/Services', { ...h.tokenAuth(), headers: { 'X-Twilio-Original-Host': 'serverless.dublin.ie1.twilio.com' } });
      assert.strictEqual(regional.status, 200);
      assert.strictEqual(h.emu.requests.at(-1)?.region, 'ie1');
    });
  });
});
