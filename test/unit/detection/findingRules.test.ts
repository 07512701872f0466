// The finding rules the CLI and the editor share, and how a file's bytes are judged before a scan.
import * as assert from 'node:assert/strict';
import {
  Finding, committedSeverity, failsCheck, isEnvFileSecret, isHardcodedSecret, nearestFirst, quieter, scanBytes, scanText, sniffEncoding, withPreferredSeverity,
} from '../../../src/core/detection';
import { Values } from './helpers';

const v = new Values(11);

describe('finding rules', () => {
  const token = v.token();
  const sid = v.accountSid();
  const code = scanText(`const accountSid = '${sid}';\nconst authToken = '${token}';\n`, { path: 'src/app.js' });
  const env = scanText(`TWILIO_ACCOUNT_SID=${sid}\nTWILIO_AUTH_TOKEN=${token}\n`, { path: '.env' });
  const secret = (list: Finding[]) => list.find((f) => f.isSecret)!;
  const sidOf = (list: Finding[]) => list.find((f) => !f.isSecret)!;

  it('a hardcoded secret fails a check; a SID never does', () => {
    assert.ok(isHardcodedSecret(secret(code)));
    assert.equal(failsCheck(secret(code), false), true);
    assert.equal(failsCheck(sidOf(code), false), false);
    assert.equal(failsCheck(sidOf(env), true), false);
  });

  it('a secret in an env file fails only once git commits the file', () => {
    assert.ok(isEnvFileSecret(secret(env)));
    assert.ok(!isHardcodedSecret(secret(env)));
    assert.equal(failsCheck(secret(env), false), false);
    assert.equal(failsCheck(secret(env), true), true);
  });

  it('the SID nearest a secret comes first', () => {
    const [near, far] = [v.keySid(), v.keySid()];
    const text = `api_key = "${far}"\n\n\n\n\n\n\n\n\napi_key = "${near}"\napi_secret = "${v.secret()}"\n`;
    const found = scanText(text, { path: 'app.py' });
    const s = found.find((f) => f.kind === 'twilio-api-key-secret')!;
    assert.ok(s, JSON.stringify(found.map((f) => f.kind)));
    const sids = nearestFirst(found, 'twilio-api-key-sid', s).map((f) => text.slice(f.range.start, f.range.end));
    assert.deepEqual(sids, [near, far]);
    assert.deepEqual(nearestFirst(found, 'twilio-account-sid', s), []);
  });
});

describe('a file\'s bytes, judged as the CLI and the workspace scan judge them', () => {
  const token = v.token();
  const text = `const authToken = '${token}';\n`;

  it('too large, binary and UTF-16 bytes are not scanned', () => {
    assert.equal(scanBytes(Buffer.from(text), 'a.js', { maxFileSize: 10 }), 'too-large');
    assert.equal(scanBytes(Buffer.concat([Buffer.from(text), Buffer.from([0, 1, 2])]), 'a.js', { maxFileSize: 1 << 20 }), 'binary');
    assert.equal(scanBytes(Buffer.from('\ufeff' + text, 'utf16le'), 'a.js', { maxFileSize: 1 << 20 }), 'utf16');
    assert.equal(sniffEncoding(Buffer.from(text, 'utf16le')), 'utf16', 'UTF-16 without a mark');
    assert.equal(sniffEncoding(Buffer.from(text)), undefined);
  });

  it('text bytes give the findings scanText gives, with the ignore and live fingerprints applied', () => {
    const found = scanBytes(Buffer.from(text), 'a.js', { maxFileSize: 1 << 20 });
    assert.ok(Array.isArray(found));
    assert.deepEqual(found, scanText(text, { path: 'a.js' }));
    const print = found[0].fingerprint;
    assert.deepEqual(scanBytes(Buffer.from(text), 'a.js', { maxFileSize: 1 << 20, ignoreFingerprints: new Set([print]) }), []);
    const live = scanBytes(Buffer.from(text), 'a.js', { maxFileSize: 1 << 20, knownSecretFingerprints: new Set([print]) });
    assert.ok(Array.isArray(live) && live[0].live);
    assert.deepEqual(scanBytes(Buffer.from('nothing to see here, nothing credential-shaped at all'), 'a.js', { maxFileSize: 1 << 20 }), []);
  });

  it('a byte-order mark is kept for the CLI\'s columns and dropped for the editor\'s document', () => {
    const bytes = Buffer.from('\ufeff' + text);
    const kept = scanBytes(bytes, 'a.js', { maxFileSize: 1 << 20 }) as Finding[];
    const dropped = scanBytes(bytes, 'a.js', { maxFileSize: 1 << 20, dropByteOrderMark: true }) as Finding[];
    assert.equal(kept[0].range.startCharacter, dropped[0].range.startCharacter + 1);
    assert.deepEqual(dropped, scanText(text, { path: 'a.js' }));
  });
});

describe('severity rules for weak evidence, shared by the editor and the CLI', () => {
  const w = new Values(12);
  const weakEnv = () => scanText(`# ${w.accountSid()}\nB=${w.token()}\n`, { path: '.env' }).find((f) => f.isSecret)!;
  const weakSource = () => scanText(`sid = "${w.accountSid()}"\nb = "${w.token()}"\n`, { path: 'app.py' }).find((f) => f.isSecret)!;
  const strongSource = () => scanText(`auth_token = "${w.token()}"\n`, { path: 'app.py' }).find((f) => f.isSecret)!;

  it('one step quieter, never below hint', () => {
    assert.deepEqual((['error', 'warning', 'information', 'hint'] as const).map(quieter), ['warning', 'information', 'hint', 'hint']);
  });

  it('a committed env file\'s secret: warning when confident, information on weak evidence, error when live', () => {
    const weak = weakEnv();
    assert.equal(weak.confidence, 'low');
    assert.equal(weak.severity, 'hint');
    assert.equal(committedSeverity(weak), 'information');
    const strong = scanText(`TWILIO_AUTH_TOKEN=${w.token()}\n`, { path: '.env' })[0];
    assert.equal(committedSeverity(strong), 'warning');
    assert.equal(committedSeverity({ ...strong, severity: 'error' }), 'error');
  });

  it('the user\'s chosen severity applies to confident source findings, one step quieter to weak ones, never to live or test ones', () => {
    assert.equal(withPreferredSeverity(strongSource(), 'error').severity, 'error');
    assert.equal(withPreferredSeverity(weakSource(), 'error').severity, 'warning');
    const live = { ...strongSource(), live: true, severity: 'error' as const };
    assert.equal(withPreferredSeverity(live, 'hint').severity, 'error');
    const test = { ...strongSource(), fileRole: 'test' as const };
    assert.equal(withPreferredSeverity(test, 'error').severity, test.severity);
  });

  it('a weak finding still fails a check: reported quieter, never silently passed', () => {
    assert.equal(failsCheck(weakSource(), false), true);
  });
});
