// createAccessToken: JWTs built with twilio-node's jwt.AccessToken, decoded and verified here by
// hand (base64url + HMAC-SHA256), so the test does not trust the library it checks.
import * as assert from 'assert';
import { createHmac, timingSafeEqual } from 'crypto';
import { createTwilioApi, TwilioApi } from '../../../src/core/twilio';
import { TwilioApiError } from '../../../src/core/twilio/errors';
import type { AccessTokenGrants, AccessTokenRequest } from '../../../src/core/twilio/types';
import { fakeAccountSid, fakeHex, fakeKeySecret, fakeKeySid } from '../../support/fakeCredentials';

interface Decoded {
  header: Record<string, unknown>;
  payload: Record<string, unknown> & { grants: Record<string, unknown>; iat: number; exp: number };
}

const b64url = (part: string) => Buffer.from(part, 'base64url');

/** Splits and parses a JWT and checks its HS256 signature with `secret`. */
function decode(jwt: string, secret: string): Decoded {
  const parts = jwt.split('.');
  assert.strictEqual(parts.length, 3, 'a JWT has three parts');
  const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
  const actual = b64url(parts[2]);
  assert.ok(actual.length === expected.length && timingSafeEqual(actual, expected), 'the signature verifies with the key secret (HS256)');
  return { header: JSON.parse(b64url(parts[0]).toString('utf8')), payload: JSON.parse(b64url(parts[1]).toString('utf8')) };
}

