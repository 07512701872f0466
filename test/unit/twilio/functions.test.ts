import * as assert from 'assert';
import { inspect } from 'util';
import type { AccountCredentials, EnvironmentRef, FunctionsVariable, Page } from '../../../src/core/twilio/types';
import { fakeKeySecret, fakeKeySid } from '../../support/fakeCredentials';
import { keyCreds, rejectsWith, seen, useEmulator } from './harness';

async function all<T>(first: Page<T>): Promise<T[]> {
  const items = [...first.items];
  for (let page = first; page.hasMore; ) {
    page = await page.next();
    items.push(...page.items);
  }
  return items;
}

describe('Twilio API: Functions services, environments and variables', () => {
  const h = useEmulator();
  let env: EnvironmentRef;
  let secret: string;
  let keySid: string;

  beforeEach(() => {
    secret = fakeKeySecret();
    keySid = fakeKeySid();
    const service = h.emu.state.addService(h.emu.accountSid, {
      uniqueName: 'notify-app',
      environments: [{ uniqueName: 'production', domainSuffix: 'prod', variables: { TWILIO_API_KEY: keySid, TWILIO_API_SECRET: secret, GREETING: 'hello' } }],
    });
    env = { serviceSid: service.sid, environmentSid: h.emu.state.environmentsOf(service.sid)[0].sid };
  });

  it('lists services, their environments and variables page by page, values included', async () => {
    h.emu.state.addService(h.emu.accountSid, { uniqueName: 'second' });
    const services = await all(await h.api.listFunctionsServices(h.token, { pageSize: 1 }));
    assert.deepStrictEqual(services.map((s) => [s.uniqueName, s.includeCredentials]), [['notify-app', true], ['second', true]]);
    assert.ok(services[0].dateCreated instanceof Date);
    const envs = await all(await h.api.listFunctionsEnvironments(h.token, env.serviceSid));
    assert.deepStrictEqual(envs.map((e) => [e.sid, e.uniqueName, e.domainSuffix]), [[env.environmentSid, 'production', 'prod']]);
    const vars = await all(await h.api.listFunctionsVariables(h.token, env, { pageSize: 2 }));
    assert.deepStrictEqual(vars.map((v) => [v.key, v.value]), [['TWILIO_API_KEY', keySid], ['TWILIO_API_SECRET', secret], ['GREETING', 'hello']]);
    assert.deepStrictEqual(
      h.emu.requests.filter((r) => r.path.endsWith('/Variables')).map((r) => r.query.replace(/PageToken=PA\w+/, 'PageToken=…')),
      ['?PageSize=2', '?PageSize=2&Page=1&PageToken=…'],
    );
  });

  it('leaves a variable’s value out of JSON and of the error messages', async () => {
    const vars = (await h.api.listFunctionsVariables(h.token, env)).items;
    const held = vars.find((v) => v.key === 'TWILIO_API_SECRET')!;
    assert.strictEqual(held.value, secret, 'the value is there, in memory');
    assert.ok(!JSON.stringify(vars).includes(secret));
    assert.deepStrictEqual(JSON.parse(JSON.stringify(held)), { sid: held.sid, serviceSid: env.serviceSid, environmentSid: env.environmentSid, key: 'TWILIO_API_SECRET', dateCreated: held.dateCreated!.toISOString(), dateUpdated: held.dateUpdated!.toISOString() });
    const tooLong = `${secret}${'x'.repeat(450)}`;
    const e = await rejectsWith(h.api.createFunctionsVariable(h.token, env, 'LONG', tooLong), 'invalidRequest');
    assert.ok(!inspect(e, { showHidden: true, depth: 5 }).includes(secret));
  });

  it('creates, updates in place and deletes a variable', async () => {
    const created = await h.api.createFunctionsVariable(h.token, env, 'AUTH_TOKEN', h.emu.authToken);
    assert.match(created.sid, /^ZV[0-9a-f]{32}$/);
    const newValue = fakeKeySecret();
    const updated = await h.api.updateFunctionsVariable(h.token, created, { value: newValue });
    assert.deepStrictEqual([updated.sid, updated.key, updated.value], [created.sid, 'AUTH_TOKEN', newValue]);
    assert.strictEqual(h.emu.state.variables.get(created.sid)?.value, newValue);
    await h.api.deleteFunctionsVariable(h.token, created);
    assert.strictEqual(h.emu.state.variables.has(created.sid), false);
    await rejectsWith(h.api.deleteFunctionsVariable(h.token, created), 'notFound');
  });

  it('sets several keys at once: creates what is missing, updates what differs, leaves equal values alone', async () => {
    const newSecret = fakeKeySecret();
    const res = await h.api.setFunctionsVariables(h.token, env, { TWILIO_ACCOUNT_SID: h.emu.accountSid, TWILIO_API_KEY: keySid, TWILIO_API_SECRET: newSecret });
    assert.deepStrictEqual([res.created, res.updated, res.unchanged, res.failed, res.notTried], [['TWILIO_ACCOUNT_SID'], ['TWILIO_API_SECRET'], ['TWILIO_API_KEY'], undefined, []]);
    const byKey = new Map(h.emu.state.variablesOf(env.environmentSid).map((v) => [v.key, v.value]));
    assert.deepStrictEqual([byKey.get('TWILIO_ACCOUNT_SID'), byKey.get('TWILIO_API_SECRET')], [h.emu.accountSid, newSecret]);
  });

  it('stops setting keys at the first failed write and says which were not tried', async () => {
    h.emu.faults.failNext(1, 500, { method: 'POST', path: '/v1/Services/*/Environments/*/Variables/*' });
    const res = await h.api.setFunctionsVariables(h.token, env, { NEW_ONE: 'a', TWILIO_API_SECRET: fakeKeySecret(), LATER: 'b' });
    assert.deepStrictEqual([res.created, res.updated, res.failed?.key, res.failed?.error.kind, res.notTried], [['NEW_ONE'], [], 'TWILIO_API_SECRET', 'server', ['LATER']]);
    assert.strictEqual(h.emu.state.variablesOf(env.environmentSid).find((v) => v.key === 'TWILIO_API_SECRET')?.value, secret, 'the old value is untouched');
  });

  it('reads the whole inventory: every service, environment and variable', async () => {
    const other = h.emu.state.addService(h.emu.accountSid, { uniqueName: 'other', environments: [{ uniqueName: 'dev' }, { uniqueName: 'stage', variables: { A: '1' } }] });
    const inv = await h.api.readFunctionsInventory(h.token);
    assert.deepStrictEqual(
      inv.services.map((s) => [s.service.uniqueName, s.environments.map((e) => [e.environment.uniqueName, e.variables.map((v: FunctionsVariable) => v.key)])]),
      [
        ['notify-app', [['production', ['TWILIO_API_KEY', 'TWILIO_API_SECRET', 'GREETING']]]],
        ['other', [['dev', []], ['stage', ['A']]]],
      ],
    );
    assert.strictEqual(inv.services[1].service.sid, other.sid);
  });

  it('checks names, values and SIDs before sending anything', async () => {
    await rejectsWith(h.api.createFunctionsVariable(h.token, env, 'K'.repeat(129), 'v'), 'invalidRequest');
    await rejectsWith(h.api.createFunctionsVariable(h.token, env, '', 'v'), 'invalidRequest');
    await rejectsWith(h.api.createFunctionsVariable(h.token, env, 'EUROS', '€'.repeat(151)), 'invalidRequest');
    await rejectsWith(h.api.updateFunctionsVariable(h.token, { ...env, sid: 'ZV123' }, { value: 'x' }), 'invalidRequest');
    await rejectsWith(h.api.updateFunctionsVariable(h.token, { ...env, sid: `ZV${'a'.repeat(32)}` }, {}), 'invalidRequest');
    await rejectsWith(h.api.listFunctionsVariables(h.token, { serviceSid: '../Keys', environmentSid: env.environmentSid }), 'invalidRequest');
    await rejectsWith(h.api.listFunctionsServices(h.token, { pageSize: 0 }), 'invalidRequest');
    await rejectsWith(h.api.setFunctionsVariables(h.token, env, { OK: 'a', BAD: 'v'.repeat(451) }), 'invalidRequest');
    assert.deepStrictEqual(seen(h.emu), []);
  });

  it('maps Twilio’s answers to error kinds: a taken key, a missing environment, wrong credentials', async () => {
    const taken = await rejectsWith(h.api.createFunctionsVariable(h.token, env, 'GREETING', 'again'), 'invalidRequest');
    assert.strictEqual(taken.code, 20409);
    await rejectsWith(h.api.listFunctionsVariables(h.token, { ...env, environmentSid: `ZE${'0'.repeat(32)}` }), 'notFound');
    const wrong: AccountCredentials = { ...h.token, auth: { kind: 'authToken', authToken: h.emu.authToken.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) } };
    await rejectsWith(h.api.listFunctionsServices(wrong), 'authentication');
  });

  it('works with a Main or Standard key; a restricted key without the permission is told so', async () => {
    assert.strictEqual((await h.api.listFunctionsServices(h.main)).items.length, 1);
    assert.strictEqual((await h.api.listFunctionsVariables(h.standard, env)).items.length, 3);
    const k = h.emu.state.addKey(h.emu.accountSid, { type: 'restricted', permissions: ['/twilio/serverless/services/read'] });
    await rejectsWith(h.api.listFunctionsVariables(keyCreds(h.emu, k.sid, k.secret), env), 'permissionDenied');
  });

  it('refuses a subaccount reached through its parent’s token before any request (Functions acts on the authenticating account)', async () => {
    const sub = h.emu.state.addSubaccount(h.emu.accountSid);
    const viaParent: AccountCredentials = { accountSid: sub.sid, parentAccountSid: h.emu.accountSid, auth: { kind: 'authToken', authToken: h.emu.authToken } };
    const e = await rejectsWith(h.api.listFunctionsServices(viaParent), 'invalidRequest');
    assert.match(e.message, /own Auth Token or API key/);
    assert.deepStrictEqual(seen(h.emu), []);
    const own: AccountCredentials = { accountSid: sub.sid, auth: { kind: 'authToken', authToken: sub.authToken } };
    assert.deepStrictEqual((await h.api.listFunctionsServices(own)).items, []);
  });

  it('calls serverless.twilio.com in the credentials’ region and edge', async () => {
    await h.api.listFunctionsVariables({ ...h.token, region: 'au1', edge: 'sydney' }, env);
    assert.deepStrictEqual(h.emu.requests.map((r) => r.host), ['serverless.sydney.au1.twilio.com']);
  });
});
