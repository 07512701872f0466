// Two pieces of the judge's weighing (rules.ts) that mutation testing (issue 21) showed unpinned:
// a value that flows into a Twilio client through a variable, and a file that also calls another
// API, whose keys an unnamed value is as likely to be.
import * as assert from 'node:assert/strict';
import { Values, keySecret, secrets, token } from './helpers';

const v = new Values(2192);

describe('a variable a Twilio client is built from holds a credential, whatever its name', () => {
  it('the token passed to twilio(sid, zz) through a variable is reported', () => {
    const t = v.token();
    assert.deepEqual(secrets(`const sid = "${v.accountSid()}";\nconst zz = "${t}";\nconst client = twilio(sid, zz);\n`, { path: 'a.js' }), [token(t)]);
  });

  it('the first argument of validateRequest is the Auth Token', () => {
    const t = v.token();
    assert.deepEqual(secrets(`const zz = "${t}";\nconst ok = twilio.validateRequest(zz, sig, url, params);\n`, { path: 'a.js' }), [token(t)]);
  });

  it('the third argument of AccessToken is an API key secret, even in hex', () => {
    const t = v.token();
    assert.deepEqual(secrets(`const twilio = require('twilio');\nconst zz = "${t}";\nconst at = new AccessToken(sid, keySid, zz);\n`, { path: 'a.js' }), [keySecret(t)]);
  });

  it('but a client\'s first argument is its account, not a credential', () => {
    assert.deepEqual(secrets(`const zz = "${v.token()}";\nconst client = new Client(zz);\n// twilio\n`, { path: 'a.js' }), []);
  });
});

describe('a file that also calls another API', () => {
  const weather = 'fetch("https://api.openweathermap.org/data");\n';

  it('an unnamed value beside an Account SID is a possible token; beside another API\'s call it is not reported', () => {
    const sid = v.accountSid();
    const t = v.token();
    assert.deepEqual(secrets(`const sid = "${sid}";\nconst v = "${t}";\n`, { path: 'a.js' }), [token(t)]);
    assert.deepEqual(secrets(`const sid = "${sid}";\n${weather}const v = "${v.token()}";\n`, { path: 'a.js' }), []);
  });

  it('`api_key` is some API\'s key: beside an Account SID a possible token, beside another API\'s call not reported', () => {
    const sid = v.accountSid();
    const t = v.token();
    assert.deepEqual(secrets(`const sid = "${sid}";\nconst api_key = "${t}";\n`, { path: 'a.js' }), [token(t)]);
    assert.deepEqual(secrets(`const sid = "${sid}";\n${weather}const api_key = "${v.token()}";\n`, { path: 'a.js' }), []);
  });
});

describe('how near an Account SID is, counted in lines', () => {
  it('six lines above an unnamed value makes it a possible token, with LF or CRLF line ends alike; seven is too far', () => {
    for (const eol of ['\n', '\r\n']) {
      const sid = v.accountSid(), t = v.token();
      assert.deepEqual(secrets(`const sid = "${sid}";${eol.repeat(6)}const v = "${t}";${eol}`, { path: 'a.js' }), [token(t)], JSON.stringify(eol));
      assert.deepEqual(secrets(`const sid = "${sid}";${eol.repeat(7)}const v = "${v.token()}";${eol}`, { path: 'a.js' }), [], JSON.stringify(eol));
    }
  });
});
