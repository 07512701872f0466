// The hardcoded-credential detector (src/core/detection) on hostile input: it returns on anything,
// every finding points at a credential-shaped value inside the text, never shows more than the
// last 4 characters of a secret, and a real credential is still found in 10 MB of garbage.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  type Finding, fingerprint, isPlaceholder, matchesAnyGlob, mightContainSecret, parseIgnoreFile, scanText,
} from '../../../src/core/detection';
import {
  anyHostileText, credentialShaped, decodedBytes, EOLS, hostileChar, hostileString, HUGE_INPUT_TIMEOUT_MS, joinLines, MB, nulString, PATHOLOGICAL,
  randomHex, runs, surrogateString, timed, unicodeString,
} from './hostile';

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint']);
const ALNUM_RUN = /^[A-Za-z0-9]+$/;

/** 0-based line and UTF-16 character of `offset`, lines broken at LF, CR LF and a lone CR, as in VS Code. */
function position(text: string, offset: number): [number, number] {
  let line = 0, lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return [line, offset - lineStart];
}

function checkRange(text: string, r: { start: number; end: number; startLine: number; startCharacter: number; endLine: number; endCharacter: number }): void {
  assert.ok(Number.isInteger(r.start) && Number.isInteger(r.end) && r.start >= 0 && r.start < r.end && r.end <= text.length, `range ${r.start}..${r.end}`);
  assert.deepEqual([r.startLine, r.startCharacter], position(text, r.start));
  assert.deepEqual([r.endLine, r.endCharacter], position(text, r.end));
}

/** What every finding must satisfy, whatever the input. */
function checkFindings(text: string, findings: Finding[]): void {
  assert.ok(Array.isArray(findings));
  let previous = -1;
  for (const f of findings) {
    checkRange(text, f.range);
    assert.ok(f.range.start > previous, 'findings are in order, each value once');
    previous = f.range.start;
    const raw = text.slice(f.range.start, f.range.end);
    // A base64 `Authorization: Basic` value (90 characters and `==`) is judged on what it decodes to.
    let value = raw;
    if (f.fix.encoding === 'base64') {
      assert.match(raw, /^[A-Za-z0-9+/]{90}==$/);
      const pair = Buffer.from(raw, 'base64').toString('latin1');
      assert.match(pair, /^(?:AC|SK)[0-9a-f]{32}:[A-Za-z0-9]{32}$/);
      value = pair.slice(35);
      for (const shown of [f.message, f.redacted, f.evidence.join(' '), JSON.stringify(f.fix)]) assert.ok(!shown.includes(raw.slice(0, 40)), shown);
    }
    assert.match(value, ALNUM_RUN);
    assert.ok(SEVERITIES.has(f.severity));
    assert.equal(f.fingerprint, fingerprint(value));
    if (f.isSecret) {
      assert.ok(f.kind === 'twilio-auth-token' || f.kind === 'twilio-api-key-secret');
      assert.equal(value.length, 32);
      assert.equal(f.redacted, '…' + value.slice(-4));
      // never more than the last 4 characters of a secret, anywhere a user or a log could see
      for (const shown of [f.message, f.redacted, f.evidence.join(' '), JSON.stringify(f.fix)]) assert.ok(!shown.includes(value.slice(0, 28)), shown);
    } else {
      assert.ok(f.kind === 'twilio-account-sid' || f.kind === 'twilio-api-key-sid');
      assert.equal(value.length, 34);
      assert.equal(value.slice(0, 2), f.kind === 'twilio-account-sid' ? 'AC' : 'SK');
    }
    if (f.fix.stringLiteral) {
      const lit = f.fix.stringLiteral.range;
      checkRange(text, lit);
      assert.ok(lit.start < f.range.start && lit.end > f.range.end, 'the literal holds the value');
    }
    if (f.fix.twilioCall) {
      const call = f.fix.twilioCall;
      checkRange(text, call.range);
      checkRange(text, call.argumentsRange);
      assert.ok(call.range.start <= call.argumentsRange.start && call.argumentsRange.end === call.range.end);
      assert.ok(call.argumentsRange.start < f.range.start && call.argumentsRange.end > f.range.end, 'the call holds the value');
    }
  }
  // the cheap prefilter never hides a finding, on the string or on its UTF-8 bytes
  if (findings.length > 0) {
    assert.ok(mightContainSecret(text));
    assert.ok(mightContainSecret(Buffer.from(text, 'utf8')));
  }
}

