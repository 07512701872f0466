// Issue 18: the judge combines evidence instead of matching shapes. One behaviour a user would
// name per test, for each kind of evidence and counter-evidence, with generated values.
import * as assert from 'assert';
import { Finding, fingerprint, scanBytes, scanText } from '../../../src/core/detection';
import { Values, keySecret, secrets, token } from './helpers';

/** The secret findings of `text` with their confidence, compactly. */
function judged(text: string, path: string): { kind: string; value: string; confidence: string; severity: string }[] {
  return scanText(text, { path })
    .filter((f) => f.isSecret)
    .map((f) => ({ kind: f.kind, value: text.slice(f.range.start, f.range.end), confidence: f.confidence, severity: f.severity }));
}

function only(text: string, path: string): Finding {
  const found = scanText(text, { path }).filter((f) => f.isSecret);
  assert.strictEqual(found.length, 1, JSON.stringify(found.map((f) => [f.kind, f.evidence])));
  return found[0];
}

describe('evidence: a SID written beside the value', () => {
  const v = new Values(1801);

  it('an Account SID and a token as a pair in a comment of any syntax is an Auth Token, whatever separates them', () => {
    for (const [path, line] of [
      ['a.sql', (s: string, t: string) => `-- prod ${s} ${t}`],
      ['a.m', (s: string, t: string) => `% ${s}, ${t}`],
      ['a.vb', (s: string, t: string) => `' ${s} | ${t}`],
      ['run.bat', (s: string, t: string) => `REM ${s} / ${t}`],
      ['a.hs', (s: string, t: string) => `{- ${s}; ${t} -}`],
      ['a.lua', (s: string, t: string) => `--[[ ${s}\t${t} ]]`],
    ] as const) {
      const t = v.token();
      assert.deepStrictEqual(secrets(`${line(v.accountSid(), t)}\nx = 1\n`, { path }), [token(t)], path);
    }
  });

  it('an API key SID beside a mixed-case value is an API key secret', () => {
    const s = v.secret();
    assert.deepStrictEqual(secrets(`// video key ${v.keySid()} ${s}\n`, { path: 'a.js' }), [keySecret(s)]);
  });

  it('a pair is confident (warning), not a "possible" finding', () => {
    const f = only(`# ${v.accountSid()} ${v.token()}\n`, 'notes.py');
    assert.strictEqual(f.confidence, 'high');
    assert.strictEqual(f.severity, 'warning');
    assert.ok(f.evidence.includes('sid-pair:AC'), f.evidence.join());
  });

  it('a note with the SID on one line and the token alone on the next is a pair', () => {
    const t = v.token();
    assert.deepStrictEqual(secrets(`${v.accountSid()}\n${t}\n`, { path: 'creds.txt' }), [token(t)]);
  });

  it('a tuple, a hash keyed by the SID, a path segment after the SID are pairs', () => {
    const t1 = v.token(), t2 = v.token(), t3 = v.token();
    assert.deepStrictEqual(secrets(`ACCOUNTS = [('${v.accountSid()}', '${t1}')]`, { path: 'a.py' }), [token(t1)]);
    assert.deepStrictEqual(secrets(`CREDS = { '${v.accountSid()}' => '${t2}' }`, { path: 'a.rb' }), [token(t2)]);
    assert.deepStrictEqual(secrets(`INFO sending via ${v.accountSid()}/${t3}\n`, { path: 'server.log' }), [token(t3)]);
  });

  it('not a pair: a word between the SID and the value (a log line\'s request hash)', () => {
    assert.deepStrictEqual(secrets(`2024-05-01T10:00:00Z INFO [${v.accountSid()}] request ${v.token()} done\n`, { path: 'app.log' }), []);
  });

  it('a bare word in a log line is not a credential for a SID and the word Twilio on its line alone', () => {
    assert.deepStrictEqual(secrets(`2024-05-01 twilio-webhook ${v.accountSid()} POST ${v.token()} 200\n`, { path: 'access.log' }), []);
    const t = v.token();
    assert.deepStrictEqual(secrets(`2024-05-01 twilio-webhook ${v.accountSid()} token ${t} 200\n`, { path: 'access.log' }), [token(t)]);
  });

  it('not a pair: another Twilio SID (a message SID) beside a value', () => {
    assert.deepStrictEqual(secrets(`# ${v.sid('SM')} ${v.token()}\n`, { path: 'a.py' }), []);
  });
});

