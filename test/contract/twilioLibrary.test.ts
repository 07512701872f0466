// The real `twilio` library against the emulator's Functions, Accounts v1 credentials and push
// credentials: every exchange it makes is checked against Twilio's OpenAPI description as it
// happens (harness.ts), and what the library makes of the answers is checked here (dates parse,
// pages follow, errors become RestException with Twilio's code, no secret comes back).
import * as assert from 'assert';
import twilio from 'twilio';
import type RequestClientType from 'twilio/lib/base/RequestClient';
import { fakeAwsCredentials, fakeRsaKeyPair, fakeServiceAccountJson } from '../support/fakeCredentials';
import { assertCovered, useContractEmulator } from './harness';
import * as op from './operations';

/** twilio-node's transport, sending https://*.twilio.com requests to the emulator with the host it meant. */
class ToEmulator extends twilio.RequestClient {
  constructor(private readonly origin: string) {
    super({ autoRetry: false, ca: '' } as never);
  }

  override request<T>(opts: RequestClientType.RequestOptions<T>) {
    const target = new URL(opts.uri);
    return super.request<T>({ ...opts, uri: `${this.origin}${target.pathname}${target.search}`, headers: { ...opts.headers, 'X-Twilio-Original-Host': target.host } });
  }
}

async function rejection(p: Promise<unknown>): Promise<{ status: number; code: number }> {
  try {
    await p;
  } catch (e) {
    return e as { status: number; code: number };
  }
  assert.fail('expected the library to throw');
}

