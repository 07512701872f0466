import * as assert from 'assert';
import { fingerprint, scanText } from '../../../src/core/detection';
import { Values } from './helpers';

describe('what a finding tells the editor', () => {
  const v = new Values(707);

  it('gives offsets and 0-based line/character positions of the value', () => {
    const t = v.token();
    const src = `// twilio\n\nconst authToken = '${t}';\n`;
    const [f] = scanText(src, { path: 'a.ts' });
    assert.strictEqual(src.slice(f.range.start, f.range.end), t);
    assert.deepStrictEqual(
      [f.range.startLine, f.range.startCharacter, f.range.endLine, f.range.endCharacter],
      [2, 19, 2, 51],
    );
  });

  it('never shows more than the last 4 characters of a secret', () => {
    const t = v.token();
    const [f] = scanText(`auth_token = "${t}"`, { path: 'a.py' });
    assert.strictEqual(f.message, `Hardcoded Twilio Auth Token (…${t.slice(-4)})`);
    assert.ok(!JSON.stringify(f).includes(t.slice(0, 8)), 'no prefix of the value anywhere in the finding');
  });

  it('identifies the value by a fingerprint, not the value', () => {
    const t = v.token();
    const [f] = scanText(`auth_token = "${t}"`, { path: 'a.py' });
    assert.strictEqual(f.fingerprint, fingerprint(t));
    assert.match(f.fingerprint, /^tc1:[0-9a-f]{16}$/);
  });

  it('names the environment variable, the variable and the string literal for a fix', () => {
    const t = v.token();
    const src = `const authToken = "${t}";`;
    const [f] = scanText(src, { path: 'a.ts' });
    assert.strictEqual(f.fix.envVar, 'TWILIO_AUTH_TOKEN');
    assert.strictEqual(f.fix.language, 'typescript');
    assert.strictEqual(f.fix.envLookup, 'process.env.TWILIO_AUTH_TOKEN');
    assert.strictEqual(f.fix.assignedTo, 'authToken');
    const lit = f.fix.stringLiteral!;
    assert.strictEqual(src.slice(lit.range.start, lit.range.end), `"${t}"`);
    assert.strictEqual(lit.valueOnly, true);
  });

  it('marks a literal that holds more than the value (a URL) as not replaceable whole', () => {
    const t = v.token();
    const src = `const url = 'https://${v.accountSid()}:${t}@api.twilio.com/x';`;
    const f = scanText(src, { path: 'a.js' }).find((x) => x.isSecret)!;
    assert.strictEqual(f.fix.stringLiteral?.valueOnly, false);
    assert.strictEqual(src.slice(f.fix.stringLiteral!.range.start, f.fix.stringLiteral!.range.end), src.slice(12, -1));
  });

  it('API key secrets point at TWILIO_API_SECRET; SIDs at TWILIO_ACCOUNT_SID / TWILIO_API_KEY', () => {
    const src = `TWILIO_ACCOUNT_SID=${v.accountSid()}\nTWILIO_API_KEY=${v.keySid()}\nTWILIO_API_SECRET=${v.secret()}\n`;
    const byKind = Object.fromEntries(scanText(src, { path: 'env.sh' }).map((f) => [f.kind, f.fix.envVar]));
    assert.deepStrictEqual(byKind, {
      'twilio-account-sid': 'TWILIO_ACCOUNT_SID',
      'twilio-api-key-sid': 'TWILIO_API_KEY',
      'twilio-api-key-secret': 'TWILIO_API_SECRET',
    });
  });

  it('reports SIDs as hints, with the SID shortened in the message', () => {
    const sid = v.accountSid();
    const [f] = scanText(`sid = "${sid}"`, { path: 'a.py' });
    assert.strictEqual(f.kind, 'twilio-account-sid');
    assert.strictEqual(f.isSecret, false);
    assert.strictEqual(f.severity, 'hint');
    assert.strictEqual(f.message, `Twilio Account SID (AC…${sid.slice(-4)})`);
  });

  it('handles CRLF line endings', () => {
    const t = v.token();
    const [f] = scanText(`a = 1\r\nauth_token = "${t}"\r\n`, { path: 'a.py' });
    assert.strictEqual(f.range.startLine, 1);
    assert.strictEqual(f.range.startCharacter, 14);
  });
});

describe('severity', () => {
  const v = new Values(708);
  const src = () => `TWILIO_AUTH_TOKEN=${v.token()}\n`;

  it('warns about a secret in source code', () => {
    assert.strictEqual(scanText(src(), { path: 'deploy/run.sh' })[0].severity, 'warning');
  });

  it('only informs about a secret in .env files, where secrets belong', () => {
    for (const path of ['.env', '.env.local', 'config/.env.production', 'prod.env']) {
      const [f] = scanText(src(), { path });
      assert.strictEqual(f.severity, 'information', path);
      assert.strictEqual(f.fileRole, 'env-file');
    }
  });

  it('treats .env.example / .sample / .template as committed files', () => {
    for (const path of ['.env.example', '.env.sample', '.env.template', 'example.env']) {
      assert.strictEqual(scanText(src(), { path })[0].severity, 'warning', path);
    }
  });

  it('lowers, but does not silence, secrets in tests and fixtures', () => {
    for (const path of ['test/send.test.ts', 'src/__tests__/a.js', 'lib/sms.spec.js', 'sms_test.go', 'tests/test_sms.py', 'spec/fixtures/creds.yml']) {
      const [f] = scanText(src(), { path });
      assert.strictEqual(f.severity, 'information', path);
      assert.strictEqual(f.fileRole, 'test', path);
    }
  });

  it('raises a live credential to an error and says so', () => {
    const t = v.token();
    const [f] = scanText(`TWILIO_AUTH_TOKEN=${t}`, { path: 'run.sh', knownSecretFingerprints: new Set([fingerprint(t)]) });
    assert.strictEqual(f.live, true);
    assert.strictEqual(f.severity, 'error');
    assert.match(f.message, /live credential/);
    const [g] = scanText(`TWILIO_AUTH_TOKEN=${t}`, { path: 'test/a.sh', knownSecretFingerprints: new Set([fingerprint(t)]) });
    assert.strictEqual(g.severity, 'error');
  });

  it('keeps a live credential in .env at information: that is where it should be', () => {
    const t = v.token();
    const [f] = scanText(`TWILIO_AUTH_TOKEN=${t}`, { path: '.env', knownSecretFingerprints: new Set([fingerprint(t)]) });
    assert.strictEqual(f.live, true);
    assert.strictEqual(f.severity, 'information');
  });
});