const PATHS = ['src/app.js', 'app.py', '.env', '.env.example', 'test/fixtures/a.json', 'config.yml', 'main.go', 'package-lock.json', 'x.min.js', 'Program.cs', ''];
const path = fc.oneof(fc.constantFrom(...PATHS), hostileString(20), unicodeString(20));
const languageId = fc.option(fc.oneof(fc.constantFrom('javascript', 'python', 'dotenv', 'jupyter', 'typescript', 'go'), hostileString(10)), { nil: undefined });

function scanAndCheck(text: string, p: string, lang: string | undefined): void {
  const findings = scanText(text, { path: p, languageId: lang });
  checkFindings(text, findings);
  assert.deepEqual(scanText(text, { path: p, languageId: lang }), findings, 'deterministic');
  // ignoring every fingerprint leaves nothing; knowing them as live marks every secret live
  const prints = new Set(findings.map((f) => f.fingerprint));
  assert.deepEqual(scanText(text, { path: p, languageId: lang, ignoreFingerprints: prints }), []);
  const live = scanText(text, { path: p, languageId: lang, knownSecretFingerprints: prints });
  assert.deepEqual(live.map((f) => f.live), findings.map((f) => f.isSecret));
}

/** Texts full of the pieces the rules look at, glued together by hostile characters. */
const denseSource = fc
  .array(
    fc.oneof(
      credentialShaped,
      fc.constantFrom('auth_token', 'authToken', 'TWILIO_AUTH_TOKEN', 'api_secret', '=', ':', ' = "', '"', "'", '`', '(', ')', '{', '}', '[', ']', ',', ' ', '\\', '@', 'https://', '-u ', 'twilio', 'Client(', 'new Twilio(', 'require("twilio")(', 'md5', '//', '#', 'twilio-credentials-ignore', '%3D', '\\n', '_', '-', '.', '/', '+'),
      hostileChar,
    ),
    { maxLength: 200 },
  )
  .map((parts) => parts.join(''));