describe('evidence: a table\'s header names the column', () => {
  const v = new Values(1802);

  it('a CSV row under a header naming the column is found, with a comma, a semicolon or a tab', () => {
    for (const [path, d] of [['accounts.csv', ','], ['accounts.csv', ';'], ['accounts.tsv', '\t']] as const) {
      const t = v.token();
      const src = `name${d}account_sid${d}auth_token${d}phone\nprod${d}${v.accountSid()}${d}${t}${d}+15005550006\n`;
      assert.deepStrictEqual(secrets(src, { path }), [token(t)], JSON.stringify(d));
    }
  });

  it('a CSV column header that names a credential finds a value with no SID anywhere', () => {
    const t = v.token();
    assert.deepStrictEqual(secrets(`user,twilio_token\nbob,"${t}"\n`, { path: 'users.csv' }), [token(t)]);
  });

  it('a checksum or id column is data, even beside an Account SID', () => {
    assert.deepStrictEqual(secrets(`account_sid,checksum\n${v.accountSid()},${v.token()}\n`, { path: 'sums.csv' }), []);
    assert.deepStrictEqual(secrets(`account_sid,request_id\n${v.accountSid()},${v.token()}\n`, { path: 'log.csv' }), []);
  });

  it('a Markdown table: the header names the column, or the row\'s first cell when the header says Value', () => {
    const t1 = v.token(), t2 = v.token();
    assert.deepStrictEqual(secrets(`| Account | Auth Token |\n|---|---|\n| main | ${t1} |\n`, { path: 'README.md' }), [token(t1)]);
    assert.deepStrictEqual(secrets(`| Variable | Value |\n|---|---|\n| TWILIO_AUTH_TOKEN | \`${t2}\` |\n`, { path: 'docs/setup.md' }), [token(t2)]);
  });

  it('a Markdown table of digests is data', () => {
    assert.deepStrictEqual(secrets(`| SID | MD5 |\n|---|---|\n| ${v.accountSid()} | ${v.token()} |\n`, { path: 'a.md' }), []);
  });
});

describe('evidence: a SID in the same block or file, weighed by distance', () => {
  const v = new Values(1803);

  it('a value under a name that says nothing, in the block of an Account SID, is a possible Auth Token (information)', () => {
    const t = v.token();
    const src = `{\n  "backup": {\n    "a": "${v.accountSid()}",\n    "b": "${t}"\n  }\n}\n`;
    assert.deepStrictEqual(judged(src, 'config.json'), [{ kind: 'twilio-auth-token', value: t, confidence: 'low', severity: 'information' }]);
  });

  it('a possible finding says so and why, and never shows the value', () => {
    const t = v.token();
    const f = only(`sid = "${v.accountSid()}"\nb = "${t}"\n`, 'app.py');
    assert.strictEqual(f.message, `Possible Twilio Auth Token (…${t.slice(-4)}): an Account SID is written near it`);
    assert.ok(!f.message.includes(t.slice(0, 8)));
  });

  it('a credential name with an Account SID 30 lines away is confident; the same value with no name is not reported', () => {
    const filler = Array.from({ length: 30 }, (_, i) => `x${i} = ${i}`).join('\n');
    const t = v.token();
    assert.deepStrictEqual(secrets(`SID = '${v.accountSid()}'\n${filler}\nSECRET = '${t}'\n`, { path: 'a.py' }), [token(t)]);
    assert.deepStrictEqual(secrets(`SID = '${v.accountSid()}'\n${filler}\nB = '${v.token()}'\n`, { path: 'a.py' }), []);
  });

  it('a SID more than 64 KB away says nothing about a value', () => {
    const far = `# ${'padding '.repeat(9000)}\n`;
    assert.deepStrictEqual(secrets(`SID = '${v.accountSid()}'\n${far}SECRET = '${v.token()}'\n`, { path: 'a.py' }), []);
  });

  it('a name that says something else (request, color, cache_key) beside a SID is not reported', () => {
    for (const name of ['request', 'color', 'cache_key', 'user_agent']) {
      assert.deepStrictEqual(secrets(`sid = "${v.accountSid()}"\n${name} = "${v.token()}"\n`, { path: 'a.py' }), [], name);
    }
  });

  it('an alphanumeric value beside an Account SID needs a credential word; beside an API key SID it does not', () => {
    assert.deepStrictEqual(secrets(`sid = "${v.accountSid()}"\nb = "${v.secret()}"\n`, { path: 'a.py' }), []);
    const s1 = v.secret(), s2 = v.secret();
    assert.deepStrictEqual(secrets(`sid = "${v.accountSid()}"\npassword = "${s1}"\n`, { path: 'a.py' }), [keySecret(s1)]);
    assert.deepStrictEqual(secrets(`key = "${v.keySid()}"\nb = "${s2}"\n`, { path: 'a.py' }), [keySecret(s2)]);
  });
});

