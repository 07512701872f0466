import * as assert from 'assert';
import { createTwilioApi } from '../../../src/core/twilio';
import { rewriteUri } from '../../../src/core/twilio/httpClient';
import { API_ORIGIN_ENV, checkApiOrigin, readApiOrigin, resolveApiOrigin } from '../../../src/core/twilio/origin';
import { useEmulator } from './harness';

describe('Twilio API: the emulator origin', () => {
  describe('TWILIO_CREDENTIALS_API_ORIGIN validation', () => {
    const accepted: [string, string][] = [
      ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
      ['http://127.0.0.1:4010/', 'http://127.0.0.1:4010'],
      ['http://127.45.6.7:8080', 'http://127.45.6.7:8080'],
      ['http://localhost:4010', 'http://localhost:4010'],
      ['http://[::1]:4010', 'http://[::1]:4010'],
      ['  http://127.0.0.1:4010  ', 'http://127.0.0.1:4010'],
    ];
    for (const [value, origin] of accepted) {
      it(`accepts ${JSON.stringify(value)}`, () => assert.deepStrictEqual(checkApiOrigin(value), { ok: true, origin }));
    }

    const rejected: [string, RegExp][] = [
      ['https://127.0.0.1:4010', /only http/],
      ['http://api.example.com:4010', /loopback/],
      ['http://localhost.example.com:4010', /loopback/],
      ['http://127.0.0.1.example.com', /loopback/],
      ['http://0.0.0.0:4010', /loopback/],
      ['http://10.0.0.1:4010', /loopback/],
      ['http://user:pass@127.0.0.1:4010', /credentials/],
      ['http://127.0.0.1:4010/v1', /without path/],
      ['http://127.0.0.1:4010/?x=1', /without path/],
      ['127.0.0.1:4010', /only http|not a URL/],
      ['not a url', /not a URL/],
    ];
    for (const [value, reason] of rejected) {
      it(`rejects ${JSON.stringify(value)}`, () => {
        const check = checkApiOrigin(value);
        assert.strictEqual(check.ok, false);
        assert.match((check as { reason: string }).reason, reason);
      });
    }

    it('reports a rejected value without repeating it', () => {
      const env = { [API_ORIGIN_ENV]: 'http://someone:hunter2@collector.example:80' };
      const setting = readApiOrigin(env);
      assert.strictEqual(setting.origin, undefined);
      assert.match(setting.rejected ?? '', /TWILIO_CREDENTIALS_API_ORIGIN is ignored/);
      assert.ok(!setting.rejected?.includes('hunter2') && !setting.rejected?.includes('collector'));
      assert.strictEqual(resolveApiOrigin(env), undefined);
    });

    it('treats an unset or empty variable as “use Twilio”, silently', () => {
      assert.deepStrictEqual(readApiOrigin({}), {});
      assert.deepStrictEqual(readApiOrigin({ [API_ORIGIN_ENV]: ' ' }), {});
    });

    it('refuses a non-loopback origin passed in code', () => {
      assert.throws(() => createTwilioApi({ apiOrigin: 'https://api.example.com' }), /apiOrigin is not accepted/);
    });
  });

  describe('rewriting Twilio URLs', () => {
    it('keeps path and query and remembers the Twilio host', () => {
      assert.deepStrictEqual(rewriteUri('https://api.dublin.ie1.twilio.com/2010-04-01/Accounts/AC1.json?PageSize=5', 'http://127.0.0.1:9'), {
        uri: 'http://127.0.0.1:9/2010-04-01/Accounts/AC1.json?PageSize=5',
        originalHost: 'api.dublin.ie1.twilio.com',
      });
    });

    it('leaves URLs alone without an origin, and anything that is not https://*.twilio.com', () => {
      const u = 'https://iam.twilio.com/v1/Keys';
      assert.deepStrictEqual(rewriteUri(u, undefined), { uri: u });
      assert.deepStrictEqual(rewriteUri('https://twilio.com.example.org/x', 'http://127.0.0.1:9'), { uri: 'https://twilio.com.example.org/x' });
      assert.deepStrictEqual(rewriteUri('http://api.twilio.com/x', 'http://127.0.0.1:9'), { uri: 'http://api.twilio.com/x' });
    });
  });

  describe('from the environment', () => {
    const h = useEmulator();
    let saved: string | undefined;
    beforeEach(() => (saved = process.env[API_ORIGIN_ENV]));
    afterEach(() => {
      if (saved === undefined) delete process.env[API_ORIGIN_ENV];
      else process.env[API_ORIGIN_ENV] = saved;
    });

    it('sends requests to the emulator named by TWILIO_CREDENTIALS_API_ORIGIN', async () => {
      process.env[API_ORIGIN_ENV] = h.emu.url;
      const info = await createTwilioApi().verify(h.token);
      assert.strictEqual(info.sid, h.emu.accountSid);
      assert.strictEqual(h.emu.requests[0]?.host, 'api.twilio.com');
    });
  });
});
