import * as assert from 'assert';
import { Values, findings, keySecret, secrets, token } from './helpers';

describe('Python', () => {
  const v = new Values(202);
  const py = { path: 'app/sms.py' };

  it('finds a token passed to Client(sid, token)', () => {
    const t = v.token();
    const src = `from twilio.rest import Client\n\nclient = Client("${v.accountSid()}", "${t}")\n`;
    assert.deepStrictEqual(secrets(src, py), [token(t)]);
  });

  it('offers Client() as the fix when the call passes only the credentials', () => {
    const t = v.token();
    const src = `from twilio.rest import Client\nclient = Client(account_sid, "${t}")`;
    const [f] = findings(src, py).filter((x) => x.isSecret);
    assert.strictEqual(f.fix.twilioCall?.canDropArguments, true);
    assert.strictEqual(f.fix.envLookup, 'os.environ["TWILIO_AUTH_TOKEN"]');
  });

  it('finds a token in a multi-line constructor call', () => {
    const t = v.token();
    const src = `client = Client(\n    "${v.accountSid()}",\n    "${t}",\n)\n`;
    assert.deepStrictEqual(secrets(src, py), [token(t)]);
  });

  it('finds keyword arguments and module constants', () => {
    const t = v.token(), t2 = v.token();
    const src = `TWILIO_AUTH_TOKEN = '${t}'\nclient = Client(username=sid, password="${t2}")\n`;
    assert.deepStrictEqual(secrets(src, py), [token(t), token(t2)]);
  });

  it('finds a token given to RequestValidator', () => {
    const t = v.token();
    const src = `from twilio.request_validator import RequestValidator\nvalidator = RequestValidator('${t}')\n`;
    assert.deepStrictEqual(secrets(src, py), [token(t)]);
  });

  it('finds an API key secret for AccessToken', () => {
    const s = v.secret();
    const src = `token = AccessToken(account_sid, "${v.keySid()}", "${s}", identity=identity)`;
    assert.deepStrictEqual(secrets(src, py), [keySecret(s)]);
  });

  it('finds basic auth tuples for requests', () => {
    const t = v.token();
    const src = `requests.post(url, data=body, auth=("${v.accountSid()}", "${t}"))`;
    assert.deepStrictEqual(secrets(src, py), [token(t)]);
  });

  it('ignores os.environ lookups and hashlib digests', () => {
    const src = [
      'client = Client(os.environ["TWILIO_ACCOUNT_SID"], os.environ["TWILIO_AUTH_TOKEN"])',
      `assert hashlib.md5(body).hexdigest() == "${v.token()}"`,
      `EXPECTED_SHA = "${v.token()}"`,
    ].join('\n');
    assert.deepStrictEqual(secrets(src, py), []);
  });

  it('does not take a 32-hex inside a Message SID for a token', () => {
    const src = `message = client.messages("${v.sid('SM')}").fetch()\ncall = client.calls("${v.sid('CA')}")`;
    assert.deepStrictEqual(secrets(src, py), []);
  });
});
