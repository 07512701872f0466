// A public key for Public Key Client Validation: an RSA-2048 PEM public key, never a private key.
import * as assert from 'assert';
import { generateKeyPairSync } from 'crypto';
import { checkPublicKeyPem, holdsPrivateKey } from '../../../src/core/twilio/publicKeyPem';
import { fakeRsaKeyPair } from '../../support/fakeCredentials';

describe('Twilio API: checking a public key before it is sent', function () {
  this.timeout(20_000); // RSA key generation
  let pair: { publicKey: string; privateKey: string };
  before(() => (pair = fakeRsaKeyPair()));
  const refused = (text: string) => {
    const res = checkPublicKeyPem(text);
    assert.ok(!res.ok, 'expected a refusal');
    return res as { ok: false; reason: string; privateKey: boolean };
  };

  it('accepts an RSA-2048 public key, as SPKI or PKCS#1 PEM, with text around it', () => {
    const ok = checkPublicKeyPem(`my key:\n${pair.publicKey}\n`);
    assert.deepStrictEqual(ok.ok && [ok.keyType, ok.bits, ok.pem], ['rsa', 2048, pair.publicKey]);
    const pkcs1 = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const converted = checkPublicKeyPem(pkcs1);
    assert.ok(converted.ok && converted.pem.startsWith('-----BEGIN PUBLIC KEY-----'));
  });

  it('refuses every kind of private key first, saying it was not sent, though node could derive a public key from it', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ed = generateKeyPairSync('ed25519');
    const privates = [
      pair.privateKey,
      rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
      ec.privateKey.export({ type: 'sec1', format: 'pem' }).toString(),
      ed.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      rsa.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }).toString(),
      JSON.stringify(rsa.privateKey.export({ format: 'jwk' })),
      `${pair.publicKey}${pair.privateKey}`,
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE=\n-----END OPENSSH PRIVATE KEY-----\n',
      'PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none\n',
    ];
    for (const text of privates) {
      const res = refused(text);
      assert.strictEqual(res.privateKey, true, text.slice(0, 40));
      assert.match(res.reason, /private key.*was not sent/);
      assert.ok(!res.reason.includes(text.split('\n')[1] ?? text), 'the reason never quotes the file');
    }
    assert.strictEqual(holdsPrivateKey(pair.publicKey), false);
  });

  it('refuses what Twilio would not take, each with its own advice', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const small = fakeRsaKeyPair(1024).publicKey;
    const e3 = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 3 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const cert = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const reasons = [ec, small, e3, cert, `${pair.publicKey}${pair.publicKey}`, 'ssh-rsa AAAAB3NzaC1yc2E user@host', '', 'x'.repeat(17_000), pair.publicKey.replace(/[A-Za-z]{10}/, '!!!!!!!!!!')].map(
      (t) => refused(t).reason,
    );
    assert.match(reasons[0], /this is an EC key/);
    assert.match(reasons[1], /1024 bits/);
    assert.match(reasons[2], /exponent 3\b/);
    assert.match(reasons[3], /certificate/);
    assert.match(reasons[4], /more than one/);
    assert.match(reasons[5], /BEGIN PUBLIC KEY/);
    assert.match(reasons[6], /empty/);
    assert.match(reasons[7], /too large/);
    assert.match(reasons[8], /could not be read/);
    assert.strictEqual(new Set(reasons).size, reasons.length);
  });
});
