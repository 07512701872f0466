import * as assert from 'assert';
import { Values, findings, secrets } from './helpers';

describe('hard negatives: what is not a Twilio secret', () => {
  const v = new Values(606);
  const sid = v.accountSid();

  it('placeholders: your_auth_token, xxxx…, ACaaaa…, 0000…, sequences, <token>', () => {
    const src = [
      "const accountSid = 'ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';",
      "const authToken = 'your_auth_token';",
      "const authToken2 = 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';",
      "const authToken3 = '00000000000000000000000000000000';",
      "const authToken4 = '0123456789abcdef0123456789abcdef';", // placeholder: a sequential run, must not be reported
      "const authToken5 = '12345678901234567890123456789012';", // fake placeholder: a counting run
      "const authToken6 = 'abababababababababababababababab';", // fake placeholder: a repeated pair
      "const authToken7 = '<token>';",
      "const apiSecret = 'YourTwilioApiSecretGoesHere12345';",
      "TWILIO_ACCOUNT_SID=AC00000000000000000000000000000000",
    ].join('\n');
    assert.deepStrictEqual(findings(src, { path: 'a.js' }), []);
  });

  it('templates and environment lookups in every language', () => {
    const src = [
      'auth_token: ${TWILIO_AUTH_TOKEN}',
      'auth_token: "{{ twilio_auth_token }}"',
      'const authToken = process.env.TWILIO_AUTH_TOKEN;',
      'auth_token = os.environ["TWILIO_AUTH_TOKEN"]',
      "auth_token = ENV['TWILIO_AUTH_TOKEN']",
      "$authToken = getenv('TWILIO_AUTH_TOKEN');",
      'authToken := os.Getenv("TWILIO_AUTH_TOKEN")',
    ].join('\n');
    assert.deepStrictEqual(secrets(src, { path: 'a.txt' }), []);
  });

  it('hashes next to a SID: md5/sha names, integrity=, sha256 fields, checksums', () => {
    const src = [
      `account_sid = "${sid}"`,
      `md5 = "${v.token()}"`,
      `file_sha256: ${v.token()}`,
      `<script src="https://cdn/x.js" integrity="sha256-${v.secret()}" crossorigin></script>`,
      `checksum ${v.token()}  twilio.tar.gz`,
      `digest: md5:${v.token()}`,
      `"etag": "${v.token()}"`,
    ].join('\n');
    assert.deepStrictEqual(secrets(src, { path: 'build.yml' }), []);
  });

  it('UUIDs with and without dashes under id names', () => {
    const u = v.token();
    const dashed = `${u.slice(0, 8)}-${u.slice(8, 12)}-${u.slice(12, 16)}-${u.slice(16, 20)}-${u.slice(20)}`;
    const src = `account_sid: ${sid}\nrequest_id: ${dashed}\ncorrelationId: ${v.token()}\nguid = "${v.token()}"`;
    assert.deepStrictEqual(secrets(src, { path: 'log.yml' }), []);
  });

  it('git SHAs (40 hex) and SHA-256 digests (64 hex) are not tokens', () => {
    const sha1 = v.token() + v.token().slice(0, 8);
    const sha256 = v.token() + v.token();
    const src = `twilio_auth_token_commit = ${sha1}\nauth_token = ${sha256}\n# ${sid} ${sha1}`;
    assert.deepStrictEqual(secrets(src, { path: 'a.txt' }), []);
  });

  it('other Twilio SIDs (SM, CA, PN, MG…) are neither tokens nor reported SIDs', () => {
    const src = ['SM', 'CA', 'PN', 'MG', 'RE', 'IS', 'PA'].map((p) => `sid = "${v.sid(p)}"  # auth token`).join('\n');
    assert.deepStrictEqual(findings(src, { path: 'a.py' }), []);
  });

  it('values glued into file names, paths, prefixed ids and base64', () => {
    const src = [
      `const accountSid = '${sid}';`,
      `import chunk from './static/${v.token()}.js';`,
      `const url = '/media/${v.token()}/thumb';`,
      `const k = 'tok_${v.token()}';`,
      `const blob = '${v.secret()}+${v.secret()}/${v.secret()}==';`,
      `const cacheKey = 'v2-${v.token()}';`,
    ].join('\n');
    assert.deepStrictEqual(secrets(src, { path: 'a.js' }), []);
  });

  it('lockfiles are skipped by name', () => {
    const src = `"twilio": {\n  "authToken": "${v.token()}",\n  "integrity": "sha512-${v.secret()}"\n}`;
    for (const path of ['package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'sub/dir/Gemfile.lock', 'composer.lock', 'poetry.lock', 'Cargo.lock']) {
      assert.deepStrictEqual(findings(src, { path }), [], path);
    }
  });

  it('generic names (token, password) without any Twilio context', () => {
    const src = `github_token = "${v.token()}"\npassword: ${v.token()}\nsecret = "${v.secret()}"`;
    assert.deepStrictEqual(secrets(src, { path: 'ci.yml' }), []);
  });

  it('32-letter identifiers are code, not API key secrets', () => {
    const src = `import twilio\napi_secret = loadTwilioSecretFromTheVaultNow\nclient = Client(getAccountSidFromTheEnvironmentXY, x)`;
    assert.deepStrictEqual(secrets(src, { path: 'a.py' }), []);
  });
});
