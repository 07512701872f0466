// Shapes beyond the quickstarts: older SDK entry points, other config dialects, and decoys a
// reviewer would try. Written separately from the corpus templates to check the rules
// generalise rather than fit the corpus.
import * as assert from 'assert';
import { Values, keySecret, secrets, token } from './helpers';

describe('more credential shapes', () => {
  const v = new Values(1111);
  const cases: [string, string, (t: string, s: string) => string, 'token' | 'secret'][] = [
    ['old Python TwilioRestClient', 'a.py', (t) => `client = TwilioRestClient("${v.accountSid()}", "${t}")`, 'token'],
    ['Ruby RequestValidator', 'a.rb', (t) => `validator = Twilio::Security::RequestValidator.new('${t}')`, 'token'],
    ['Java TwilioRestClient.Builder, multi-line', 'A.java', (t) => `TwilioRestClient client = new TwilioRestClient.Builder(\n    ACCOUNT_SID,\n    "${t}"\n).build();`, 'token'],
    ['C# TwilioRestClient', 'A.cs', (t) => `var client = new TwilioRestClient(accountSid, "${t}");`, 'token'],
    ['Go request validator', 'a.go', (t) => `validator := client.NewRequestValidator("${t}")`, 'token'],
    ['PHP fully qualified client', 'a.php', (t) => `<?php $c = new \\Twilio\\Rest\\Client($sid, '${t}');`, 'token'],
    ['Swift labelled arguments', 'a.swift', (t) => `let client = TwilioClient(accountSid: sid, authToken: "${t}")`, 'token'],
    ['Dockerfile ENV without =', 'Dockerfile', (t) => `FROM node:20\nENV TWILIO_AUTH_TOKEN ${t}`, 'token'],
    ['PowerShell $env:', 'setup.ps1', (t) => `$env:TWILIO_AUTH_TOKEN = "${t}"`, 'token'],
    ['Heroku config:set', 'deploy.sh', (t) => `heroku config:set TWILIO_AUTH_TOKEN=${t}`, 'token'],
    ['Spring XML property', 'beans.xml', (t) => `<property name="authToken" value="${t}"/>`, 'token'],
    ['GitHub Action input', 'wf.yml', (t) => `    with:\n      auth-token: ${t}`, 'token'],
    ['Laravel env() default next to a SID', 'services.php', (t) => `<?php return ['twilio' => [\n  'sid' => env('TWILIO_SID', '${v.accountSid()}'),\n  'token' => env('TWILIO_TOKEN', '${t}'),\n]];`, 'token'],
    ['Python f-string URL', 'a.py', (t) => `url = f"https://{sid}:${t}@api.twilio.com/2010-04-01/Accounts.json"`, 'token'],
    ['curl with API key variable', 'a.sh', (_t, s) => `curl -u "\${TWILIO_API_KEY}:${s}" https://api.twilio.com/`, 'secret'],
    ['TWILIO_API_KEY_SECRET', '.env.example', (_t, s) => `TWILIO_API_KEY_SECRET=${s}`, 'secret'],
    ['Python Client with API key pair', 'a.py', (_t, s) => `from twilio.rest import Client\nclient = Client(os.environ["TWILIO_API_KEY"], "${s}", account_sid)`, 'secret'],
    ['Go struct field', 'a.go', (t) => `cfg := Config{AuthToken: "${t}"}`, 'token'],
  ];
  for (const [name, path, make, kind] of cases) {
    it(name, () => {
      const t = v.token(), s = v.secret();
      assert.deepStrictEqual(secrets(make(t, s), { path }), [kind === 'token' ? token(t) : keySecret(s)]);
    });
  }

  const decoys: [string, string, () => string][] = [
    ['a log line with a SID and a request hash', 'app.log', () => `2024-05-01T10:00:00Z INFO [${v.accountSid()}] request ${v.token()} completed in 35ms`],
    ['other services in a Twilio project', 'settings.py', () => `TWILIO_ACCOUNT_SID = "${v.accountSid()}"\nSENDGRID_API_KEY = "${v.secret()}"\nSESSION_TOKEN = "${v.token()}"\napi_key = "${v.token()}"`],
    ['hand-typed fake values', 'a.js', () => "// twilio\nconst authToken = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';\nconst apiSecret = '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d';"],
    ['a hashed token', 'a.py', () => `TWILIO_AUTH_TOKEN_MD5 = "${v.token()}"\nauth_token_sha = "${v.token()}"`],
    ['a Docker image digest', 'compose.yml', () => `image: twilio/app@sha256:${v.token()}${v.token()}`],
    ['a TOTP seed (upper case base32)', 'a.py', () => `import twilio\ntotp_secret = "${'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'}"`],
  ];
  for (const [name, path, make] of decoys) {
    it(`not: ${name}`, () => {
      assert.deepStrictEqual(secrets(make(), { path }), []);
    });
  }
});
