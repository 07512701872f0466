// Regions and edges: the emulator logs the Twilio host a client meant (X-Twilio-Original-Host) with
// its region and edge, routes by product, and writes IAM page URLs on that same host.
import * as assert from 'assert';
import { parseTwilioHost } from '../../emulator/hosts';
import { ok, RawOptions } from '../../emulator/rawClient';
import { Emulator, startEmulator } from '../../emulator/server';

describe('Emulator: regions and edges', () => {
  let emu: Emulator;
  const via = (host: string, extra: RawOptions = {}): RawOptions => ({
    auth: { user: emu.accountSid, pass: emu.authToken },
    headers: { 'X-Twilio-Original-Host': host },
    ...extra,
  });

  before(async () => (emu = await startEmulator({ keys: 3 })));
  beforeEach(() => emu.reset());
  after(() => emu.close());

  it('splits Twilio host names into product, edge and region', () => {
    assert.deepStrictEqual(parseTwilioHost('api.twilio.com'), { product: 'api' });
    assert.deepStrictEqual(parseTwilioHost('iam.ie1.twilio.com'), { product: 'iam', region: 'ie1' });
    assert.deepStrictEqual(parseTwilioHost('api.sydney.au1.twilio.com:443'), { product: 'api', edge: 'sydney', region: 'au1' });
    assert.strictEqual(parseTwilioHost('api.twilio.com.example.org'), undefined);
    assert.strictEqual(parseTwilioHost('127.0.0.1:4010'), undefined);
  });

  for (const [region, edge] of [
    ['ie1', 'dublin'],
    ['au1', 'sydney'],
  ]) {
    it(`logs ${region}/${edge} for accounts, v2010 keys and IAM keys, and pages on that host`, async () => {
      const api = `api.${edge}.${region}.twilio.com`;
      const iam = `iam.${edge}.${region}.twilio.com`;
      assert.strictEqual((await ok(emu.url, 'GET', `/2010-04-01/Accounts/${emu.accountSid}.json`, via(api))).status, 200);
      assert.strictEqual((await ok(emu.url, 'POST', `/2010-04-01/Accounts/${emu.accountSid}/Keys.json`, via(api, { form: {} }))).status, 201);
      const page = await ok(emu.url, 'GET', `/v1/Keys?AccountSid=${emu.accountSid}&PageSize=2`, via(iam));
      assert.ok(page.json.meta.next_page_url.startsWith(`https://${iam}/v1/Keys?`), page.json.meta.next_page_url);
      assert.ok(page.json.meta.first_page_url.startsWith(`https://${iam}/v1/Keys?`));
      assert.deepStrictEqual(
        emu.requests.map((r) => [r.host, r.region, r.edge, r.status]),
        [
          [api, region, edge, 200],
          [api, region, edge, 201],
          [iam, region, edge, 200],
        ],
      );
    });
  }

  it('logs a region without an edge', async () => {
    await ok(emu.url, 'GET', `/2010-04-01/Accounts/${emu.accountSid}.json`, via('api.ie1.twilio.com'));
    assert.deepStrictEqual([emu.requests[0].region, emu.requests[0].edge], ['ie1', undefined]);
  });

  it('refuses a path on a regional host of the wrong product', async () => {
    const wrongHost = await ok(emu.url, 'GET', `/v1/Keys?AccountSid=${emu.accountSid}`, via('api.sydney.au1.twilio.com'));
    assert.deepStrictEqual([wrongHost.status, wrongHost.json.code], [404, 20404]);
    const other = await ok(emu.url, 'GET', `/2010-04-01/Accounts/${emu.accountSid}.json`, via('iam.dublin.ie1.twilio.com'));
    assert.strictEqual(other.status, 404);
  });
});
