// Accounts v1 credentials (accounts.twilio.com): public keys for Public Key Client Validation and
// AWS credentials, every operation and error path checked against Twilio's OpenAPI description as
// it happens (harness.ts). The key and secret material is write-only: no answer carries it.
import * as assert from 'assert';
import { randomBytes } from 'crypto';
import { PERMISSIONS } from '../emulator/server';
import { fakeAwsCredentials, fakeRsaKeyPair } from '../support/fakeCredentials';
import { assertCovered, OUTCOME, useContractEmulator } from './harness';
import { accountCredentialOps } from './operations';

const { unauthenticated: UNAUTHENTICATED, notFound: NOT_FOUND, invalid: INVALID, denied: DENIED } = OUTCOME;
const PK = accountCredentialOps('PublicKeys');
const AWS = accountCredentialOps('AWS');
const crSid = () => 'CR' + randomBytes(16).toString('hex');

describe('Contract: Accounts v1 credentials (public keys and AWS)', function () {
  this.timeout(20_000); // RSA key generation
  const h = useContractEmulator();
  let pair: { publicKey: string; privateKey: string };
  before(() => (pair = fakeRsaKeyPair()));
  const noMaterialIn = (...material: string[]) => {
    for (const body of h.responseBodies()) for (const m of material) assert.ok(!body.includes(m), 'an answer carried write-only material');
  };

  after(() =>
    assertCovered(h, {
      [PK.list]: ['200', UNAUTHENTICATED, INVALID, OUTCOME.invalidPageToken, DENIED],
      [PK.create]: ['201', UNAUTHENTICATED, INVALID, OUTCOME.publicKeyInvalid, NOT_FOUND, DENIED],
      [PK.fetch]: ['200', UNAUTHENTICATED, NOT_FOUND, DENIED],
      [PK.update]: ['200', UNAUTHENTICATED, NOT_FOUND, INVALID, DENIED],
      [PK.remove]: ['204', UNAUTHENTICATED, NOT_FOUND, DENIED],
      [AWS.list]: ['200', UNAUTHENTICATED, INVALID, DENIED],
      [AWS.create]: ['201', UNAUTHENTICATED, INVALID, DENIED],
      [AWS.fetch]: ['200', UNAUTHENTICATED, NOT_FOUND, DENIED],
      [AWS.update]: ['200', UNAUTHENTICATED, NOT_FOUND, INVALID, DENIED],
      [AWS.remove]: ['204', UNAUTHENTICATED, NOT_FOUND, DENIED],
    }),
  );

  describe('public keys', () => {
    it('creates a public key from PEM text; no answer ever repeats the key', async () => {
      const res = await h.call('POST', '/v1/Credentials/PublicKeys', { ...h.tokenAuth(), form: { PublicKey: pair.publicKey, FriendlyName: 'signing' } });
      assert.deepStrictEqual([res.status, res.json.friendly_name, res.json.account_sid], [201, 'signing', h.emu.accountSid]);
      assert.match(res.json.sid, /^CR[0-9a-f]{32}$/);
      assert.deepStrictEqual(Object.keys(res.json).sort(), ['account_sid', 'date_created', 'date_updated', 'friendly_name', 'sid', 'url']);
      assert.strictEqual(h.emu.state.accountCredentials.get(res.json.sid)?.material, pair.publicKey, 'Twilio keeps what was sent');
      await h.call('GET', `/v1/Credentials/PublicKeys/${res.json.sid}`, h.tokenAuth());
      await h.call('GET', '/v1/Credentials/PublicKeys', h.tokenAuth());
      await h.call('POST', `/v1/Credentials/PublicKeys/${res.json.sid}`, { ...h.tokenAuth(), form: { FriendlyName: 'renamed' } });
      const keyBody = pair.publicKey.split('\n')[1];
      noMaterialIn(keyBody);
    });

    it('refuses a private key, a non-RSA key, a key of the wrong size and text that is no key, with 70154', async () => {
      const before = h.emu.state.accountCredentials.size;
      const ec = (await import('crypto')).generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
      for (const PublicKey of [pair.privateKey, ec, fakeRsaKeyPair(1024).publicKey, 'not a key']) {
        await h.expectError('POST', '/v1/Credentials/PublicKeys', { ...h.tokenAuth(), form: { PublicKey } }, 400, 70154);
      }
      await h.expectError('POST', '/v1/Credentials/PublicKeys', { ...h.tokenAuth(), form: {} }, 400, 20001);
      await h.expectError('POST', '/v1/Credentials/PublicKeys', { ...h.tokenAuth(), form: { PublicKey: pair.publicKey, FriendlyName: 'n'.repeat(65) } }, 400, 20001);
      assert.strictEqual(h.emu.state.accountCredentials.size, before, 'nothing was created');
      noMaterialIn(pair.privateKey.split('\n')[1]);
    });

    it('creates for a subaccount the caller owns (AccountSid), which then lists it; any other account is not found', async () => {
      const sub = h.emu.state.addSubaccount(h.emu.accountSid);
      const res = await h.call('POST', '/v1/Credentials/PublicKeys', { ...h.tokenAuth(), form: { PublicKey: pair.publicKey, AccountSid: sub.sid } });
      assert.strictEqual(res.json.account_sid, sub.sid);
      const subList = await h.call('GET', '/v1/Credentials/PublicKeys', { auth: { user: sub.sid, pass: sub.authToken } });
      assert.deepStrictEqual(subList.json.credentials.map((c: { sid: string }) => c.sid), [res.json.sid]);
      assert.deepStrictEqual((await h.call('GET', '/v1/Credentials/PublicKeys', h.tokenAuth())).json.credentials, [], 'the list is the authenticating account’s');
      const other = h.otherAccount().account;
      await h.expectError('POST', '/v1/Credentials/PublicKeys', { ...h.tokenAuth(), form: { PublicKey: pair.publicKey, AccountSid: other.sid } }, 404, 20404);
      await h.expectError('POST', '/v1/Credentials/PublicKeys', { ...h.tokenAuth(), form: { PublicKey: pair.publicKey, AccountSid: 'AC123' } }, 400, 20001);
    });

    it('pages, renames (only the name changes) and deletes once', async () => {
      const seeded = [0, 1, 2].map((i) => h.emu.state.addAccountCredential(h.emu.accountSid, { kind: 'publicKey', friendlyName: `k${i}`, material: pair.publicKey }));
      const first = await h.call('GET', '/v1/Credentials/PublicKeys?PageSize=2', h.tokenAuth());
      assert.strictEqual(first.json.meta.key, 'credentials');
      const next = new URL(first.json.meta.next_page_url);
      const second = await h.call('GET', next.pathname + next.search, h.tokenAuth());
      assert.deepStrictEqual([...first.json.credentials, ...second.json.credentials].map((c: { friendly_name: string }) => c.friendly_name), ['k0', 'k1', 'k2']);
      await h.expectError('GET', '/v1/Credentials/PublicKeys?PageSize=abc', h.tokenAuth(), 400, 20001);
      await h.expectError('GET', `/v1/Credentials/PublicKeys?PageToken=PA${crSid()}`, h.tokenAuth(), 400, 21481);
      const one = `/v1/Credentials/PublicKeys/${seeded[0].sid}`;
      const renamed = await h.call('POST', one, { ...h.tokenAuth(), form: { FriendlyName: 'renamed', PublicKey: fakeRsaKeyPair().publicKey } });
      assert.strictEqual(renamed.json.friendly_name, 'renamed');
      assert.strictEqual(h.emu.state.accountCredentials.get(seeded[0].sid)?.material, pair.publicKey, 'an update never replaces the key');
      await h.expectError('POST', one, { ...h.tokenAuth(), form: { FriendlyName: 'n'.repeat(65) } }, 400, 20001);
      assert.strictEqual((await h.call('DELETE', one, h.tokenAuth())).status, 204);
      await h.expectError('DELETE', one, h.tokenAuth(), 404, 20404);
      await h.expectError('GET', one, h.tokenAuth(), 404, 20404);
      await h.expectError('POST', one, { ...h.tokenAuth(), form: { FriendlyName: 'x' } }, 404, 20404);
    });
  });

  describe('AWS credentials', () => {
    it('creates, lists, renames and deletes; the secret never comes back', async () => {
      const aws = fakeAwsCredentials();
      const created = await h.call('POST', '/v1/Credentials/AWS', { ...h.tokenAuth(), form: { Credentials: aws, FriendlyName: 'recordings bucket' } });
      assert.strictEqual(created.status, 201);
      const one = `/v1/Credentials/AWS/${created.json.sid}`;
      assert.strictEqual((await h.call('GET', '/v1/Credentials/AWS', h.tokenAuth())).json.credentials.length, 1);
      assert.strictEqual((await h.call('GET', one, h.tokenAuth())).json.friendly_name, 'recordings bucket');
      assert.strictEqual((await h.call('POST', one, { ...h.tokenAuth(), form: { FriendlyName: 'bucket' } })).json.friendly_name, 'bucket');
      await h.expectError('POST', one, { ...h.tokenAuth(), form: { FriendlyName: 'b'.repeat(65) } }, 400, 20001);
      assert.strictEqual((await h.call('DELETE', one, h.tokenAuth())).status, 204);
      noMaterialIn(aws, aws.split(':')[1]);
    });

    it('refuses credentials that are not ACCESS_KEY_ID:SECRET, and bad paging', async () => {
      for (const form of [{}, { Credentials: 'no-colon' }, { Credentials: ':secret' }, { Credentials: 'AKIA:' }]) {
        await h.expectError('POST', '/v1/Credentials/AWS', { ...h.tokenAuth(), form }, 400, 20001);
      }
      await h.expectError('GET', '/v1/Credentials/AWS?PageSize=0', h.tokenAuth(), 400, 20001);
    });

    it('keeps public keys and AWS credentials apart: one kind’s SID is not found under the other', async () => {
      const pk = h.emu.state.addAccountCredential(h.emu.accountSid, { kind: 'publicKey', material: pair.publicKey });
      await h.expectError('GET', `/v1/Credentials/AWS/${pk.sid}`, h.tokenAuth(), 404, 20404);
      await h.expectError('DELETE', `/v1/Credentials/AWS/${pk.sid}`, h.tokenAuth(), 404, 20404);
      assert.ok(h.emu.state.accountCredentials.has(pk.sid));
    });
  });

  describe('who may do what', () => {
    function everyOperation(): [string, string, Record<string, string>?][] {
      const pk = h.emu.state.addAccountCredential(h.emu.accountSid, { kind: 'publicKey', material: pair.publicKey });
      const aws = h.emu.state.addAccountCredential(h.emu.accountSid, { kind: 'aws' });
      return [
        ['GET', '/v1/Credentials/PublicKeys'],
        ['POST', '/v1/Credentials/PublicKeys', { PublicKey: pair.publicKey }],
        ['GET', `/v1/Credentials/PublicKeys/${pk.sid}`],
        ['POST', `/v1/Credentials/PublicKeys/${pk.sid}`, { FriendlyName: 'n' }],
        ['DELETE', `/v1/Credentials/PublicKeys/${pk.sid}`],
        ['GET', '/v1/Credentials/AWS'],
        ['POST', '/v1/Credentials/AWS', { Credentials: fakeAwsCredentials() }],
        ['GET', `/v1/Credentials/AWS/${aws.sid}`],
        ['POST', `/v1/Credentials/AWS/${aws.sid}`, { FriendlyName: 'n' }],
        ['DELETE', `/v1/Credentials/AWS/${aws.sid}`],
      ];
    }

    it('refuses wrong credentials (401 / 20003) and a restricted key without the permission (403 / 70051)', async () => {
      const unrelated = h.restrictedAuth('/twilio/voice/calls/read');
      for (const [method, path, form] of everyOperation()) {
        await h.expectError(method, path, { ...h.wrongTokenAuth(), form }, 401, 20003);
        await h.expectError(method, path, { ...unrelated, form }, 403, 70051);
      }
    });

    it('lets the Auth Token, a Main key, a Standard key and a restricted key with the permissions in', async () => {
      const restricted = h.restrictedAuth(
        PERMISSIONS.accountCredentialsRead,
        PERMISSIONS.accountCredentialsCreate,
        PERMISSIONS.accountCredentialsUpdate,
        PERMISSIONS.accountCredentialsDelete,
      );
      for (const auth of [h.tokenAuth(), h.mainAuth(), h.standardAuth(), restricted]) {
        for (const [method, path, form] of everyOperation()) {
          const res = await h.call(method, path, { ...auth, form });
          assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${res.text}`);
        }
      }
    });

    it('hides another account’s credentials', async () => {
      const { account: other } = h.otherAccount();
      const theirs = h.emu.state.addAccountCredential(other.sid, { kind: 'aws' });
      await h.expectError('GET', `/v1/Credentials/AWS/${theirs.sid}`, h.tokenAuth(), 404, 20404);
      await h.expectError('POST', `/v1/Credentials/AWS/${theirs.sid}`, { ...h.tokenAuth(), form: { FriendlyName: 'mine now' } }, 404, 20404);
      await h.expectError('DELETE', `/v1/Credentials/AWS/${theirs.sid}`, h.tokenAuth(), 404, 20404);
      assert.strictEqual(h.emu.state.accountCredentials.get(theirs.sid)?.friendlyName, null);
      await h.expectError('GET', `/v1/Credentials/PublicKeys/${crSid()}`, h.tokenAuth(), 404, 20404);
    });
  });
});
