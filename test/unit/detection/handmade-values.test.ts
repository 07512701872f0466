// Values typed by a human (a placeholder) or words of code are not reported, each human pattern on
// its own: the fixtures elsewhere show several patterns at once (`0000…` is a run, one distinct
// character and a period of 1), so removing any one rule went unnoticed. Every value here is
// random apart from the one pattern under test, generated at run time from a seeded PRNG.
import * as assert from 'node:assert/strict';
import { isPlaceholder } from '../../../src/core/detection';
import { prng, secrets } from './helpers';

const HEX = '0123456789abcdef';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';

/**
 * `n` characters from `alphabet` continuing `prefix`, with no human pattern: never the same
 * character twice in a row, never a neighbour (`4` after `3` or `5`), never the character after
 * the one two back (`a1b`), so runs, sequences and interleavings come only from the test's own text.
 */
function clean(next: () => number, alphabet: string, n: number, prefix = ''): string {
  let s = prefix;
  const end = prefix.length + n;
  while (s.length < end) {
    const ch = alphabet[Math.floor(next() * alphabet.length)];
    const c = ch.charCodeAt(0);
    const prev = s.charCodeAt(s.length - 1), prev2 = s.charCodeAt(s.length - 2);
    if (c === prev || c - prev === 1 || c - prev === -1 || c - prev2 === 1) continue;
    s += ch;
  }
  return s.slice(prefix.length);
}

/** `text` has none of the patterns `clean` avoids. */
function isClean(text: string): boolean {
  return [...text].every((ch, i) => {
    const c = ch.charCodeAt(0), prev = text.charCodeAt(i - 1), prev2 = text.charCodeAt(i - 2);
    return i === 0 || (c !== prev && Math.abs(c - prev) !== 1 && (i < 2 || c - prev2 !== 1));
  });
}

/** `pattern` at `at` in a 32-hex value that is otherwise clean (see `clean`). */
function hexWith(seed: number, pattern: string, at = 6, alphabet = HEX): string {
  const next = prng(seed);
  const head = clean(next, alphabet, at);
  return head + pattern + clean(next, alphabet, 32 - at - pattern.length, head + pattern);
}

/** Whether `value` is reported as an Auth Token or API key secret when named as Twilio's. */
function reported(value: string): boolean {
  const name = /^[0-9a-f]{32}$/.test(value) ? 'authToken' : 'apiSecret';
  const found = secrets(`const twilio = require('twilio');\nconst ${name} = '${value}';\n`, { path: 'src/twilio.js' });
  return found.some((h) => h.value === value);
}

