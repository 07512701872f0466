// Shapes that mutation testing (issue 21) showed the suite did not pin: each rule below could be
// switched off with every test still passing, because the tests named the value `authToken`,
// where a second check finds it anyway. Here the name is neutral or absent, so only the rule
// under test can vouch for the value. Any correct detector must report these.
import * as assert from 'assert';
import { Values, keySecret, secrets, token } from './helpers';

describe('issue 21: a SID beside the value, with no name', () => {
  const v = new Values(2121);

  it('a list holding an Account SID and a token reports the token', () => {
    const t = v.token();
    assert.deepStrictEqual(secrets(`const creds = ["${v.accountSid()}", "${t}"];\n`, { path: 'src/send.js' }), [token(t)]);
    const t2 = v.token();
    assert.deepStrictEqual(secrets(`creds = ('${v.accountSid()}', '${t2}')\n`, { path: 'send.py' }), [token(t2)]);
  });

  it('a list holding an API key SID and a secret reports an API key secret', () => {
    const s = v.secret();
    assert.deepStrictEqual(secrets(`const creds = ["${v.keySid()}", "${s}"];\n`, { path: 'src/send.js' }), [keySecret(s)]);
  });
});

describe('issue 21: assignments and fallbacks with a neutral name, in a file that mentions Twilio', () => {
  const v = new Values(2122);
  const twilioFile = (line: string) => `// Twilio SMS settings\nconst sms = require('twilio');\n${line}\n`;

  it('=> and -> separate a name from its value', () => {
    const t = v.token(), t2 = v.token();
    assert.deepStrictEqual(secrets(`<?php\n// Twilio settings\n$config = ['password' => '${t}'];\n`, { path: 'config.php' }), [token(t)]);
    assert.deepStrictEqual(secrets(`// Twilio settings\nval config = Map("password" -> "${t2}")\n`, { path: 'Config.scala' }), [token(t2)]);
  });

  it('|| and ?? fall back to a hardcoded value', () => {
    const t = v.token(), t2 = v.token();
    assert.deepStrictEqual(secrets(twilioFile(`const pass = process.env.PASS || '${t}';`), { path: 'src/a.js' }), [token(t)]);
    assert.deepStrictEqual(secrets(twilioFile(`const pass = process.env.PASS ?? '${t2}';`), { path: 'src/b.js' }), [token(t2)]);
  });

  it(':- falls back to a hardcoded value in a shell or compose file', () => {
    const t = v.token();
    assert.deepStrictEqual(secrets(`# Twilio webhook relay\nenvironment:\n  PASS: \${PASS:-${t}}\n`, { path: 'docker-compose.yml' }), [token(t)]);
    const t2 = v.token();
    assert.deepStrictEqual(secrets(`#!/bin/sh\n# send an SMS with twilio\ncurl -u "$SID:\${PASS:-${t2}}" https://example.test\n`, { path: 'send.sh' }), [token(t2)]);
  });
});

describe('issue 21: which secret a value is', () => {
  const v = new Values(2123);

  it('the password of a basic-auth pair is an API key secret when the user is an API key SID, an Auth Token when it is an Account SID', () => {
    const hexSecret = v.token(), t = v.token(), s = v.secret();
    assert.deepStrictEqual(secrets(`const url = "https://${v.keySid()}:${hexSecret}@api.twilio.com/2010-04-01";\n`, { path: 'a.js' }), [keySecret(hexSecret)]);
    assert.deepStrictEqual(secrets(`const url = "https://${v.accountSid()}:${t}@api.twilio.com/2010-04-01";\n`, { path: 'b.js' }), [token(t)]);
    assert.deepStrictEqual(secrets(`curl -u ${v.keySid()}:${s} https://api.twilio.com/2010-04-01/Accounts.json\n`, { path: 'c.sh' }), [keySecret(s)]);
  });

  it('the secret passed to AccessToken is an API key secret even when it looks like an Auth Token; the one passed to twilio() is an Auth Token', () => {
    const hexSecret = v.token(), t = v.token();
    assert.deepStrictEqual(secrets(`const twilio = require('twilio');\nconst at = new twilio.jwt.AccessToken(acc, key, '${hexSecret}');\n`, { path: 'a.js' }), [keySecret(hexSecret)]);
    assert.deepStrictEqual(secrets(`const twilio = require('twilio');\nconst client = twilio(acc, '${t}');\n`, { path: 'b.js' }), [token(t)]);
  });
});
