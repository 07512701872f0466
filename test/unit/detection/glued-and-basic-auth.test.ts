// Two vetoes and one vouch of the judge (rules.ts) that mutation testing (issue 21) showed
// unpinned: a value glued into a longer word, a path or base64 is data, not a credential, even
// with an Account SID right above it; and the password of a basic-auth pair is a credential only
// when the user, the host or the file says Twilio.
import * as assert from 'node:assert/strict';
import { Values, findings, secrets, token } from './helpers';

const v = new Values(2191);

describe('a value glued into a word, a path or base64 is not reported, even beside an Account SID', () => {
  const sid = v.accountSid();
  const inFile = (value: string) => `const sid = "${sid}";\nconst v = ${value};\n`;

  it('the same value on its own is reported (the control)', () => {
    const t = v.token();
    assert.deepEqual(secrets(inFile(`"${t}"`), { path: 'a.js' }), [token(t)]);
  });

  for (const [where, wrap] of [
    ['after a word and a dash (`cache-…`)', (t: string) => `"cache-${t}"`],
    ['before a dash and a word (`…-v2`)', (t: string) => `"${t}-v2"`],
    ['after a word and a dot (`main.…`)', (t: string) => `"main.${t}"`],
    ['before a file extension (`….json`)', (t: string) => `"${t}.json"`],
    ['inside a path (`/files/…/x`)', (t: string) => `"/files/${t}/x"`],
    ['at the end of a path (`/files/…`)', (t: string) => `"/files/${t}"`],
    ['in base64 (`…+abc`)', (t: string) => `"${t}+abc"`],
    ['before base64 padding (`…==`)', (t: string) => `"${t}=="`],
  ] as const) {
    it(where, () => {
      assert.deepEqual(secrets(inFile(wrap(v.token())), { path: 'a.js' }), []);
    });
  }

  it('but `AC…/<token>` is a SID and its token written as a pair', () => {
    const t = v.token();
    assert.deepEqual(secrets(inFile(`"${v.accountSid()}/${t}"`), { path: 'a.js' }), [token(t)]);
  });
});

describe('the password of a basic-auth pair', () => {
  it('is reported when the user names a SID (`curl -u "$ACCOUNT_SID:<token>"`), in a file that never says Twilio', () => {
    const t = v.token();
    assert.deepEqual(secrets(`curl -u "$ACCOUNT_SID:${t}" https://example.test/\n`, { path: 'a.sh' }), [token(t)]);
  });

  it('is reported when the host is Twilio\'s', () => {
    const t = v.token();
    assert.deepEqual(secrets(`const url = "https://admin:${t}@api.twilio.com/";\n`, { path: 'a.js' }), [token(t)]);
  });

  it('is reported after curl\'s `-u` or `--user`, quoted or not, when the host is Twilio\'s', () => {
    for (const flag of ['-u ', '--user ', "-u '", '--user "']) {
      const t = v.token();
      const quote = flag.endsWith("'") ? "'" : flag.endsWith('"') ? '"' : '';
      const line = `curl ${flag}admin:${t}${quote} https://api.twilio.com/2010-04-01/Accounts.json\n`;
      assert.deepEqual(secrets(line, { path: 'a.sh' }), [token(t)], line);
    }
  });

  it('is not reported for another user and host in a file that never says Twilio', () => {
    assert.deepEqual(secrets(`curl -u "admin:${v.token()}" https://example.test/\n`, { path: 'a.sh' }), []);
    assert.deepEqual(secrets(`const url = "https://admin:${v.token()}@example.test/";\n`, { path: 'a.js' }), []);
    assert.deepEqual(secrets(`auth = "username:${v.token()}"\n`, { path: 'a.py' }), []);
  });
});

describe('a possible finding says what it rests on', () => {
  const possible = (text: string, path: string) => findings(text, { path }).filter((f) => f.isSecret && f.confidence === 'low');

  it('an Account SID near it', () => {
    const [f] = possible(`const sid = "${v.accountSid()}";\nconst v = "${v.token()}";\n`, 'a.js');
    assert.match(f.message, /: an Account SID is written near it$/);
  });

  it('its name, in a file that mentions Twilio', () => {
    const [f] = possible(`// twilio\n\n\n\n\n\n\nconst password = "${v.token()}";\n`, 'a.js');
    assert.match(f.message, /: its name says it is a credential and the file mentions Twilio$/);
  });

  it('the word Twilio on its line', () => {
    const [f] = possible(`const client = twilio(sid, ['${v.token()}']);\n`, 'a.js');
    assert.match(f.message, /: Twilio is mentioned near it$/);
  });
});
