// The byte prefilter (candidates.ts): most files are judged on their bytes and never decoded, so
// it must say "nothing here" exactly when findCandidates finds nothing in the decoded text (and
// there is no base64 SID:secret), for any bytes: malformed UTF-8, non-ASCII letters, escapes.
import * as assert from 'assert';
import fc from 'fast-check';
import { findCandidates, mightContainSecret, scanText } from '../../../src/core/detection';
import { mightContainEncodedPair } from '../../../src/core/detection/encoded';
import { Values } from './helpers';

const decode = (bytes: Uint8Array): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
const DIGITS = '0123456789';
const HEX = '0123456789abcdef';

/** Runs of `min` to `max` characters drawn from one alphabet. */
const run = (alphabet: string, min: number, max: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...alphabet.split('')), { minLength: min, maxLength: max }).map((cs) => cs.join(''));

/** Values of 31 to 33 characters (or a SID prefix and 31 to 33 hex), with what may be glued before and after. */
const value = fc.oneof(
  run(HEX, 31, 33),
  run(LOWER + DIGITS, 31, 33),
  run(LOWER + UPPER, 31, 33),
  run(LOWER + UPPER + DIGITS, 31, 33),
  run(HEX, 31, 33).map((h) => 'AC' + h),
  run(HEX, 31, 33).map((h) => 'SK' + h),
);
const glued = fc
  .tuple(fc.constantFrom('', '', '_', '\\', '\\n', '\\t', '\\x', '%3D', '%3d', '%4', '%', 'n', 'x'), value, fc.constantFrom('', '', '_', 'a', '0'))
  .map(([before, v, after]) => before + v + after);

/** Pieces that land on every branch of the candidate rule, glued by what sits around values. */
const piece = fc.oneof(
  glued,
  run(LOWER + UPPER + DIGITS, 28, 40),
  fc.constantFrom('_', '\\', '%', ' ', '=', '"', "'", ':', '\n', 'é', '\u00a0', '😀', '\ufeff', 'AC', 'SK'),
);
/** UTF-8 of the pieces, with malformed bytes (lone continuation, cut sequences) mixed in. */
const bytes = fc
  .array(fc.oneof(piece.map(bytesOf), fc.constantFrom(Uint8Array.of(0x80), Uint8Array.of(0xc3), Uint8Array.of(0xe2, 0x82), Uint8Array.of(0xff))), { maxLength: 12 })
  .map((parts) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  });

describe('the byte prefilter', () => {
  const v = new Values(4242);

  it('says "might contain" exactly when the decoded text has a candidate or a base64 pair (property)', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        const text = decode(b);
        const expected = findCandidates(text).length > 0 || mightContainEncodedPair(text);
        assert.strictEqual(mightContainSecret(b), expected, JSON.stringify(text));
        assert.strictEqual(mightContainSecret(text), expected, JSON.stringify(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('passes a token, a key secret and SIDs, glued to escapes as findCandidates reads them', () => {
    for (const text of [`x=${v.token()}`, `"${v.secret()}"`, v.accountSid(), `"\\n${v.secret()}"`, `?token%3D${v.token()}&`, `k: ${v.keySid()}\n`]) {
      assert.ok(findCandidates(text).length > 0, text);
      assert.strictEqual(mightContainSecret(bytesOf(text)), true, text);
    }
  });

  it('rejects words of code 32 letters long, all-lowercase runs and values glued by _, before any decoding', () => {
    const word = 'CanvasRenderingContextSettingsXy'; // 32 letters, a camelCase type name
    assert.strictEqual(word.length, 32);
    for (const text of [
      `interface ${word} {}`,
      `const ${'getTwilioAccountFromEnvironments'} = 1;`,
      `id = "${'abcdefghijklmnopqrstuvwxyz012345'.replace(/[a-f]/g, 'g')}"`, // lowercase letters and digits, not hex
      `tok_${v.token()}`,
      `${v.token()}_prod`,
    ]) {
      assert.deepStrictEqual(findCandidates(text), [], text);
      assert.strictEqual(mightContainSecret(bytesOf(text)), false, text);
      assert.deepStrictEqual(scanText(text, { path: 'a.ts' }), [], text);
    }
  });

  it('a key secret named as one is still found (the prefilter does not hide it)', () => {
    const secret = v.secret();
    const text = `TWILIO_API_SECRET = "${secret}"\n`;
    assert.strictEqual(mightContainSecret(bytesOf(text)), true);
    assert.deepStrictEqual(scanText(text, { path: 'settings.py' }).map((f) => f.kind), ['twilio-api-key-secret']);
  });
});