describe('fuzz: credential detector (src/core/detection) on hostile input', function () {
  this.timeout(HUGE_INPUT_TIMEOUT_MS); // a limit for a busy machine: the assertions are about what is returned

  describe('scanText never throws, and every finding is a credential-shaped value inside the text', () => {
    it('input class: random unicode strings', () => {
      fc.assert(fc.property(unicodeString(2000), path, languageId, scanAndCheck), runs(300));
    });
    it('input class: random bytes decoded as UTF-8 and Latin-1 (binary)', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 4000 }), (bytes) => {
          for (const text of [Buffer.from(bytes).toString('utf8'), Buffer.from(bytes).toString('latin1')]) scanAndCheck(text, 'x.bin', undefined);
          // the prefilter reads raw bytes exactly as the Latin-1 string
          assert.equal(mightContainSecret(bytes), mightContainSecret(Buffer.from(bytes).toString('latin1')));
        }),
        runs(200),
      );
      fc.assert(fc.property(decodedBytes(300), path, languageId, scanAndCheck), runs(300));
    });
    it('input class: NUL bytes', () => {
      fc.assert(fc.property(nulString(500), path, languageId, scanAndCheck), runs(200));
    });
    it('input class: surrogate halves', () => {
      fc.assert(fc.property(surrogateString(500), path, languageId, scanAndCheck), runs(200));
    });
    it('input class: credential-dense source glued by hostile characters (quotes, escapes, brackets, BOMs, CR/LF/CRLF)', () => {
      fc.assert(fc.property(denseSource, path, languageId, scanAndCheck), runs(1500));
    });
    it('input class: lines of dense source joined by CR/LF/CRLF mixes, with BOMs', () => {
      const doc = fc.tuple(fc.boolean(), fc.array(fc.tuple(denseSource, fc.constantFrom(...EOLS)), { maxLength: 8 }), fc.boolean())
        .map(([bom, lines, last]) => joinLines(lines, bom, last));
      fc.assert(fc.property(doc, path, languageId, scanAndCheck), runs(300));
    });
  });

  it('a credential on its own line is found at its exact offset, whatever noise surrounds it', () => {
    fc.assert(
      fc.property(anyHostileText(300), anyHostileText(300), fc.constantFrom(...EOLS), (before, after, eol) => {
        fc.pre(!before.includes('twilio-credentials-ignore'));
        const token = freshToken();
        const line = `const authToken = "${token}";`;
        const text = `${before}\n${line}${eol}${after}`;
        const at = before.length + 1 + line.indexOf(token);
        const found = scanText(text, { path: 'src/app.js' });
        checkFindings(text, found);
        const f = found.find((x) => x.range.start === at);
        assert.ok(f, 'the credential is reported');
        assert.equal(f.kind, 'twilio-auth-token');
        assert.equal(f.range.end, at + 32);
      }),
      runs(500),
    );
  });

  describe('input class: huge inputs', () => {
    it('a 10 MB single-line minified file is scanned and returns, and a credential in its middle is still found', () => {
      for (const { name, build } of PATHOLOGICAL) {
        const half = build(5 * MB);
        const token = freshToken();
        const needle = `;const authToken="${token}";`;
        const text = half + needle + half;
        const at = half.length + needle.indexOf(token);
        const found = timed(`scan 10 MB: ${name}`, () => scanText(text, { path: 'dist/bundle.min.js' }));
        const f = found.find((x) => x.range.start === at);
        assert.ok(f && f.kind === 'twilio-auth-token', `the credential in "${name}" is found`);
        checkFindings(text, [f, ...found.slice(0, 5).filter((x) => x !== f)].sort((a, b) => a.range.start - b.range.start));
      }
    });

    it('100k lines are scanned and return; a credential on the last line is found at its line', () => {
      const lines = Array.from({ length: 100_000 }, (_, i) => (i % 3 === 0 ? `const v${i} = "${randomHex(16)}";` : i % 3 === 1 ? `  // ${randomHex(40)}` : `x(${i}, '${randomHex(32)}')`));
      const token = freshToken();
      const text = lines.join('\r\n') + `\r\nauth_token = '${token}'\r\n`;
      const found = timed('scan 100k lines', () => scanText(text, { path: 'app.py' }));
      const f = found.find((x) => x.isSecret && text.slice(x.range.start, x.range.end) === token);
      assert.ok(f);
      assert.equal(f.range.startLine, 100_000);
    });

    it('input class: deeply nested brackets, quotes and JSON (100k levels) return', () => {
      const depth = 100_000;
      const token = freshToken();
      const inputs: Record<string, string> = {
        '[ x100k': '['.repeat(depth) + `"authToken": "${token}"` + ']'.repeat(depth),
        '( x100k, unclosed': '('.repeat(depth) + `twilio("${token}"`,
        '{"a": x100k (JSON)': '{"a":'.repeat(depth) + `{"authToken":"${token}"}` + '}'.repeat(depth),
        'quotes nested by escaping': '"\\"'.repeat(depth) + `authToken="${token}"`,
        'call nested in calls': 'f('.repeat(depth) + `twilio(sid, '${token}')` + ')'.repeat(depth),
      };
      for (const [name, text] of Object.entries(inputs)) {
        const found = timed(`scan ${name}`, () => scanText(text, { path: 'a.js' }));
        checkFindings(text, found);
      }
    });
  });

  describe('ignore file and path globs', () => {
    it('parseIgnoreFile never throws and reports line numbers inside the file', () => {
      fc.assert(
        fc.property(fc.oneof(anyHostileText(200), fc.array(fc.oneof(credentialShaped.map((v) => fingerprint(v)), hostileString(20)), { maxLength: 10 }).map((l) => l.join('\n'))), (text) => {
          const rules = parseIgnoreFile(text);
          const lines = text.split(/\r\n|\r|\n/).length; // as the editor counts them
          for (const f of rules.fingerprints) assert.match(f, /^tc1:[0-9a-f]{16}$/);
          for (const l of rules.invalidLines) assert.ok(l.line >= 1 && l.line <= lines);
          for (const g of rules.pathGlobs) assert.ok(g.length > 0 && g === g.trim());
        }),
        runs(1000),
      );
    });

    it('matching a path against any glob never throws', () => {
      const globby = fc.string({ unit: fc.constantFrom('*', '**', '?', '[', ']', '!', '^', '-', '/', '\\', 'a', 'z', '0', '9', '.', '{', '}', '(', '|', '$', '+'), maxLength: 16 });
      const pathish = fc.string({ unit: fc.constantFrom('a', 'z', '0', '/', '.', '\\', '-', '\n', 'é'), maxLength: 16 });
      fc.assert(
        fc.property(fc.array(fc.oneof(globby, hostileString(12)), { maxLength: 3 }), fc.oneof(pathish, hostileString(16)), (globs, p) => {
          assert.equal(typeof matchesAnyGlob(p, globs), 'boolean');
        }),
        runs(3000),
      );
    });
  });
});

/** A random Auth Token shape that the placeholder filter does not take for a typed example. */
function freshToken(): string {
  for (;;) {
    const t = randomHex(32);
    if (!isPlaceholder(t)) return t;
  }
}