describe('evidence: the block a value sits in', () => {
  const v = new Values(1804);

  it('a plain name inside a twilio block (YAML, INI, JSON, TOML) is Twilio\'s, with no SID needed', () => {
    for (const [path, make] of [
      ['config/app.yml', (t: string) => `services:\n  twilio:\n    key: ${t}\n`],
      ['settings.ini', (t: string) => `[twilio]\nkey = ${t}\n`],
      ['settings.json', (t: string) => `{\n  "twilio": {\n    "key": "${t}"\n  }\n}\n`],
      ['pyproject.toml', (t: string) => `[tool.twilio]\nsecret = "${t}"\n`],
    ] as const) {
      const t = v.token();
      const f = only(make(t), path);
      assert.strictEqual(f.confidence, 'high', path);
      assert.ok(f.evidence.some((e) => e.startsWith('block:')), `${path}: ${f.evidence.join()}`);
    }
  });

  it('a checksums block is data, whatever the names inside say', () => {
    assert.deepStrictEqual(secrets(`twilio:\n  checksums:\n    token: ${v.token()}\n`, { path: 'build.yml' }), []);
  });
});

describe('evidence: names and labels in other languages', () => {
  const v = new Values(1805);

  it('a note labelled in Spanish, Portuguese, German, French, Italian, Chinese, Japanese, Korean or Russian names a Twilio token', () => {
    for (const label of [
      'Token de Twilio:', 'Senha do Twilio:', 'Twilio Passwort:', 'Twilio Kennwort =', 'mot de passe Twilio :', 'jeton Twilio:',
      'Twilio segreto:', 'Twilio 令牌：', 'Twilio 密钥', 'Twilio トークン:', 'Twilio 토큰:', 'токен Twilio:', 'пароль Twilio -',
    ]) {
      const t = v.token();
      assert.deepStrictEqual(secrets(`${label} ${t}\n`, { path: 'notas.txt' }), [token(t)], label);
    }
  });

  it('a credential word in another language with a SID beside it (senha, clave, Passwort, пароль)', () => {
    for (const word of ['senha', 'clave', 'Passwort', 'пароль', 'contraseña']) {
      const t = v.token();
      assert.deepStrictEqual(secrets(`cuenta: ${v.accountSid()}\n${word}: ${t}\n`, { path: 'notes.txt' }), [token(t)], word);
    }
  });

  it('a labelled log line in another language', () => {
    const t = v.token();
    assert.deepStrictEqual(secrets(`2024-01-01 12:00:00 INFO clave de twilio = ${t}\n`, { path: 'app.log' }), [token(t)]);
  });

  it('hash words in other languages keep a value out (Prüfsumme, hachage, 哈希, хеш)', () => {
    for (const label of ['Prüfsumme Twilio:', 'hachage twilio :', 'Twilio 哈希:', 'хеш Twilio:']) {
      assert.deepStrictEqual(secrets(`${label} ${v.token()}\n`, { path: 'notes.txt' }), [], label);
    }
  });
});

