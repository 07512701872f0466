// The editor's environment must not change where requests go, whose credentials they carry, or
// what gets logged: twilio-node would otherwise read TWILIO_* variables.
import * as assert from 'assert';
import { randomBytes } from 'crypto';
import * as https from 'https';
import { CallContext } from '../../../src/core/twilio/call';
import { ApiHttpClient } from '../../../src/core/twilio/httpClient';
import { DEFAULT_RETRY } from '../../../src/core/twilio/retry';
import { useEmulator } from './harness';

const VARS = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_REGION', 'TWILIO_EDGE', 'TWILIO_LOG_LEVEL', 'TWILIO_CA_BUNDLE', 'HTTP_PROXY'];

describe('Twilio API: isolation from TWILIO_* environment variables', () => {
  const h = useEmulator();
  const saved: Record<string, string | undefined> = {};
  const originalLog = console.log;
  let printed: string[] = [];

  beforeEach(() => {
    for (const v of VARS) saved[v] = process.env[v];
    process.env.TWILIO_ACCOUNT_SID = `AC${randomBytes(16).toString('hex')}`;
    process.env.TWILIO_AUTH_TOKEN = randomBytes(16).toString('hex');
    process.env.TWILIO_REGION = 'au1';
    process.env.TWILIO_EDGE = 'sydney';
    process.env.TWILIO_LOG_LEVEL = 'debug';
    process.env.TWILIO_CA_BUNDLE = '/nonexistent/ca-bundle.pem';
    process.env.HTTP_PROXY = 'http://127.0.0.1:9';
    printed = [];
    console.log = (...args: unknown[]) => void printed.push(args.join(' '));
  });

  afterEach(() => {
    console.log = originalLog;
    for (const v of VARS) {
      if (saved[v] === undefined) delete process.env[v];
      else process.env[v] = saved[v];
    }
  });

  it('uses the given credentials and Twilio’s default host, and prints nothing', async () => {
    const info = await h.api.verify(h.token);
    await h.api.listKeys(h.main);
    assert.strictEqual(info.sid, h.emu.accountSid);
    assert.deepStrictEqual(
      h.emu.requests.map((r) => [r.host, r.user]),
      [
        ['api.twilio.com', h.emu.accountSid],
        ['iam.twilio.com', h.emu.mainKey.sid],
      ],
    );
    // twilio-node 6.2 reads only the logLevel option; the explicit option guards later versions.
    assert.deepStrictEqual(printed, []);
  });

  it('talks to Twilio over a plain https agent: no proxy agent from HTTP_PROXY, no CA from TWILIO_CA_BUNDLE', () => {
    const call = new CallContext(undefined, 1000);
    const agent = new ApiHttpClient(call, undefined, DEFAULT_RETRY).axios.defaults.httpsAgent as https.Agent;
    call.dispose();
    assert.strictEqual(agent.constructor, https.Agent);
    assert.strictEqual(agent.options.ca, undefined);
  });

  it('uses the region and edge of the credentials, not of the environment', async () => {
    await h.api.verify({ ...h.token, region: 'ie1', edge: 'dublin' });
    await h.api.createKey({ ...h.token, region: 'ie1' }, { type: 'standard' });
    assert.deepStrictEqual(
      h.emu.requests.map((r) => [r.host, r.region, r.edge]),
      [
        ['api.dublin.ie1.twilio.com', 'ie1', 'dublin'],
        ['iam.ie1.twilio.com', 'ie1', undefined],
      ],
    );
  });
});
