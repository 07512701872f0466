// Issue 20, point 7: a hardcoded FCM legacy server key or AWS secret access key next to Twilio
// context is reported as a credential of that kind. Values are generated at run time.
import * as assert from 'assert';
import { fingerprint, mightContainSecret, scanText, type Finding } from '../../../src/core/detection';
import { findOtherCredentials, mightContainOtherCredential } from '../../../src/core/detection/otherCredentials';
import { fakeAccountSid, fakeAwsCredentials, fakeFcmLegacyServerKey, fakeKeySecret } from '../../support/fakeCredentials';

/** An AWS access key id and a secret with letters of both cases and a digit (as nearly all real ones have). */
function awsPair(): { id: string; secret: string } {
  for (;;) {
    const [id, secret] = fakeAwsCredentials().split(':');
    if (/[a-z]/.test(secret) && /[A-Z]/.test(secret) && /[0-9]/.test(secret)) return { id, secret };
  }
}

const others = (findings: Finding[]) => findings.filter((f) => f.kind === 'fcm-server-key' || f.kind === 'aws-secret-access-key');

describe('other services’ credentials next to Twilio context', () => {
  describe('FCM legacy server keys', () => {
    it('reports one hardcoded beside a Twilio client, redacted to its last 4 characters', () => {
      const key = fakeFcmLegacyServerKey();
      const text = `const twilio = require('twilio');\nconst client = twilio(process.env.TWILIO_API_KEY, process.env.TWILIO_API_SECRET);\nconst fcmKey = '${key}';\n`;
      const found = others(scanText(text, { path: 'src/push.js' }));
      assert.strictEqual(found.length, 1);
      const f = found[0];
      assert.strictEqual(f.kind, 'fcm-server-key');
      assert.ok(f.isSecret);
      assert.strictEqual(f.severity, 'warning');
      assert.strictEqual(text.slice(f.range.start, f.range.end), key);
      assert.strictEqual(f.redacted, `…${key.slice(-4)}`);
      assert.match(f.message, /FCM legacy server key/);
      assert.ok(!f.message.includes(key.slice(0, 20)), 'the message never holds the key');
      assert.strictEqual(f.fingerprint, fingerprint(key));
      assert.strictEqual(f.fix.envVar, 'FCM_SERVER_KEY');
      assert.strictEqual(f.fix.stringLiteral?.valueOnly, true);
      assert.deepStrictEqual(f.evidence, ['shape:fcm-legacy', 'twilio:near']);
    });

    it('says nothing about a key in a file with no Twilio context, or far from it', () => {
      const key = fakeFcmLegacyServerKey();
      assert.deepStrictEqual(others(scanText(`const serverKey = '${key}';\n`, { path: 'src/firebase.js' })), []);
      const far = `// twilio\n${'const filler = 1;\n'.repeat(200)}const serverKey = '${key}';\n`;
      assert.deepStrictEqual(others(scanText(far, { path: 'src/firebase.js' })), []);
    });

    it('counts a file named after Twilio as context', () => {
      const key = fakeFcmLegacyServerKey();
      const found = others(scanText(`serverKey: ${key}\n`, { path: 'config/twilio.yml' }));
      assert.deepStrictEqual(found.map((f) => f.evidence), [['shape:fcm-legacy', 'twilio:path']]);
    });

    it('needs the whole shape: a short or glued value, or a placeholder, is not a key', () => {
      const key = fakeFcmLegacyServerKey();
      const texts = [
        `twilio fcm: '${key.slice(0, 60)}'`, // cut short
        `twilio fcm: 'x${key}'`, // glued to a longer token
        `twilio fcm: 'AAAAxxxxxxx:APA91b${'x'.repeat(140)}'`, // placeholder
      ];
      for (const t of texts) assert.deepStrictEqual(others(scanText(t, { path: 'a.js' })), [], t);
    });

    it('an env file holding one is information, as a Twilio secret there is', () => {
      const key = fakeFcmLegacyServerKey();
      const [f] = others(scanText(`TWILIO_ACCOUNT_SID=${fakeAccountSid()}\nFCM_SERVER_KEY=${key}\n`, { path: '.env' }));
      assert.strictEqual(f.kind, 'fcm-server-key');
      assert.strictEqual(f.severity, 'information');
      assert.match(f.message, /in a \.env file/);
    });
  });

  describe('AWS secret access keys', () => {
    it('reports one named as an AWS secret near Twilio code', () => {
      const { secret } = awsPair();
      const text = `import twilio from 'twilio';\nconst s3 = new S3({ region: 'us-east-1', secretAccessKey: '${secret}' });\n`;
      const [f, ...rest] = others(scanText(text, { path: 'src/recordings.ts' }));
      assert.deepStrictEqual(rest, []);
      assert.strictEqual(f.kind, 'aws-secret-access-key');
      assert.strictEqual(text.slice(f.range.start, f.range.end), secret);
      assert.strictEqual(f.severity, 'warning');
      assert.match(f.message, /AWS secret access key/);
      assert.strictEqual(f.redacted, `…${secret.slice(-4)}`);
      assert.deepStrictEqual(f.evidence, ['name:aws-secret', 'twilio:near']);
      assert.strictEqual(f.fix.envVar, 'AWS_SECRET_ACCESS_KEY');
    });

    it('reports one given as Twilio takes AWS credentials: ACCESS_KEY_ID:SECRET', () => {
      const { id, secret } = awsPair();
      const text = `await client.accounts.v1.credentials.aws.create({ credentials: '${id}:${secret}', friendlyName: 'recordings' });\n// twilio`;
      const found = others(scanText(text, { path: 'scripts/setup.js' }));
      assert.deepStrictEqual(found.map((f) => [f.kind, f.evidence[0]]), [['aws-secret-access-key', 'aws-key-id-nearby']]);
    });

    it('reports one in a .env beside Twilio variables, at information severity', () => {
      const { id, secret } = awsPair();
      const text = `TWILIO_ACCOUNT_SID=${fakeAccountSid()}\nAWS_ACCESS_KEY_ID=${id}\nAWS_SECRET_ACCESS_KEY=${secret}\n`;
      const found = others(scanText(text, { path: '.env' }));
      assert.strictEqual(found.length, 1);
      assert.strictEqual(found[0].severity, 'information');
    });

    it('says nothing without a name or key id, without Twilio context, or for hashes and examples', () => {
      const { secret } = awsPair();
      const cases = [
        `// twilio\nconst value = '${secret}';`, // a neutral name, no key id
        `const s3 = new S3({ secretAccessKey: '${secret}' });`, // no Twilio context
        `// twilio\naws_secret_access_key = ${'0123456789abcdef'.repeat(3).slice(0, 40)}`, // a hex digest
        `// twilio\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`, // AWS's documented example
        `// twilio\naws_secret_access_key = ${secret}x`, // 41 characters: something else
        `// twilio\naws_secret_access_key = ${secret}=`, // base64 with padding
        `// twilio\naws_secret_access_key = path/${secret}`, // inside a path
      ];
      for (const t of cases) assert.deepStrictEqual(others(scanText(t, { path: 'a.py' })), [], t);
    });

    it('a Twilio-shaped run inside the AWS secret is part of it, not a second finding', () => {
      // 40 characters whose first 32 are letters and digits: the Twilio engine sees a candidate there.
      let secret: string;
      do secret = `${fakeKeySecret()}/${fakeKeySecret().slice(0, 7)}`;
      while (!/[a-z]/.test(secret) || !/[A-Z]/.test(secret) || !/[0-9]/.test(secret));
      const text = `// twilio\nAWS_SECRET = '${secret}'\n`;
      const all = scanText(text, { path: 'settings.py' });
      assert.deepStrictEqual(all.map((f) => f.kind), ['aws-secret-access-key']);
    });
  });

  it('an ignore comment or the ignore file silences them like any finding', () => {
    const key = fakeFcmLegacyServerKey();
    const text = `// twilio\nconst k = '${key}'; // twilio-credentials-ignore\n`;
    assert.deepStrictEqual(others(scanText(text, { path: 'a.js' })), []);
    const plain = `// twilio\nconst k = '${key}';\n`;
    assert.deepStrictEqual(others(scanText(plain, { path: 'a.js', ignoreFingerprints: new Set([fingerprint(key)]) })), []);
  });

  it('the prefilter lets a file holding one through, as text or bytes', () => {
    const key = fakeFcmLegacyServerKey().replace(/[A-Za-z0-9]{30,}/g, (run) => run.slice(0, 20) + '-' + run.slice(21));
    const text = `// twilio\nconst k = '${key}';\n`;
    assert.ok(mightContainOtherCredential(text));
    assert.ok(mightContainSecret(Buffer.from(text)));
    assert.ok(!mightContainOtherCredential(Buffer.from('nothing to see here, only words and numbers 12345')));
  });

  it('finds hits in text order and never throws on hostile input', () => {
    const { secret } = awsPair();
    const key = fakeFcmLegacyServerKey();
    const text = `twilio\nfcm = '${key}'\naws_secret_access_key='${secret}'\n`;
    assert.deepStrictEqual(findOtherCredentials(text).map((h) => h.kind), ['fcm-server-key', 'aws-secret-access-key']);
    for (const t of ['APA91b', ':APA91b' + 'A'.repeat(500), 'AAAA:APA91b', 'aws'.repeat(1000), 'AKIA'.repeat(100) + '/'.repeat(40)]) findOtherCredentials(t);
  });
});