describe('Contract: the twilio library against Functions, account credentials and push credentials', function () {
  this.timeout(20_000);
  const h = useContractEmulator();
  const client = (opts: { region?: string; edge?: string } = {}) =>
    twilio(h.emu.accountSid, h.emu.authToken, { accountSid: h.emu.accountSid, httpClient: new ToEmulator(h.emu.url), region: opts.region ?? '', edge: opts.edge ?? '', env: {}, logLevel: 'info' });
  const isDate = (d: unknown) => assert.ok(d instanceof Date && !Number.isNaN(d.getTime()), `not a date: ${String(d)}`);

  after(() =>
    assertCovered(h, {
      [op.SERVICES]: ['200'],
      [op.SERVICE_CREATE]: ['201', '409/20409'],
      [op.SERVICE]: ['200', '404/20404'],
      [op.SERVICE_UPDATE]: ['200'],
      [op.SERVICE_DELETE]: ['204'],
      [op.ENVIRONMENTS]: ['200'],
      [op.ENVIRONMENT_CREATE]: ['201'],
      [op.ENVIRONMENT]: ['200'],
      [op.ENVIRONMENT_DELETE]: ['204'],
      [op.VARIABLES]: ['200'],
      [op.VARIABLE_CREATE]: ['201', '409/20409', '400/20001'],
      [op.VARIABLE]: ['200'],
      [op.VARIABLE_UPDATE]: ['200'],
      [op.VARIABLE_DELETE]: ['204'],
      ...Object.fromEntries(
        (['PublicKeys', 'AWS'] as const).flatMap((kind) => {
          const o = op.accountCredentialOps(kind);
          return [
            [o.list, ['200']],
            [o.create, ['201']],
            [o.fetch, ['200']],
            [o.update, ['200']],
            [o.remove, ['204']],
          ];
        }),
      ),
      [op.accountCredentialOps('PublicKeys').create]: ['201', '400/70154'],
      [op.PUSH_LIST]: ['200'],
      [op.PUSH_CREATE]: ['201'],
      [op.PUSH_FETCH]: ['200'],
      [op.PUSH_UPDATE]: ['200'],
      [op.PUSH_DELETE]: ['204'],
    }),
  );

  it('Functions: services, environments and variables, page by page, with their dates', async () => {
    const c = client();
    const service = await c.serverless.v1.services.create({ uniqueName: 'notify-app', friendlyName: 'Notify' });
    assert.match(service.sid, /^ZS[0-9a-f]{32}$/);
    isDate(service.dateCreated);
    for (let i = 0; i < 3; i++) await c.serverless.v1.services.create({ uniqueName: `extra-${i}`, friendlyName: `Extra ${i}` });
    const names = (await c.serverless.v1.services.list({ pageSize: 2 })).map((s) => s.uniqueName);
    assert.deepStrictEqual(names, ['notify-app', 'extra-0', 'extra-1', 'extra-2'], 'list() follows meta.next_page_url');
    assert.strictEqual((await c.serverless.v1.services('notify-app').fetch()).sid, service.sid);
    assert.strictEqual((await c.serverless.v1.services(service.sid).update({ includeCredentials: false })).includeCredentials, false);

    const env = await c.serverless.v1.services(service.sid).environments.create({ uniqueName: 'production', domainSuffix: 'prod' });
    assert.strictEqual(env.buildSid, null);
    assert.deepStrictEqual((await c.serverless.v1.services(service.sid).environments.list()).map((e) => e.sid), [env.sid]);
    assert.strictEqual((await c.serverless.v1.services(service.sid).environments(env.sid).fetch()).domainName, `${service.domainBase}-prod.twil.io`);

    const vars = c.serverless.v1.services(service.sid).environments(env.sid).variables;
    const created = await vars.create({ key: 'TWILIO_API_SECRET', value: 'old value' });
    isDate(created.dateUpdated);
    for (let i = 0; i < 4; i++) await vars.create({ key: `OTHER_${i}`, value: `${i}` });
    const page = await vars.page({ pageSize: 3 });
    const nextPage = await page.nextPage();
    assert.deepStrictEqual([...page.instances, ...nextPage!.instances].map((v) => v.key), ['TWILIO_API_SECRET', 'OTHER_0', 'OTHER_1', 'OTHER_2', 'OTHER_3']);
    const updated = await c.serverless.v1.services(service.sid).environments(env.sid).variables(created.sid).update({ value: 'new value' });
    assert.deepStrictEqual([updated.sid, updated.value], [created.sid, 'new value']);
    assert.strictEqual((await c.serverless.v1.services(service.sid).environments(env.sid).variables(created.sid).fetch()).value, 'new value');
    assert.strictEqual(await c.serverless.v1.services(service.sid).environments(env.sid).variables(created.sid).remove(), true);
    assert.strictEqual(await c.serverless.v1.services(service.sid).environments(env.sid).remove(), true);
    assert.strictEqual(await c.serverless.v1.services(service.sid).remove(), true);
  });

  it('Functions errors reach the library as RestException with Twilio’s status and code', async () => {
    const c = client();
    const service = await c.serverless.v1.services.create({ uniqueName: 'app', friendlyName: 'App' });
    const e1 = await rejection(c.serverless.v1.services.create({ uniqueName: 'app', friendlyName: 'Again' }));
    assert.deepStrictEqual([e1.status, e1.code], [409, 20409]);
    const env = await c.serverless.v1.services(service.sid).environments.create({ uniqueName: 'dev' });
    const vars = c.serverless.v1.services(service.sid).environments(env.sid).variables;
    await vars.create({ key: 'A', value: 'b' });
    const e2 = await rejection(vars.create({ key: 'A', value: 'c' }));
    assert.deepStrictEqual([e2.status, e2.code], [409, 20409]);
    const e3 = await rejection(vars.create({ key: 'B', value: 'x'.repeat(451) }));
    assert.deepStrictEqual([e3.status, e3.code], [400, 20001]);
    const e4 = await rejection(c.serverless.v1.services('no-such-service').fetch());
    assert.deepStrictEqual([e4.status, e4.code], [404, 20404]);
  });

  it('Accounts v1 credentials: public keys and AWS; the library’s instances hold no key material', async () => {
    const c = client();
    const pair = fakeRsaKeyPair();
    const pk = await c.accounts.v1.credentials.publicKey.create({ publicKey: pair.publicKey, friendlyName: 'signing' });
    isDate(pk.dateCreated);
    assert.deepStrictEqual(Object.keys(pk.toJSON()).sort(), ['accountSid', 'dateCreated', 'dateUpdated', 'friendlyName', 'sid', 'url']);
    assert.strictEqual((await c.accounts.v1.credentials.publicKey(pk.sid).update({ friendlyName: 'renamed' })).friendlyName, 'renamed');
    assert.strictEqual((await c.accounts.v1.credentials.publicKey(pk.sid).fetch()).friendlyName, 'renamed');
    assert.deepStrictEqual((await c.accounts.v1.credentials.publicKey.list()).map((k) => k.sid), [pk.sid]);
    assert.strictEqual(await c.accounts.v1.credentials.publicKey(pk.sid).remove(), true);
    const refused = await rejection(c.accounts.v1.credentials.publicKey.create({ publicKey: pair.privateKey }));
    assert.deepStrictEqual([refused.status, refused.code], [400, 70154]);

    const aws = await c.accounts.v1.credentials.aws.create({ credentials: fakeAwsCredentials(), friendlyName: 'bucket' });
    assert.deepStrictEqual(Object.keys(aws.toJSON()).sort(), ['accountSid', 'dateCreated', 'dateUpdated', 'friendlyName', 'sid', 'url']);
    assert.strictEqual((await c.accounts.v1.credentials.aws(aws.sid).update({ friendlyName: 'bucket 2' })).friendlyName, 'bucket 2');
    assert.strictEqual((await c.accounts.v1.credentials.aws(aws.sid).fetch()).sid, aws.sid);
    assert.strictEqual((await c.accounts.v1.credentials.aws.list()).length, 1);
    assert.strictEqual(await c.accounts.v1.credentials.aws(aws.sid).remove(), true);
  });

  it('push credentials: create, list with type and dates, replace an FCM secret, delete', async () => {
    const c = client();
    const cred = await c.conversations.v1.credentials.create({ type: 'fcm', secret: fakeServiceAccountJson(), friendlyName: 'android' });
    assert.deepStrictEqual([cred.type, cred.sandbox], ['fcm', 'False']);
    isDate(cred.dateUpdated);
    assert.deepStrictEqual(Object.keys(cred.toJSON()).sort(), ['accountSid', 'dateCreated', 'dateUpdated', 'friendlyName', 'sandbox', 'sid', 'type', 'url']);
    const listed = await c.conversations.v1.credentials.list();
    assert.deepStrictEqual(listed.map((x) => [x.sid, x.type]), [[cred.sid, 'fcm']]);
    const updated = await c.conversations.v1.credentials(cred.sid).update({ secret: fakeServiceAccountJson() });
    assert.strictEqual(updated.sid, cred.sid);
    assert.strictEqual((await c.conversations.v1.credentials(cred.sid).fetch()).friendlyName, 'android');
    assert.strictEqual(await c.conversations.v1.credentials(cred.sid).remove(), true);
  });

  it('reaches every new API on its regional host', async () => {
    const c = client({ region: 'ie1', edge: 'dublin' });
    await c.serverless.v1.services.list();
    await c.accounts.v1.credentials.publicKey.list();
    await c.conversations.v1.credentials.list();
    assert.deepStrictEqual(
      h.emu.requests.map((r) => [r.host, r.status]),
      [
        ['serverless.dublin.ie1.twilio.com', 200],
        ['accounts.dublin.ie1.twilio.com', 200],
        ['conversations.dublin.ie1.twilio.com', 200],
      ],
    );
  });
});
