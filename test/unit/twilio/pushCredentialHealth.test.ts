// Which push credentials no longer deliver, and the Firebase service-account file that replaces them.
import * as assert from 'assert';
import { assessPushCredential, isLegacyFcmServerKey, LEGACY_FCM_SHUTDOWN, readFcmServiceAccount } from '../../../src/core/twilio/pushCredentialHealth';
import { fakeFcmLegacyServerKey, fakeGoogleApiKey, fakeServiceAccountJson } from '../../support/fakeCredentials';

describe('Twilio API: push credentials that no longer work', function () {
  this.timeout(20_000); // RSA key generation for service-account files

  it('flags every gcm credential as broken, with what to do', () => {
    const v = assessPushCredential({ type: 'gcm', dateUpdated: new Date() });
    assert.strictEqual(v.status, 'broken');
    assert.ok(v.status === 'broken' && /GCM/.test(v.message) && /Create an FCM credential/.test(v.fix));
  });

  it('suspects an FCM credential whose secret was last set before Google turned legacy server keys off', () => {
    const before = new Date(LEGACY_FCM_SHUTDOWN.getTime() - 1000);
    const v = assessPushCredential({ type: 'fcm', dateUpdated: before });
    assert.ok(v.status === 'suspect' && /service-account JSON/.test(v.message) && /Service accounts/.test(v.fix));
    assert.strictEqual(assessPushCredential({ type: 'fcm', dateUpdated: LEGACY_FCM_SHUTDOWN }).status, 'ok');
    assert.strictEqual(assessPushCredential({ type: 'fcm' }).status, 'ok', 'no date, no guess');
    assert.strictEqual(assessPushCredential({ type: 'apn', dateUpdated: new Date(2015, 0, 1) }).status, 'ok');
  });

  it('knows a legacy FCM server key and a GCM API key by their shape', () => {
    assert.ok(isLegacyFcmServerKey(fakeFcmLegacyServerKey()));
    assert.ok(isLegacyFcmServerKey(` ${fakeGoogleApiKey()}\n`));
    assert.ok(!isLegacyFcmServerKey(fakeServiceAccountJson()));
    assert.ok(!isLegacyFcmServerKey('AAAA:APA91b'));
  });

  it('reads a service-account file: project and client e-mail, and the text to send', () => {
    const text = fakeServiceAccountJson('my-app-1234');
    const read = readFcmServiceAccount(`\n${text}\n`);
    assert.ok(read.ok);
    assert.deepStrictEqual([read.projectId, read.json], ['my-app-1234', text]);
    assert.match(read.clientEmail, /@my-app-1234\.iam\.gserviceaccount\.com$/);
  });

  it('refuses a legacy server key and anything that is no service-account file, never quoting it', () => {
    const legacy = fakeFcmLegacyServerKey();
    const key = readFcmServiceAccount(legacy);
    assert.ok(!key.ok && key.legacyServerKey && /legacy FCM server key/.test(key.reason) && !key.reason.includes(legacy));
    const good = JSON.parse(fakeServiceAccountJson()) as Record<string, unknown>;
    const variants = [
      '',
      'not json',
      '[]',
      JSON.stringify({ ...good, type: 'authorized_user' }),
      JSON.stringify({ ...good, project_id: 'X' }),
      JSON.stringify({ ...good, client_email: 'someone@gmail.com' }),
      JSON.stringify({ ...good, private_key: '' }),
      JSON.stringify({ ...good, pad: 'x'.repeat(70_000) }),
    ];
    const reasons = variants.map((t) => {
      const r = readFcmServiceAccount(t);
      assert.ok(!r.ok && !r.legacyServerKey, t.slice(0, 30));
      assert.ok(!r.reason.includes(String(good.private_key_id)));
      return r.reason;
    });
    assert.strictEqual(new Set(reasons).size, reasons.length - 1, 'each problem has its own message (an array and another JSON "type" share one)');
  });
});
