// The log mask (src/core/util/redact.ts, through the Log): a secret the Log knows never reaches the
// output channel, whatever text surrounds it and however it is wrapped: glued to identifier
// characters or `_`, quoted, URL-encoded, JSON-escaped, or base64-encoded inside an HTTP `Basic`
// Authorization value beside any user name. A secret it does not know is still masked when it is a
// 32-character word, `_` counting as a separator, and every `Basic` credential is masked whole.
// FUZZ_SEED=N replays a run (test/unit/fastcheck.setup.ts).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { recorded } from '../../support/vscode';
import { Log } from '../../../src/platform/log';
import { redact } from '../../../src/core/util/redact';
import { anyHostileText, HUGE_INPUT_TIMEOUT_MS, runs, secretShaped, sidShaped, tokenShaped } from './hostile';

const MASK_CHAR = '•';

/** A secret as the extension handles them: an Auth Token, a key secret, or any other text of 8+ characters. */
const secret = fc.oneof(
  { weight: 2, arbitrary: fc.constant(null).map(() => tokenShaped()) },
  { weight: 2, arbitrary: fc.constant(null).map(() => secretShaped()) },
  // The mask's own character is left out: a "secret" made of it would be found in every mask.
  { weight: 1, arbitrary: fc.string({ minLength: 8, maxLength: 40 }).filter((s) => !s.includes(MASK_CHAR)) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 8, maxLength: 20 }).filter((s) => !s.includes(MASK_CHAR)) },
);

/** What stands next to a secret in a log line: identifier characters and `_`, quotes, separators, anything. */
const beside = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_]{0,12}$/),
  fc.constantFrom('', '_', 'TOKEN_', '_TOKEN', 'x', '0', '"', "'", '`', '=', ':', '/', '%', '+', ' ', '\n', 'Bearer ', 'token='),
  anyHostileText(20),
);

/** A user part of a Basic credential: a SID, any text without `:`, or nothing. */
const basicUser = fc.oneof(
  fc.constant(null).map(() => sidShaped('AC')),
  fc.constant(null).map(() => sidShaped('SK')),
  fc.string({ maxLength: 20 }).filter((u) => !u.includes(':')),
);

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

type Wrapping = 'raw' | 'url' | 'json' | 'basic' | 'basicUrlSafe' | 'basicInJson' | 'basicUrlEncoded' | 'basicLowercase';
const wrapping = fc.constantFrom<Wrapping>('raw', 'url', 'json', 'basic', 'basicUrlSafe', 'basicInJson', 'basicUrlEncoded', 'basicLowercase');

