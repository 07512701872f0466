import * as assert from 'assert';
import { generateKeyPairSync } from 'crypto';
import type { AccountCredentials } from '../../../src/core/twilio/types';
import { fakeRsaKeyPair } from '../../support/fakeCredentials';
import { rejectsWith, seen, useEmulator } from './harness';

describe('Twilio API: public keys and AWS credentials (Accounts v1)', function () {
  this.timeout(20_000); // RSA key generation
  const h = useEmulator();
  let pair: { publicKey: string; privateKey: string };
  let sent: string[];
  let stopObserving: () => void;
  before(() => (pair = fakeRsaKeyPair()));
  beforeEach(() => {
    sent = [];
    stopObserving = h.emu.observe((x) => sent.push(x.requestBody));
  });
  afterEach(() => stopObserving());

  it('adds a public key from PEM text, lists it with its dates, renames and deletes it', async () => {
    const created = await h.api.createPublicKey(h.token, { publicKeyPem: pair.publicKey, friendlyName: 'signing' });
    assert.deepStrictEqual([created.kind, created.friendlyName, created.accountSid], ['publicKey', 'signing', h.emu.accountSid]);
    assert.deepStrictEqual(Object.keys(created).sort(), ['accountSid', 'dateCreated', 'dateUpdated', 'friendlyName', 'kind', 'sid']);
    assert.strictEqual(h.emu.state.accountCredentials.get(created.sid)?.material.trim(), pair.publicKey.trim());
    const listed = await h.api.listAccountCredentials(h.token, 'publicKey');
    assert.deepStrictEqual(listed.items.map((c) => c.sid), [created.sid]);
    assert.ok(listed.items[0].dateCreated instanceof Date);
    const renamed = await h.api.renameAccountCredential(h.token, created, 'renamed');
    assert.strictEqual(renamed.friendlyName, 'renamed');
    await h.api.deleteAccountCredential(h.token, created);
    assert.strictEqual(h.emu.state.accountCredentials.has(created.sid), false);
  });

  it('sends a PKCS#1 public key as the SPKI PEM Twilio shows', async () => {
    const pkcs1 = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const created = await h.api.createPublicKey(h.token, { publicKeyPem: pkcs1 });
    assert.match(h.emu.state.accountCredentials.get(created.sid)!.material, /^-----BEGIN PUBLIC KEY-----\n/);
  });

  it('refuses a private key with a clear message and never sends it, nor a file holding both keys', async () => {
    for (const text of [pair.privateKey, `${pair.publicKey}\n${pair.privateKey}`]) {
      const e = await rejectsWith(h.api.createPublicKey(h.token, { publicKeyPem: text }), 'invalidRequest');
      assert.match(e.message, /private key/);
      assert.match(e.message, /was not sent/);
    }
    const body = pair.privateKey.split('\n')[1];
    assert.deepStrictEqual(seen(h.emu), []);
    assert.ok(!sent.some((b) => b.includes(body)));
  });

  it('refuses a key Twilio would not take (1024 bits) before any request', async () => {
    await rejectsWith(h.api.createPublicKey(h.token, { publicKeyPem: fakeRsaKeyPair(1024).publicKey }), 'invalidRequest');
    await rejectsWith(h.api.createPublicKey(h.token, { publicKeyPem: pair.publicKey, friendlyName: 'n'.repeat(65) }), 'invalidRequest');
    await rejectsWith(h.api.renameAccountCredential(h.token, { kind: 'aws', sid: 'CR123' }, 'x'), 'invalidRequest');
    assert.deepStrictEqual(seen(h.emu), []);
  });

  it('lists, renames and deletes AWS credentials, whose secret never comes back', async () => {
    const aws = h.emu.state.addAccountCredential(h.emu.accountSid, { kind: 'aws', friendlyName: 'bucket' });
    h.emu.state.addAccountCredential(h.emu.accountSid, { kind: 'publicKey', material: pair.publicKey });
    const listed = await h.api.listAccountCredentials(h.token, 'aws');
    assert.deepStrictEqual(listed.items.map((c) => [c.kind, c.sid, c.friendlyName]), [['aws', aws.sid, 'bucket']]);
    assert.ok(!JSON.stringify(listed.items).includes(aws.material.split(':')[1]));
    await h.api.renameAccountCredential(h.token, { kind: 'aws', sid: aws.sid }, 'recordings');
    assert.strictEqual(h.emu.state.accountCredentials.get(aws.sid)?.friendlyName, 'recordings');
    await h.api.deleteAccountCredential(h.token, { kind: 'aws', sid: aws.sid });
    await rejectsWith(h.api.deleteAccountCredential(h.token, { kind: 'aws', sid: aws.sid }), 'notFound');
  });

  it('pages through many credentials', async () => {
    for (let i = 0; i < 5; i++) h.emu.state.addAccountCredential(h.emu.accountSid, { kind: 'aws', friendlyName: `a${i}` });
    let page = await h.api.listAccountCredentials(h.token, 'aws', { pageSize: 2 });
    const names = [...page.items.map((c) => c.friendlyName)];
    while (page.hasMore) {
      page = await page.next();
      names.push(...page.items.map((c) => c.friendlyName));
    }
    assert.deepStrictEqual(names, ['a0', 'a1', 'a2', 'a3', 'a4']);
  });

  it('counts a delete whose answer was lost and whose retry finds nothing as done', async () => {
    const aws = h.emu.state.addAccountCredential(h.emu.accountSid, { kind: 'aws' });
    h.emu.faults.commitThenDrop(1, { method: 'DELETE' });
    await h.api.deleteAccountCredential(h.token, { kind: 'aws', sid: aws.sid });
    assert.deepStrictEqual(h.emu.requests.map((r) => r.status), ['dropped', 404]);
  });

  it('refuses a subaccount through its parent’s token before any request', async () => {
    const sub = h.emu.state.addSubaccount(h.emu.accountSid);
    const viaParent: AccountCredentials = { accountSid: sub.sid, parentAccountSid: h.emu.accountSid, auth: { kind: 'authToken', authToken: h.emu.authToken } };
    await rejectsWith(h.api.listAccountCredentials(viaParent, 'publicKey'), 'invalidRequest');
    await rejectsWith(h.api.createPublicKey(viaParent, { publicKeyPem: pair.publicKey }), 'invalidRequest');
    assert.deepStrictEqual(seen(h.emu), []);
  });
});
