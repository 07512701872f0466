// The emulator's Functions variables, Accounts v1 credentials and push credentials beyond the
// shape of their answers (the contract suite checks shapes): seeding in process and over the admin
// endpoint, reset, the request log and faults on the new routes, and routing by path and host.
import * as assert from 'assert';
import { Emulator, productOf, startEmulator } from '../../emulator/server';
import { ok } from '../../emulator/rawClient';
import { fakeKeySid } from '../../support/fakeCredentials';

describe('Emulator: Functions variables, account credentials and push credentials', () => {
  let emu: Emulator;
  const token = () => ({ auth: { user: emu.accountSid, pass: emu.authToken } });
  const admin = (method: string, what: string, jsonBody?: unknown) => ok(emu.url, method, `/__emulator/${what}`, { jsonBody });

  before(async () => (emu = await startEmulator()));
  beforeEach(() => emu.reset());
  after(() => emu.close());

  it('routes by path: Accounts v1 credentials, push credentials, Functions, and everything else on /v1 to IAM', () => {
    assert.deepStrictEqual(
      ['/v1/Credentials/AWS', '/v1/Credentials/PublicKeys/CRx', '/v1/Credentials', '/v1/Credentials/CRx', '/v1/Services/ZSx/Environments', '/v1/Keys', '/v1/AuthTokens/Promote', '/v1/CredentialsX'].map(productOf),
      ['accounts', 'accounts', 'conversations', 'conversations', 'serverless', 'iam', 'accounts', 'iam'],
    );
  });

  it('seeds a Functions service for the primary account over the admin endpoint, shows it in the state, and reset removes it', async () => {
    const keySid = fakeKeySid();
    const seeded = await admin('POST', 'seed', {
      services: [{ accountSid: emu.accountSid, uniqueName: 'notify', environments: [{ uniqueName: 'production', variables: { TWILIO_API_KEY: keySid } }] }],
      pushCredentials: [{ accountSid: emu.accountSid, type: 'gcm', dateCreated: '2019-01-01T00:00:00Z' }],
      accountCredentials: [{ accountSid: emu.accountSid, kind: 'aws', friendlyName: 'bucket' }],
    });
    assert.strictEqual(seeded.status, 201, seeded.text);
    const [service] = seeded.json.services;
    assert.match(service.sid, /^ZS[0-9a-f]{32}$/);
    assert.deepStrictEqual(seeded.json.variables.map((v: { key: string; value: string }) => [v.key, v.value]), [['TWILIO_API_KEY', keySid]]);
    assert.strictEqual(seeded.json.pushCredentials[0].dateCreated, '2019-01-01T00:00:00.000Z');
    const envSid = seeded.json.environments[0].sid;

    const listed = await ok(emu.url, 'GET', `/v1/Services/${service.sid}/Environments/${envSid}/Variables`, token());
    assert.deepStrictEqual(listed.json.variables.map((v: { value: string }) => v.value), [keySid]);

    const state = await admin('GET', 'state');
    const primary = state.json.accounts.find((a: { sid: string }) => a.sid === emu.accountSid);
    assert.strictEqual(primary.services[0].environments[0].variables[0].value, keySid);
    assert.deepStrictEqual(primary.pushCredentials.map((c: { type: string; apiKey: string }) => [c.type, typeof c.apiKey]), [['gcm', 'string']]);
    assert.strictEqual(primary.accountCredentials[0].kind, 'aws');

    assert.strictEqual((await admin('POST', 'reset', {})).status, 204);
    assert.deepStrictEqual([emu.state.services.size, emu.state.variables.size, emu.state.pushCredentials.size, emu.state.accountCredentials.size], [0, 0, 0, 0]);
  });

  it('refuses a seed naming an unknown account or a duplicate key, saying why', async () => {
    const unknown = await admin('POST', 'seed', { services: [{ accountSid: 'AC' + '0'.repeat(32) }] });
    assert.deepStrictEqual([unknown.status, unknown.json.error], [400, `seed: unknown account AC${'0'.repeat(32)}`]);
    assert.throws(() => emu.state.addService(emu.accountSid, { environments: [{ variables: [{ key: 'A', value: '1' }, { key: 'A', value: '2' }] }] }), /variable A exists already/);
    const bad = await admin('POST', 'seed', { services: {} });
    assert.strictEqual(bad.status, 400);
  });

  it('keeps a page token valid after its variable is deleted, like key lists', async () => {
    const service = emu.state.addService(emu.accountSid, { environments: [{ uniqueName: 'dev', variables: { A: '1', B: '2', C: '3', D: '4' } }] });
    const env = emu.state.environmentsOf(service.sid)[0];
    const path = `/v1/Services/${service.sid}/Environments/${env.sid}/Variables`;
    const first = await ok(emu.url, 'GET', `${path}?PageSize=2`, token());
    emu.state.variables.delete(first.json.variables[1].sid);
    const next = new URL(first.json.meta.next_page_url);
    const second = await ok(emu.url, 'GET', next.pathname + next.search, token());
    assert.deepStrictEqual(second.json.variables.map((v: { key: string }) => v.key), ['C', 'D']);
  });

  it('logs and faults the new routes like any other', async () => {
    const service = emu.state.addService(emu.accountSid, { environments: [{ uniqueName: 'dev' }] });
    const env = emu.state.environmentsOf(service.sid)[0];
    const vars = `/v1/Services/${service.sid}/Environments/${env.sid}/Variables`;
    emu.faults.commitThenDrop(1, { path: '/v1/Services/*/Environments/*/Variables' });
    const dropped = await ok(emu.url, 'POST', vars, { ...token(), form: { Key: 'A', Value: 'b' } }).catch((e: Error) => e);
    assert.ok(dropped instanceof Error, 'the answer was dropped');
    assert.deepStrictEqual(emu.state.variablesOf(env.sid).map((v) => v.key), ['A'], 'but the variable was created');
    assert.deepStrictEqual([emu.requests.at(-1)?.status, emu.requests.at(-1)?.appliedStatus], ['dropped', 201]);
    emu.faults.failNext(1, 503, { method: 'GET', path: '/v1/Credentials' });
    assert.strictEqual((await ok(emu.url, 'GET', '/v1/Credentials', token())).status, 503);
    assert.strictEqual((await ok(emu.url, 'GET', '/v1/Credentials', token())).status, 200);
    assert.deepStrictEqual(emu.requests.slice(-2).map((r) => [r.method, r.path, r.user]), [
      ['GET', '/v1/Credentials', emu.accountSid],
      ['GET', '/v1/Credentials', emu.accountSid],
    ]);
  });
});
