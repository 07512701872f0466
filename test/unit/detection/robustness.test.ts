// The scanner runs on every keystroke and on whatever files a CLI walks into: it must never
// throw and never take super-linear time. Timing targets live in scripts/bench-detection.ts;
// here we only assert that these inputs return.
import * as assert from 'assert';
import * as fc from 'fast-check';
import { mightContainSecret, scanText } from '../../../src/core/detection';
import { Values } from './helpers';

describe('robustness', function () {
  this.timeout(60_000);

  it('never throws on random text, with any path or language id', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), fc.option(fc.string()), fc.option(fc.string()), (text, path, languageId) => {
        const found = scanText(text, { path: path ?? undefined, languageId: languageId ?? undefined });
        assert.ok(Array.isArray(found));
        mightContainSecret(text);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on random bytes decoded as a file would be', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), (bytes) => {
        scanText(Buffer.from(bytes).toString('utf8'), { path: 'x.bin' });
        mightContainSecret(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on credential-dense text made of the pieces rules look at', () => {
    const v = new Values(1);
    const pieces = [v.token(), v.secret(), v.accountSid(), v.keySid(), 'auth_token', '=', ':', '"', "'", '(', ')', '{', '}', '[', ']', ',', '\n', ' ', '\\', '@', '-u ', 'twilio', 'md5', '//', '#', 'twilio-credentials-ignore', '%3D', '\r\n', 'new Client(', 'require("twilio")('];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 300 }), (parts) => {
        const text = parts.join('');
        for (const f of scanText(text, { path: 'a.js', languageId: 'javascript' })) {
          assert.ok(f.range.start >= 0 && f.range.end <= text.length && f.range.start < f.range.end);
          assert.ok(!f.isSecret || !f.message.includes(text.slice(f.range.start, f.range.end - 4)));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('returns on pathological inputs: 10 MB of one letter, of hex, of brackets, one long line', () => {
    const ten = 10 * 1024 * 1024;
    const v = new Values(2);
    const inputs = [
      'a'.repeat(ten),
      v.token().repeat(ten / 32),
      (v.token() + ' ').repeat(ten / 33),
      '('.repeat(ten / 2) + ')'.repeat(ten / 2),
      '{"a":'.repeat(ten / 5),
      ('auth_token = "' + v.token() + '" ').repeat(ten / 50),
      ('x'.repeat(31) + ' ').repeat(ten / 32),
    ];
    for (const text of inputs) assert.ok(Array.isArray(scanText(text, { path: 'big.min.js' })));
  });
});