/** The secret as some code path might put it into a log line. */
function wrap(w: Wrapping, s: string, user: string): string {
  const credentials = b64(`${user}:${s}`);
  switch (w) {
    case 'raw':
      return s;
    case 'url':
      return encodeURIComponent(s);
    case 'json':
      return JSON.stringify(s).slice(1, -1);
    case 'basic':
      return `Authorization: Basic ${credentials}`;
    case 'basicUrlSafe':
      return `authorization=Basic ${credentials.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
    case 'basicInJson':
      return JSON.stringify({ headers: { Authorization: `Basic ${credentials}` } });
    case 'basicUrlEncoded':
      return `?auth=${encodeURIComponent(`Basic ${credentials}`)}`;
    case 'basicLowercase':
      return `authorization: basic\t${credentials}`;
  }
}

/** Every way a reader could get the secret back from the line: as is, or by decoding a base64 run at any offset. */
function recoverable(line: string, s: string): boolean {
  if (line.includes(s)) return true;
  for (const run of line.match(/[A-Za-z0-9+/_-]{8,}/g) ?? []) {
    const std = run.replace(/-/g, '+').replace(/_/g, '/');
    for (let at = 0; at < 4; at++) {
      if (Buffer.from(std.slice(at), 'base64').toString('utf8').includes(s)) return true;
    }
  }
  return false;
}

const encodes = (s: string): boolean => {
  try {
    encodeURIComponent(s);
    return true;
  } catch {
    return false; // a lone surrogate: no URL-encoded form exists
  }
};

describe('fuzz: the log mask', function () {
  this.timeout(HUGE_INPUT_TIMEOUT_MS); // a limit for a busy machine: the assertions are about what is returned
  /** A fresh Log that knows `secrets` (and a few others, as after a session's work). */
  function logKnowing(...secrets: string[]): Log {
    recorded.reset();
    const log = new Log();
    for (const s of [tokenShaped(), secretShaped(), ...secrets]) log.protect(s);
    return log;
  }

  it('a secret the Log knows never reaches the channel: any neighbours, quoting, URL/JSON encoding, base64 in a Basic header', () => {
    fc.assert(
      fc.property(secret, beside, beside, wrapping, basicUser, fc.constantFrom('info', 'warn', 'error') as fc.Arbitrary<'info' | 'warn' | 'error'>, (s, before, after, w, user, level) => {
        fc.pre(w !== 'url' || encodes(s));
        const log = logKnowing(s);
        const text = before + wrap(w, s, user) + after;
        if (level === 'error') log.error('request failed', new Error(text));
        else log[level](text);
        log.dispose();
        const [line] = recorded.output;
        assert.ok(line !== undefined, 'a line was logged');
        assert.ok(!recoverable(line, s), `the secret can be read back from ${JSON.stringify(line)}`);
        if (w === 'url') assert.ok(!line.includes(encodeURIComponent(s)));
        if (w.startsWith('basic')) assert.ok(!line.includes(b64(`${user}:${s}`).replace(/=+$/, '')), 'the Basic credentials survived');
      }),
      runs(3000),
    );
  });

  it('a secret it does not know: a 32-character token or key secret next to `_`, quotes or any non-alphanumeric text is masked', () => {
    // Anything but a letter or digit ends the word: `_`, quotes, punctuation, blanks, any other character.
    const separator = fc.oneof(fc.constantFrom('_', '__', '"', "'", '`', '=', ':', '/', ' ', '-', '.', '\t'), fc.stringMatching(/^[^A-Za-z0-9]{1,4}$/));
    const identifier = fc.stringMatching(/^[A-Za-z0-9_]{0,8}$/);
    const before = fc.oneof(fc.constant(''), fc.tuple(identifier, separator).map(([id, sep]) => id + sep));
    const after = fc.oneof(fc.constant(''), fc.tuple(separator, identifier).map(([sep, id]) => sep + id));
    fc.assert(
      fc.property(fc.boolean(), before, after, (hex, before, after) => {
        const s = hex ? tokenShaped() : secretShaped();
        const out = redact(`${before}${s}${after}`);
        assert.ok(!out.includes(s.slice(0, 28)), `${JSON.stringify(out)} shows more than the last 4 characters`);
      }),
      runs(2000),
    );
  });

  it('any Basic credential is masked whole, even of a user and secret the Log has never seen', () => {
    fc.assert(
      fc.property(basicUser, fc.string({ minLength: 1, maxLength: 40 }), fc.constantFrom<Wrapping>('basic', 'basicUrlSafe', 'basicInJson', 'basicUrlEncoded', 'basicLowercase'), (user, password, w) => {
        fc.pre(password.length >= 4);
        const line = redact(wrap(w, password, user));
        assert.ok(!recoverable(line, `${user}:${password}`), JSON.stringify(line));
        assert.match(line, /basic/i, 'the scheme is kept, so the log still says what was sent');
      }),
      runs(1500),
    );
  });

  it('examples: TOKEN_<hex>, a Basic header, and SIDs kept', () => {
    const token = tokenShaped();
    const sid = sidShaped('AC');
    assert.equal(redact(`TOKEN_${token}`), `TOKEN_${MASK_CHAR.repeat(8)}${token.slice(-4)}`);
    const header = redact(`Authorization: Basic ${b64(`${sid}:${token}`)} for ${sid}`);
    assert.equal(header, `Authorization: Basic ${MASK_CHAR.repeat(8)} for ${sid}`);
  });
});
