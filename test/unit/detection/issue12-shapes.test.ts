// Leak shapes found in real public code that the rules missed (issue 12): key/value lists, base64
// basic auth, generic names whose Twilio context is the path or a sibling key, and comments that
// name the token. Written apart from the corpus templates, with their own near misses.
import * as assert from 'assert';
import { fingerprint, mightContainSecret, scanText } from '../../../src/core/detection';
import { Values, keySecret, secrets, token } from './helpers';

const b64 = (s: string): string => Buffer.from(s, 'latin1').toString('base64');

describe('issue 12: key/value lists', () => {
  const v = new Values(1212);

  it('Postman basic auth list: the name is in the sibling "key" on the line above, the SID far away or absent', () => {
    const t = v.token();
    const src = `{\n  "url": "https://api.twilio.com/2010-04-01/Accounts.json",\n  "basic": [\n    {\n      "key": "password",\n      "value": "${t}",\n      "type": "string"\n    }\n  ]\n}`;
    assert.deepStrictEqual(secrets(src, { path: 'c.postman_collection.json' }), [token(t)]);
  });

  it('the name may follow the value ({"value": …, "key": …})', () => {
    const t = v.token();
    const src = `{"url": "https://api.twilio.com/"}\n[{\n  "value": "${t}",\n  "key": "authToken"\n}]`;
    assert.deepStrictEqual(secrets(src, { path: 'env.json' }), [token(t)]);
  });

  it('Kubernetes env list, ECS environment, Terraform set blocks, CloudFormation parameters', () => {
    const t = v.token(), s = v.secret(), t2 = v.token(), t3 = v.token();
    assert.deepStrictEqual(secrets(`env:\n  - name: LOG_LEVEL\n    value: info\n  - name: TWILIO_AUTH_TOKEN\n    value: ${t}\n`, { path: 'd.yaml' }), [token(t)]);
    assert.deepStrictEqual(secrets(`[\n  {\n    "name": "TWILIO_API_SECRET",\n    "value": "${s}"\n  }\n]`, { path: 'task.json' }), [keySecret(s)]);
    assert.deepStrictEqual(secrets(`set_sensitive {\n  name  = "twilio.authToken"\n  value = "${t2}"\n}`, { path: 'main.tf' }), [token(t2)]);
    assert.deepStrictEqual(secrets(`- ParameterKey: TwilioAuthToken\n  ParameterValue: ${t3}\n`, { path: 'stack.yaml' }), [token(t3)]);
  });

  it('an entry named by another service, a hash or an id is not a Twilio secret, even beside an Account SID', () => {
    const src = `env:\n  - name: TWILIO_ACCOUNT_SID\n    value: ${v.accountSid()}\n  - name: GITHUB_TOKEN\n    value: ${v.token()}\n  - name: BUILD_SHA\n    value: "${v.token()}"\n  - name: REQUEST_ID\n    value: "${v.token()}"\n`;
    assert.deepStrictEqual(secrets(src, { path: 'd.yaml' }), []);
    const tf = `resource "helm_release" "twilio" {\n  set {\n    name  = "image.digest"\n    value = "${v.token()}"\n  }\n}`;
    assert.deepStrictEqual(secrets(tf, { path: 'main.tf' }), []);
  });

  it('a generic entry name (password) needs Twilio somewhere in the file', () => {
    const entry = (t: string) => `{\n  "key": "password",\n  "value": "${t}"\n}`;
    assert.deepStrictEqual(secrets(`{"url": "https://api.example.com"}\n${entry(v.token())}`, { path: 'c.json' }), []);
    const t = v.token();
    assert.deepStrictEqual(secrets(`{"url": "https://api.twilio.com"}\n${entry(t)}`, { path: 'c.json' }), [token(t)]);
  });

  it('the entry does not reach past its own bracket or list item', () => {
    // The "key": "password" belongs to the previous object; this value's entry has no name.
    const src = `https://api.twilio.com\n[{"key": "password", "value": "x"}, {"value": "${v.token()}", "type": "string"}]`;
    assert.deepStrictEqual(secrets(src, { path: 'c.json' }), []);
  });
});

