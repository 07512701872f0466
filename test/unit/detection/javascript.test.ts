import * as assert from 'assert';
import { Values, keySecret, secrets, token, findings } from './helpers';

describe('JavaScript and TypeScript', () => {
  const v = new Values(101);
  const js = { path: 'src/send.js' };
  const ts = { path: 'src/send.ts' };

  it('finds an Auth Token assigned to authToken next to an Account SID', () => {
    const t = v.token();
    const src = `const accountSid = '${v.accountSid()}';\nconst authToken = '${t}';\nconst client = require('twilio')(accountSid, authToken);\n`;
    assert.deepStrictEqual(secrets(src, js), [token(t)]);
  });

  it('finds a token passed straight to twilio(), and reports the whole argument list for the fix', () => {
    const sid = v.accountSid(), t = v.token();
    const src = `import twilio from 'twilio';\nconst client = twilio('${sid}', '${t}');\n`;
    const [f] = findings(src, ts).filter((x) => x.isSecret);
    assert.strictEqual(f.kind, 'twilio-auth-token');
    const call = f.fix.twilioCall!;
    assert.ok(call, 'twilio call context');
    assert.strictEqual(src.slice(call.argumentsRange.start, call.argumentsRange.end), `('${sid}', '${t}')`);
    assert.strictEqual(src.slice(call.range.start, call.range.end), `twilio('${sid}', '${t}')`);
    assert.strictEqual(call.canDropArguments, true);
  });

  it('finds a token given to new Twilio(...) with a SID in a variable', () => {
    const t = v.token();
    const src = `const { Twilio } = require('twilio');\nconst client = new Twilio(process.env.SID, '${t}');`;
    const [f] = findings(src, js).filter((x) => x.isSecret);
    assert.strictEqual(f.fix.twilioCall?.callee, 'new Twilio');
  });

  it('finds a token given to twilio.validateRequest', () => {
    const t = v.token();
    const src = `const ok = twilio.validateRequest('${t}', req.header('X-Twilio-Signature'), url, req.body);`;
    assert.deepStrictEqual(secrets(src, js), [token(t)]);
  });

  it('finds a hardcoded fallback after an environment lookup', () => {
    const t = v.token();
    const src = `const authToken = process.env.TWILIO_AUTH_TOKEN || '${t}';`;
    assert.deepStrictEqual(secrets(src, js), [token(t)]);
  });

  it('finds an API key secret in an AccessToken(accountSid, keySid, secret) call', () => {
    const s = v.secret();
    const src = `const at = new AccessToken('${v.accountSid()}', '${v.keySid()}', '${s}', { identity: 'alice' });`;
    assert.deepStrictEqual(secrets(src, ts), [keySecret(s)]);
  });

  it('finds an API key secret in an object literal', () => {
    const s = v.secret();
    const src = `export const config = {\n  apiKey: '${v.keySid()}',\n  apiSecret: '${s}',\n};`;
    assert.deepStrictEqual(secrets(src, ts), [keySecret(s)]);
  });

  it('finds credentials in minified code on one very long line', () => {
    const t = v.token();
    const filler = 'function a(b){return b+1}var c=a(2);'.repeat(3000);
    const src = `${filler}var e={accountSid:"${v.accountSid()}",authToken:"${t}"};${filler}`;
    assert.deepStrictEqual(secrets(src, { path: 'dist/app.min.js' }), [token(t)]);
  });

  it('reads no secret in environment lookups and templates', () => {
    const src = [
      'const client = twilio(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);',
      'const token = `${authToken}`;',
      "const url = 'https://api.twilio.com/2010-04-01/Accounts/{{ account_sid }}/Messages.json';",
    ].join('\n');
    assert.deepStrictEqual(secrets(src, js), []);
  });

  it('does not report a hash, a cache key or an id near a SID', () => {
    const sid = v.accountSid();
    const src = [
      `const accountSid = '${sid}';`,
      `const fileMd5 = '${v.token()}';`,
      `const requestId = '${v.token()}';`,
      `const hash = crypto.createHash('md5').update(x).digest('hex'); // e.g. ${v.token()}`,
    ].join('\n');
    assert.deepStrictEqual(secrets(src, js), []);
  });

  it('does not report a hex value with no Twilio context', () => {
    const src = `const color = '${v.token()}';\nconst x = '${v.token()}';\n`;
    assert.deepStrictEqual(secrets(src, js), []);
  });
});