describe('evidence: escaped strings are read as the text they hold', () => {
  const v = new Values(1806);

  it('a notebook cell: the comment on the source line above names a value alone on its line', () => {
    const t = v.token();
    const src = `{"cells": [{"cell_type": "code", "source": [\n    "# Twilio auth token\\n",\n    "# ${t}\\n",\n    "print(1)"\n]}]}`;
    assert.deepStrictEqual(secrets(src, { path: 'n.ipynb' }), [token(t)]);
  });

  it('JSON inside JSON, escaped once or twice, still names the value', () => {
    const t1 = v.token(), t2 = v.token();
    assert.deepStrictEqual(secrets(`{"config": "{\\"twilio\\": {\\"authToken\\": \\"${t1}\\"}}"}`, { path: 'x.json' }), [token(t1)]);
    assert.deepStrictEqual(secrets(`{"body": "{\\\\\\"token\\\\\\": \\\\\\"${t2}\\\\\\", \\\\\\"sid\\\\\\": \\\\\\"${v.accountSid()}\\\\\\"}"}`, { path: 'x.json' }), [token(t2)]);
  });

  it('an env file held in a JSON string: the name after an escaped newline is the whole name', () => {
    const t = v.token();
    const src = `{"env": "TWILIO_ACCOUNT_SID=${v.accountSid()}\\nTWILIO_AUTH_TOKEN=${t}\\n"}`;
    const f = only(src, 'task.json');
    assert.strictEqual(f.fix.assignedTo, 'TWILIO_AUTH_TOKEN');
  });

  it('escaped newlines separate lines: a SID ten escaped lines up is not on the value\'s line', () => {
    const lines = Array.from({ length: 10 }, (_, i) => `x${i}=${i}`).join('\\n');
    const src = `{"text": "sid ${v.accountSid()}\\n${lines}\\nb=${v.token()}"}`;
    assert.deepStrictEqual(secrets(src, { path: 'x.json' }), []);
  });
});

describe('evidence: calls of the SDKs', () => {
  const v = new Values(1807);

  it('a variable a Twilio client is built from holds its credential, whatever its name says', () => {
    const t = v.token();
    const src = `ACCOUNT_SID = "${v.accountSid()}"\nAPI_KEY = "${t}"\nclient = Client(ACCOUNT_SID, API_KEY)\n`;
    const f = only(src, 'app.py');
    assert.strictEqual(f.kind, 'twilio-auth-token');
    assert.strictEqual(f.confidence, 'high');
    assert.ok(f.evidence.includes('flow:Client'), f.evidence.join());
  });

  it('the third argument of AccessToken is an API key secret', () => {
    const s = v.secret();
    const src = `const twilio = require('twilio');\nconst k = '${s}';\nnew twilio.jwt.AccessToken(sid, keySid, k, { identity });\n`;
    assert.deepStrictEqual(secrets(src, { path: 'token.js' }), [keySecret(s)]);
  });

  it('a variable given to another library\'s client is not Twilio\'s', () => {
    const src = `import twilio\nx = "${v.token()}"\nr = redis.Client(host, x)\nm = MongoClient(uri, x)\n`;
    assert.deepStrictEqual(secrets(src, { path: 'app.py' }), []);
  });

  it('another service\'s client or init call is that service\'s, even in a file about Twilio', () => {
    const src = `import twilio from 'twilio';\nmixpanel.init('${v.token()}');\nconst r = new redis.Client('${v.token()}');\n`;
    assert.deepStrictEqual(secrets(src, { path: 'app.js' }), []);
    const t = v.token();
    assert.deepStrictEqual(secrets(`import twilio from 'twilio';\nconst c = new Client('${t}');\n`, { path: 'app.js' }), [token(t)]);
  });

  it('a call\'s first argument names its second: an environment default or a setter', () => {
    const t1 = v.token(), t2 = v.token();
    assert.deepStrictEqual(secrets(`token = os.getenv("TWILIO_AUTH_TOKEN", "${t1}")`, { path: 'a.py' }), [token(t1)]);
    assert.deepStrictEqual(secrets(`props.setProperty("twilio.auth.token", "${t2}");`, { path: 'A.java' }), [token(t2)]);
  });
});