function signatureValid(jwt: string, secret: string): boolean {
  const [h, p, s] = jwt.split('.');
  const expected = createHmac('sha256', secret).update(`${h}.${p}`).digest();
  const actual = b64url(s);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

const sid = (prefix: string) => prefix + fakeHex();

describe('Twilio API: createAccessToken', () => {
  // No emulator: an Access Token is signed locally, without any request.
  const api: TwilioApi = createTwilioApi({ apiOrigin: 'http://127.0.0.1:9' });
  let req: AccessTokenRequest;
  beforeEach(() => {
    req = { accountSid: fakeAccountSid(), keySid: fakeKeySid(), keySecret: fakeKeySecret(), identity: 'alice', ttlSeconds: 3600, grants: { video: {} } };
  });
  const make = (over: Partial<AccessTokenRequest> = {}) => api.createAccessToken({ ...req, ...over });

  function rejected(over: Partial<AccessTokenRequest>, message: RegExp): void {
    let error: unknown;
    try {
      make(over);
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof TwilioApiError, `expected a TwilioApiError for ${JSON.stringify(Object.keys(over))}`);
    assert.strictEqual(error.kind, 'invalidRequest');
    assert.match(error.message, message);
    const secret = over.keySecret ?? req.keySecret;
    if (secret) assert.ok(!error.message.includes(secret), 'the message never contains the secret');
  }

  it('returns a JWT at once (synchronously) with Twilio’s header, issuer, subject and lifetime', () => {
    const before = Math.floor(Date.now() / 1000);
    const jwt = make({ ttlSeconds: 900 });
    assert.strictEqual(typeof jwt, 'string');
    const { header, payload } = decode(jwt, req.keySecret);
    assert.deepStrictEqual(header, { alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' });
    assert.strictEqual(payload.iss, req.keySid);
    assert.strictEqual(payload.sub, req.accountSid);
    assert.strictEqual(payload.exp - payload.iat, 900);
    assert.ok(payload.iat >= before && payload.iat <= Math.floor(Date.now() / 1000) + 1);
    assert.ok(String(payload.jti).startsWith(`${req.keySid}-`));
    assert.strictEqual(payload.grants.identity, 'alice');
  });

  it('is signed with the key secret and no other', () => {
    const jwt = make();
    assert.ok(signatureValid(jwt, req.keySecret));
    assert.ok(!signatureValid(jwt, fakeKeySecret()));
    assert.ok(!jwt.includes(req.keySecret), 'the secret is not in the token');
  });

  describe('grants', () => {
    const cases: [string, AccessTokenGrants, Record<string, unknown>][] = [];
    const app = sid('AP');
    const push = sid('CR');
    const service = sid('IS');
    const syncService = sid('IS');
    cases.push(
      ['Voice, outgoing and incoming', { voice: { outgoingApplicationSid: app, incomingAllow: true, pushCredentialSid: push } }, {
        voice: { incoming: { allow: true }, outgoing: { application_sid: app }, push_credential_sid: push },
      }],
      ['Voice, incoming only', { voice: { incomingAllow: true } }, { voice: { incoming: { allow: true } } }],
      ['Video, one room', { video: { room: 'daily-standup' } }, { video: { room: 'daily-standup' } }],
      ['Video, any room', { video: {} }, { video: {} }],
      ['Chat (Conversations)', { chat: { serviceSid: service, endpointId: 'alice:laptop', pushCredentialSid: push } }, {
        chat: { service_sid: service, endpoint_id: 'alice:laptop', push_credential_sid: push },
      }],
      ['Sync', { sync: { serviceSid: syncService, endpointId: 'alice:phone' } }, { data_sync: { service_sid: syncService, endpoint_id: 'alice:phone' } }],
      ['all four at once', { voice: { outgoingApplicationSid: app }, video: { room: 'r' }, chat: { serviceSid: service }, sync: { serviceSid: syncService } }, {
        voice: { outgoing: { application_sid: app } },
        video: { room: 'r' },
        chat: { service_sid: service },
        data_sync: { service_sid: syncService },
      }],
    );
    for (const [name, grants, payload] of cases) {
      it(name, () => {
        const decoded = decode(make({ grants }), req.keySecret);
        assert.deepStrictEqual(decoded.payload.grants, { identity: 'alice', ...payload });
      });
    }
  });

  describe('lifetime', () => {
    it('accepts 1 second and 24 hours exactly', () => {
      for (const ttlSeconds of [1, 86_400]) {
        const { payload } = decode(make({ ttlSeconds }), req.keySecret);
        assert.strictEqual(payload.exp - payload.iat, ttlSeconds);
      }
    });

    it('refuses 0, more than 24 hours, fractions and non-numbers', () => {
      for (const ttlSeconds of [0, -5, 86_401, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '60' as unknown as number]) {
        rejected({ ttlSeconds }, /lifetime must be a whole number of seconds from 1 to 86400/);
      }
    });
  });

  describe('identity', () => {
    it('is required', () => {
      rejected({ identity: '' }, /identity is empty/);
      rejected({ identity: '   ' }, /identity is empty/);
      rejected({ identity: undefined as unknown as string }, /identity is empty/);
    });

    it('has 1–256 characters and no control characters', () => {
      assert.ok(make({ identity: 'é'.repeat(256), grants: { chat: { serviceSid: sid('IS') } } }));
      rejected({ identity: 'x'.repeat(257) }, /at most 256 characters/);
      rejected({ identity: 'alice\nbob' }, /control characters/);
    });

    it('with a Voice grant: at most 121 letters, digits and underscores', () => {
      const voice = { voice: { incomingAllow: true } };
      assert.ok(make({ identity: 'a_1'.repeat(40) + 'z', grants: voice }));
      rejected({ identity: 'a'.repeat(122), grants: voice }, /1 to 121 letters, digits or underscores/);
      rejected({ identity: 'alice smith', grants: voice }, /1 to 121 letters, digits or underscores/);
      rejected({ identity: 'alice@example.com', grants: voice }, /letters, digits or underscores/);
      assert.ok(make({ identity: 'alice@example.com', grants: { chat: { serviceSid: sid('IS') } } }), 'fine without Voice');
    });
  });

  describe('grants that cannot work', () => {
    it('refuses no grant at all, and unknown grants', () => {
      rejected({ grants: {} }, /at least one grant/);
      rejected({ grants: undefined as unknown as AccessTokenGrants }, /at least one grant/);
      rejected({ grants: { video: undefined } }, /at least one grant/);
      rejected({ grants: { taskrouter: {} } as unknown as AccessTokenGrants }, /Unknown grant: taskrouter/);
    });

    it('refuses a Voice grant that neither calls out nor takes calls', () => {
      rejected({ grants: { voice: {} } }, /outgoing TwiML App SID, incoming calls allowed/);
      rejected({ grants: { voice: { incomingAllow: false } } }, /outgoing TwiML App SID/);
    });

    it('refuses malformed SIDs in grants', () => {
      rejected({ grants: { voice: { outgoingApplicationSid: sid('PN') } } }, /TwiML App SID must be "AP"/);
      rejected({ grants: { voice: { incomingAllow: true, pushCredentialSid: 'CR123' } } }, /push credential SID must be "CR"/);
      rejected({ grants: { chat: { serviceSid: sid('MG') } } }, /Chat\) service SID must be "IS"/);
      rejected({ grants: { chat: {} as { serviceSid: string } } }, /Chat\) service SID must be "IS"/);
      rejected({ grants: { sync: { serviceSid: `${sid('IS')}/x` } } }, /Sync service SID must be "IS"/);
      rejected({ grants: { video: { room: '' } } }, /Video room must be 1 to 256/);
      rejected({ grants: { sync: { serviceSid: sid('IS'), endpointId: ' ' } } }, /endpoint id must be 1 to 256/);
    });
  });

  describe('the signing key', () => {
    it('refuses malformed SIDs and an empty secret, never repeating the secret', () => {
      const secret = req.keySecret;
      rejected({ accountSid: secret }, /Account SID must be "AC"/);
      rejected({ keySid: secret }, /API key SID must be "SK"/);
      rejected({ accountSid: fakeKeySid() }, /Account SID must be "AC"/);
      rejected({ keySecret: '' }, /secret is empty/);
    });
  });
});
