// Which name a value has: the operator before it, a command-line flag, an XML tag, and the entry of
// a key/value list it belongs to (Postman, Kubernetes, Terraform). Mutation testing (issue 21)
// showed these could be widened or dropped unnoticed: the tests named values `authToken`, which
// the line's words find anyway, and never put a credential name in a neighbouring entry. Here the
// names are plain credential words ("password", "PASS") in a file that mentions Twilio, so only the
// rule under test can name the value.
import * as assert from 'node:assert/strict';
import { Values, findings, secrets, token } from './helpers';

const v = new Values(2190);

/** The secret findings of `text`, with the evidence that named them. */
function judged(text: string, path: string) {
  return findings(text, { path }).filter((f) => f.isSecret);
}

describe('the name before a value', () => {
  it('a command-line flag names the value after it (`--password <token>`); a flag that says nothing does not', () => {
    const t = v.token(), t2 = v.token();
    assert.deepEqual(secrets(`#!/bin/sh\n# send an SMS with Twilio\n./send --password ${t}\n`, { path: 'send.sh' }), [token(t)]);
    assert.deepEqual(secrets(`#!/bin/sh\n# send an SMS with Twilio\n./send --level ${t2}\n`, { path: 'send.sh' }), []);
  });

  it('Ruby\'s `||=` assigns a default: `ENV[\'PASS\'] ||= \'<token>\'` is reported', () => {
    const t = v.token();
    assert.deepEqual(secrets(`# Twilio settings\nENV['PASS'] ||= '${t}'\n`, { path: 'config.rb' }), [token(t)]);
  });

  it('an XML element names its text: `<Password><token></Password>` is reported', () => {
    const t = v.token();
    assert.deepEqual(secrets(`<!-- Twilio -->\n<config>\n  <Password>${t}</Password>\n</config>\n`, { path: 'app.xml' }), [token(t)]);
  });

  it('Go\'s `:=` names the value: `pass := "<token>"` is reported', () => {
    const t = v.token();
    assert.deepEqual(secrets(`// Twilio client settings\npass := "${t}"\n`, { path: 'main.go' }), [token(t)]);
  });

  it('in an argument list the argument before does not name the value (`send(password, <token>)`): the call decides', () => {
    const t = v.token();
    assert.deepEqual(secrets(`// Twilio\nsend(password, '${t}');\n`, { path: 'a.js' }), []);
  });

  it('`require( "twilio" )(sid, <token>)` is a Twilio client call, spaces and all', () => {
    const t = v.token();
    assert.deepEqual(secrets(`const client = require( "twilio" )(sid, '${t}');\n`, { path: 'a.js' }), [token(t)]);
  });
});

describe('the entry of a key/value list a value belongs to', () => {
  const postman = 'twilio.postman_environment.json';

  it('a Postman entry\'s value is named by its own key', () => {
    const t = v.token();
    assert.deepEqual(secrets(`{"name": "Twilio", "values": [{"key": "password", "value": "${t}"}]}\n`, { path: postman }), [token(t)]);
  });

  it('the entry before does not name a value (its `}` ends it): a build id after a password entry is not reported', () => {
    const t = v.token();
    const text = `{"name": "Twilio", "values": [{"key": "password", "value": "x"}, {"value": "${t}", "key": "build_id"}]}\n`;
    assert.deepEqual(secrets(text, { path: postman }), []);
  });

  it('the entry after does not name a value (its `{` starts another)', () => {
    const t = v.token();
    const text = `{"name": "Twilio", "values": [{"value": "${t}"}, {"key": "password", "value": "x"}]}\n`;
    for (const f of judged(text, postman)) assert.ok(!f.evidence.some((e) => e.includes('password')), f.evidence.join(' '));
  });

  it('a Kubernetes list item is its own entry: the item above or below does not name the value', () => {
    const t = v.token(), t2 = v.token(), t3 = v.token();
    assert.deepEqual(secrets(`# Twilio\nenv:\n  - name: password\n    value: ${t}\n`, { path: 'deploy.yml' }), [token(t)]);
    assert.deepEqual(secrets(`# Twilio\nenv:\n  - name: password\n    value: x\n  - value: ${t2}\n`, { path: 'deploy.yml' }), []);
    assert.deepEqual(secrets(`# Twilio\nenv:\n  - value: ${t3}\n  - name: password\n    value: x\n`, { path: 'deploy.yml' }), []);
  });

  it('an entry\'s name is looked for at most 4 lines above its value and 3 lines below', () => {
    const lines = (n: number, sep: string) => Array.from({ length: n }, (_, i) => `  k${i}${sep}${i}\n`).join('');
    const above = (n: number, t: string) => `# Twilio\nenv:\n  name: password\n${lines(n, ': ')}  value: ${t}\n`;
    const below = (n: number, t: string) => `# Twilio\nset {\n  value = "${t}"\n${lines(n, ' = ')}  name = "password"\n}\n`;
    const [a3, a4, b2, b3] = [v.token(), v.token(), v.token(), v.token()];
    assert.equal(judged(above(3, a3), 'deploy.yml').length, 1, 'the name 4 lines above');
    assert.deepEqual(judged(above(4, a4), 'deploy.yml'), [], 'the name 5 lines above');
    assert.deepEqual(secrets(below(2, b2), { path: 'main.tf' }), [token(b2)], 'the name 3 lines below');
    assert.deepEqual(secrets(below(3, b3), { path: 'main.tf' }), [], 'the name 4 lines below');
  });
});

describe('the call and the string literal around a value (what the quick fixes rewrite)', () => {
  it('a requests `auth=(sid, <token>)` tuple in a Twilio script is a credential, spaces or not; `auth == (…)` compares, it names nothing', () => {
    const [t, t2, t3] = [v.token(), v.token(), v.token()];
    assert.deepEqual(secrets(`# Twilio\nimport requests\nrequests.get(url, auth=(sid, '${t}'))\n`, { path: 'a.py' }), [token(t)]);
    assert.deepEqual(secrets(`# Twilio\nimport requests\nrequests.get(url, auth = (sid, '${t2}'))\n`, { path: 'b.py' }), [token(t2)]);
    assert.deepEqual(secrets(`# Twilio\nif auth == (sid, '${t3}'): pass\n`, { path: 'c.py' }), []);
  });

  it('a value inside a longer string: the literal to replace is that string, not one closed earlier on the line', () => {
    const t = v.token();
    const src = `const twilio = require('twilio');\nconst authToken = 'x' + 'pre ${t} post';\n`;
    const [f] = judged(src, 'a.js');
    const lit = f.fix.stringLiteral!;
    assert.equal(lit.valueOnly, false);
    assert.equal(src.slice(lit.range.start, lit.range.end), `'pre ${t} post'`);
  });

  it('a client call with a third argument keeps its arguments; with two they can go', () => {
    const [t, t2] = [v.token(), v.token()];
    const three = judged(`const twilio = require('twilio');\nconst client = twilio(sid, '${t}', { region: 'ie1' });\n`, 'a.js')[0].fix.twilioCall!;
    assert.equal(three.argumentCount, 3);
    assert.equal(three.canDropArguments, false);
    const two = judged(`const twilio = require('twilio');\nconst client = twilio( sid , '${t2}' );\n`, 'b.js')[0].fix.twilioCall!;
    assert.equal(two.argumentCount, 2);
    assert.equal(two.canDropArguments, true);
  });
});