describe('evidence: which credential it is', () => {
  const v = new Values(1808);

  it('a 32-hex value under an API key name is an Auth Token; a mixed-case one an API key secret', () => {
    const t = v.token(), s = v.secret();
    assert.deepStrictEqual(secrets(`TWILIO_ACCOUNT_SID = "${v.accountSid()}"\nTWILIO_API_KEY = "${t}"\n`, { path: 'a.py' }), [token(t)]);
    assert.deepStrictEqual(secrets(`TWILIO_ACCOUNT_SID = "${v.accountSid()}"\nTWILIO_API_KEY = "${s}"\n`, { path: 'a.py' }), [keySecret(s)]);
  });

  it('a mixed-case value under an Auth Token name is an API key secret', () => {
    const s = v.secret();
    assert.deepStrictEqual(secrets(`import twilio\nTWILIO_AUTH_TOKEN = "${s}"\n`, { path: 'a.py' }), [keySecret(s)]);
  });

  it('a 32-hex value nearer an API key SID than an Account SID is an API key secret', () => {
    const t = v.token();
    const src = `account = "${v.accountSid()}"\n\n\n\nkey = "${v.keySid()}"\nsecret = "${t}"\n`;
    assert.deepStrictEqual(secrets(src, { path: 'a.py' }), [keySecret(t)]);
  });
});

describe('counter-evidence keeps precision', () => {
  const v = new Values(1809);

  it('a name or a label naming another service is that service\'s (GitHub token:, sendGridKey, weatherToken)', () => {
    assert.deepStrictEqual(secrets(`twilio project\nGitHub token: ${v.token()}\n`, { path: 'notes.txt' }), []);
    assert.deepStrictEqual(secrets(`sid = "${v.accountSid()}"\nsendGridKey = "${v.secret()}"\nweatherToken = "${v.token()}"\n`, { path: 'a.js' }), []);
  });

  it('api_key beside a SID: another API\'s in a file that calls one, a possible Twilio token otherwise', () => {
    const other = `from twilio.rest import Client\nURL = "https://api.openweathermap.org/data/2.5/weather"\naccount_sid = "${v.accountSid()}"\napi_key = "${v.token()}"\n`;
    assert.deepStrictEqual(secrets(other, { path: 'main.py' }), []);
    const t = v.token();
    assert.deepStrictEqual(judged(`from twilio.rest import Client\naccount_sid = "${v.accountSid()}"\napi_key = "${t}"\n`, 'main.py').map((f) => [f.value, f.confidence]), [[t, 'low']]);
  });

  it('a value with no credential name beside a SID is left out in a file that calls another API', () => {
    const src = `from twilio.rest import Client\nkey = "${v.token()}"\nurl = "https://api.openweathermap.org/data/2.5/weather"\nsid = "${v.accountSid()}"\n`;
    assert.deepStrictEqual(secrets(src, { path: 'main.py' }), []);
  });

  it('a web framework\'s SECRET_KEY is not a Twilio secret, unless an API key SID is beside it', () => {
    assert.deepStrictEqual(secrets(`from twilio.rest import Client\napp.config['SECRET_KEY'] = '${v.token()}'\nSECRET_KEY = '${v.token()}'\nACCOUNT_SID = '${v.accountSid()}'\n`, { path: 'app.py' }), []);
    const s = v.secret();
    assert.deepStrictEqual(secrets(`from twilio.jwt.access_token import AccessToken\napi_key = "${v.keySid()}"\nsecret_key = "${s}"\n`, { path: 'video.py' }), [keySecret(s)]);
  });

  it('OAuth client secrets, app secrets and webhook verify tokens beside a SID are other services\'', () => {
    const src = `import twilio\nclient_secret = '${v.token()}'\napp_secret = '${v.token()}'\nverify_token = '${v.token()}'\naccount_sid = '${v.accountSid()}'\n`;
    assert.deepStrictEqual(secrets(src, { path: 'bot.py' }), []);
  });

  it('a checksum list line (<hex>  file.tar.gz) is data, even after other lines', () => {
    const src = `// ${v.accountSid()}\nprint(1)\n${v.token()}  twilio-cli-5.0.0.tar.gz\n`;
    assert.deepStrictEqual(secrets(src, { path: 'SHA256SUMS' }), []);
  });

  it('words of code before a value are not a label; a 32-character identifier is not a secret', () => {
    const src = `// twilio\nfunction f(params *CreateSipCredentialListMappingParams) (*ApiV2010SipCredentialListMapping, error) {}\n`;
    assert.deepStrictEqual(secrets(src, { path: 'model.go' }), []);
  });

  it('a word inside a sentence in quotes is not written as a value (a message body beside SIDs)', () => {
    const src = `{"sid": "${v.sid('SM')}", "account_sid": "${v.accountSid()}", "body": "your code ${v.token()}"}`;
    assert.deepStrictEqual(secrets(src, { path: 'message.json' }), []);
  });
});