describe('issue 12: base64 Authorization: Basic values', () => {
  const v = new Values(1213);

  it('finds the Auth Token in `Basic base64(AC…:token)`, reported at the base64 value with the token\'s fingerprint', () => {
    const sid = v.accountSid(), t = v.token();
    const value = b64(`${sid}:${t}`);
    for (const [path, src] of [
      ['req.http', `POST https://api.twilio.com/2010-04-01/Accounts/${sid}/Messages.json\nAuthorization: Basic ${value}\n`],
      ['send.sh', `curl -H "Authorization: Basic ${value}" -d Body=hi "$URL"`],
      ['a.js', `const headers = { Authorization: 'Basic ${value}' };`],
      ['a.py', `headers = {"authorization": "basic ${value}"}`],
    ] as const) {
      const found = scanText(src, { path }).filter((f) => f.isSecret);
      assert.strictEqual(found.length, 1, path);
      const f = found[0];
      assert.strictEqual(f.kind, 'twilio-auth-token');
      assert.strictEqual(src.slice(f.range.start, f.range.end), value, 'the range is the base64 value');
      assert.strictEqual(f.fingerprint, fingerprint(t), 'a baseline or ignore entry for the token matches');
      assert.strictEqual(f.redacted, '…' + t.slice(-4));
      assert.strictEqual(f.fix.encoding, 'base64');
      assert.strictEqual(f.fix.stringLiteral, undefined, 'no "replace the literal" fix for an encoded value');
      assert.ok(!JSON.stringify(f).includes(t.slice(0, 28)) && !JSON.stringify(f).includes(value), 'never shows the value or its encoding');
      assert.ok(mightContainSecret(Buffer.from(src)), 'the byte prefilter lets it through');
    }
  });

  it('an API key pair (SK…:secret) is an API key secret; a live one is an error', () => {
    const s = v.secret();
    const src = `headers = {"Authorization": "Basic ${b64(`${v.keySid()}:${s}`)}"}`;
    const [f] = scanText(src, { path: 'a.py', knownSecretFingerprints: new Set([fingerprint(s)]) });
    assert.strictEqual(f.kind, 'twilio-api-key-secret');
    assert.strictEqual(f.severity, 'error');
  });

  it('other users, placeholders, other lengths and URL-safe or glued base64 are not reported', () => {
    const sid = v.accountSid();
    for (const pair of [`admin:${v.token()}`, `${sid}:${'x'.repeat(32)}`, `${sid}:${v.token()}0`, `${sid}:${v.secret()}`, `${sid}:${v.token().toUpperCase()}`]) {
      assert.deepStrictEqual(secrets(`Authorization: Basic ${b64(pair)}`, { path: 'r.http' }), [], pair);
    }
    const value = b64(`${sid}:${v.token()}`);
    assert.deepStrictEqual(secrets(`data: "A${value}"`, { path: 'x.json' }), [], 'glued to more base64');
    assert.deepStrictEqual(secrets(`data: "${value}AAAA"`, { path: 'x.json' }), [], 'padding in the middle');
  });

  it('the ignore comment and ignore fingerprints apply', () => {
    const t = v.token();
    const line = `Authorization: Basic ${b64(`${v.accountSid()}:${t}`)}`;
    assert.deepStrictEqual(secrets(`${line}  # twilio-credentials-ignore`, { path: 'r.http' }), []);
    assert.deepStrictEqual(secrets(line, { path: 'r.http', ignoreFingerprints: new Set([fingerprint(t)]) }), []);
  });
});

describe('issue 12: generic names with the Twilio context in the path or a sibling', () => {
  const v = new Values(1214);

  it('the file\'s name or folder says Twilio: config/twilio.yml, twilio.properties, twilio/credentials.json', () => {
    for (const path of ['config/twilio.yml', 'src/main/resources/twilio.properties', 'config/twilio/credentials.json', 'TwilioConfig.yml']) {
      const t = v.token();
      assert.deepStrictEqual(secrets(`production:\n  token: ${t}\n`, { path }), [token(t)], path);
    }
  });

  it('a path naming Twilio higher up (the checkout folder) is not context', () => {
    assert.deepStrictEqual(secrets(`production:\n  token: ${v.token()}\n`, { path: 'twilio-app/config/settings.yml' }), []);
  });

  it('a sender number or another Twilio SID as a sibling key', () => {
    const t1 = v.token(), t2 = v.token();
    assert.deepStrictEqual(secrets(`sms:\n  from: '+15017122661'\n  token: ${t1}\n`, { path: 'config/notify.yml' }), [token(t1)]);
    assert.deepStrictEqual(secrets(`[sms]\nservice = ${v.sid('MG')}\nauth = ${t2}\n`, { path: 'messaging.ini' }), [token(t2)]);
  });

  it('near misses: names of other services, hashes and ids, alphanumeric passwords, no context', () => {
    assert.deepStrictEqual(secrets(`build:\n  checksum: ${v.token()}\n  request_id: ${v.token()}\n`, { path: 'config/twilio.yml' }), []);
    assert.deepStrictEqual(secrets(`db.password=${v.secret()}\ngithub.token=${v.token()}\n`, { path: 'twilio.properties' }), []);
    assert.deepStrictEqual(secrets(`sms:\n  from: '+15017122661'\n  github_token: ${v.token()}\n  password: ${v.secret()}\n`, { path: 'config/sms.yml' }), []);
    assert.deepStrictEqual(secrets(`production:\n  token: ${v.token()}\n`, { path: 'config/database.yml' }), []);
    assert.deepStrictEqual(secrets(`token: ${v.token()}\nport: 15017122661\n`, { path: 'config/app.yml' }), [], 'a number that is not a sender');
  });
});

describe('issue 12: comments that name the token', () => {
  const v = new Values(1215);

  it('the words before the value are prose, not a key name', () => {
    const t1 = v.token(), t2 = v.token(), s = v.secret();
    assert.deepStrictEqual(secrets(`# twilio auth token for the staging account: ${t1}\nSTAGE = 1`, { path: 'a.py' }), [token(t1)]);
    assert.deepStrictEqual(secrets(`x = 1; // Twilio auth token (prod): ${t2}`, { path: 'a.js' }), [token(t2)]);
    assert.deepStrictEqual(secrets(`<!-- twilio api secret for the video key = ${s} -->`, { path: 'a.html' }), [keySecret(s)]);
  });

  it('a value alone on the comment line under the one that names it', () => {
    const t = v.token();
    assert.deepStrictEqual(secrets(`# Twilio auth token for the old account\n# ${t}\n`, { path: 'notes.sh' }), [token(t)]);
  });

  it('near misses: hashes of the token, other services\' tokens, commits', () => {
    const src = `from twilio.rest import Client\n# sha256 of the twilio auth token for staging: ${v.token()}\n# github token for the staging account: ${v.token()}\n# twilio auth token rotated in commit ${v.token()}\n`;
    assert.deepStrictEqual(secrets(src, { path: 'a.py' }), []);
  });
});