describe('a value typed by hand is not reported, whichever human pattern it shows', () => {
  it('a clean random value is reported (the control for every case below)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const v = hexWith(seed, '', 0);
      assert.equal(v.length, 32);
      assert.ok(reported(v), v);
    }
  });

  it('only six different characters is typed by hand; seven is still reported', () => {
    const six = hexWith(2, '', 0, '02468a');
    const seven = hexWith(2, '', 0, '02468ac');
    assert.equal(new Set(six).size, 6);
    assert.equal(new Set(seven).size, 7);
    assert.ok(!reported(six), six);
    assert.ok(isPlaceholder(six));
    assert.ok(reported(seven), seven);
  });

  it('the same character six times in a row is typed by hand; five is still reported', () => {
    const alphabet = HEX.replace(/[678]/g, ''); // nothing beside the run continues it
    const six = hexWith(3, '777777', 8, alphabet);
    const five = hexWith(3, '77777', 8, alphabet);
    assert.ok(!reported(six), six);
    assert.ok(reported(five), five);
    // Wherever the run is: at the start, at the end, or before a shorter one.
    const atStart = hexWith(3, '777777', 0, alphabet);
    assert.ok(!reported(atStart), atStart);
    const atEnd = hexWith(3, '777777', 26, alphabet);
    const thenShorter = hexWith(3, '777777', 4, alphabet).slice(0, 20) + '33' + hexWith(3, '', 0, alphabet.replace(/[234]/g, '')).slice(0, 10);
    assert.ok(!reported(atEnd), atEnd);
    assert.ok(!reported(thenShorter), thenShorter);
  });

  it('sixteen steps up or down (`0123456789876…`) are typed by hand; fifteen are still reported', () => {
    const letters = 'abcdef';
    const sixteen = hexWith(4, '01234567898765432', 4, letters);
    const fifteen = hexWith(4, '0123456789876543', 4, letters);
    assert.ok(!reported(sixteen), sixteen);
    assert.ok(reported(fifteen), fifteen);
  });

  it('two interleaved counts (`0a1b2c…`) are typed by hand; a shorter interleaving is still reported', () => {
    // `0a1b2c3d4e5f6` then `0516273`: each character is one more than the one two back, 16 times.
    const sixteen = hexWith(5, '0a1b2c3d4e5f6' + '0516273', 0, '789');
    const fifteen = hexWith(5, '0a1b2c3d4e5f6' + '051627', 0, '789');
    assert.ok(!reported(sixteen), sixteen);
    assert.ok(reported(fifteen), fifteen);
  });

  it('a value repeating with a period of 16 or less is typed by hand; a period of 17 is still reported', () => {
    for (let seed = 6; seed < 9; seed++) {
      const next = prng(seed);
      const block16 = clean(next, HEX, 16);
      // A block of 17 whose seam with itself is clean too (no run, step or interleaving there).
      let block17 = clean(next, HEX, 17);
      while (!isClean(block17.slice(15) + block17.slice(0, 2))) block17 = clean(next, HEX, 17);
      const period16 = block16 + block16;
      const period17 = (block17 + block17).slice(0, 32);
      assert.ok(!reported(period16), period16);
      assert.ok(reported(period17), period17);
    }
  });

  it('an empty body is a placeholder', () => {
    assert.ok(isPlaceholder(''));
  });
});

describe('a word of code is not an API key secret; a random value of letters and digits is', () => {
  /**
   * Capitalised words of the given lengths (`Xab`, `Ycde`), then `digits` digits, 32 characters
   * in all; letters drawn so that no human pattern appears.
   */
  function alnum(seed: number, wordLengths: number[], digits: number): string {
    const next = prng(seed);
    let s = '';
    for (const length of wordLengths) {
      const capital = String.fromCharCode(65 + Math.floor(next() * 26));
      s += capital + clean(next, LOWER, length - 1, capital.toLowerCase());
    }
    s += clean(next, '0123456789', digits, 'x');
    assert.equal(s.length, 32);
    return s;
  }
  const times = (n: number, length: number): number[] => Array.from({ length: n }, () => length);

  it('no digit and seven capitals is a name (`getTwilioAccountFromEnvironment`); eight capitals is a secret', () => {
    // Two-letter words: no capitalised word of 3 letters or more, only the counts decide.
    for (let seed = 10; seed < 13; seed++) {
      const seven = alnum(seed, [...times(6, 2), 20], 0);
      const eight = alnum(seed, [...times(7, 2), 18], 0);
      assert.ok(!reported(seven), seven);
      assert.ok(reported(eight), eight);
    }
  });

  it('seven capitals and a digit (any digit, 0 to 9) is a secret', () => {
    const value = alnum(13, [...times(6, 2), 19], 1);
    assert.ok(reported(value), value);
    for (const digit of ['0', '9']) assert.ok(reported(value.slice(0, 31) + digit), value.slice(0, 31) + digit);
  });

  it('capitalised words of 3 letters or more covering 24 characters are a name (`ApiV2010SipCredential…`), even with digits; 23 are a secret', () => {
    // Eight capitals and several digits, so the counts alone do not decide.
    for (let seed = 14; seed < 17; seed++) {
      const words24 = alnum(seed, [3, 3, 3, 3, 4, 4, 4, 2], 6);
      const words23 = alnum(seed, [3, 3, 3, 3, 3, 4, 4, 2], 7);
      const short = alnum(seed, [...times(8, 3)], 8);
      const twoLetters = alnum(seed, [...times(12, 2)], 8);
      assert.ok(!reported(words24), words24);
      assert.ok(!reported(short), short);
      assert.ok(reported(words23), words23);
      assert.ok(reported(twoLetters), twoLetters);
    }
  });
});