describe('weak evidence: a lower severity, never silence', () => {
  const v = new Values(1810);
  const weak = (t: string) => `sid = "${v.accountSid()}"\nb = "${t}"\n`;

  it('information in a source file, hint in a test file', () => {
    assert.strictEqual(only(weak(v.token()), 'app.py').severity, 'information');
    assert.strictEqual(only(weak(v.token()), 'tests/test_app.py').severity, 'hint');
  });

  it('a live secret is an error whatever the evidence', () => {
    const t = v.token();
    const [f] = scanText(weak(t), { path: 'app.py', knownSecretFingerprints: new Set([fingerprint(t)]) }).filter((x) => x.isSecret);
    assert.strictEqual(f.confidence, 'low');
    assert.strictEqual(f.severity, 'error');
    assert.strictEqual(f.message, `Hardcoded Twilio Auth Token (…${t.slice(-4)}): this is a live credential, rotate it`);
  });

  it('a confident finding is high; a SID is reported as high too', () => {
    const found = scanText(`auth_token = "${v.token()}"\nsid = "${v.accountSid()}"\n`, { path: 'a.py' });
    assert.deepStrictEqual(found.map((f) => [f.kind, f.confidence]), [['twilio-auth-token', 'high'], ['twilio-account-sid', 'high']]);
  });
});

describe('one judgement for the editor, the CLI and git', () => {
  const v = new Values(1811);

  it('scanBytes (CLI, workspace scan, staged files) reports what scanText (the editor) reports, weak findings included', () => {
    const src = `{\n  "backup": {"a": "${v.accountSid()}", "b": "${v.token()}"}\n}\n# ${v.accountSid()} ${v.token()}\n`;
    const fromText = scanText(src, { path: 'cfg/creds.json' });
    const fromBytes = scanBytes(Buffer.from(src), 'cfg/creds.json', { maxFileSize: 1 << 20 });
    assert.ok(Array.isArray(fromBytes));
    assert.deepStrictEqual(fromBytes, fromText);
    assert.ok(fromText.some((f) => f.confidence === 'low'));
  });

  it('the editor\'s language id does not change how a file with a path is read', () => {
    const t = v.token();
    const src = `name,account_sid,auth_token\nprod,${v.accountSid()},${t}\n`;
    assert.deepStrictEqual(scanText(src, { path: 'data.csv', languageId: 'plaintext' }), scanText(src, { path: 'data.csv' }));
  });
});
