// The other readers of untrusted text: twilio-cli's config.json (src/features/profiles), the redaction of
// logs and error messages (src/core/util/redact.ts), and credentials found in the environment or a
// .env (src/features/accounts/environmentCredentials.ts). None may throw, hang or leak a secret.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { credentialsFrom, findEnvironmentCredentials } from '../../../src/features/accounts/environmentCredentials';
import { type CliConfigResult, parseCliConfig, usableProfiles } from '../../../src/features/profiles';
import { redact } from '../../../src/core/util/redact';
import {
  anyHostileText, credentialShaped, hostileString, HUGE_INPUT_TIMEOUT_MS, MB, randomAlnum, randomHex, runs, secretShaped, sidShaped, surrogateString, timed,
  tokenShaped, unicodeString,
} from './hostile';

/** Keys that trip code treating parsed JSON as a plain map. */
const TRICKY_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '', ' ', 'profiles', 'projects', 'id'];
const key = fc.oneof(fc.constantFrom(...TRICKY_KEYS), hostileString(8), fc.constantFrom('dev', 'prod', ' dev ', 'DEV'));
const fieldValue = fc.oneof(
  credentialShaped,
  hostileString(40),
  fc.constantFrom('us1', 'ie1', 'dublin', 'nowhere', ''),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 2 }),
);
const profileLike = fc.oneof(
  { weight: 4, arbitrary: fc.record({ accountSid: fieldValue, apiKey: fieldValue, apiSecret: fieldValue, region: fieldValue, edge: fieldValue, id: fieldValue }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fieldValue },
);
/** Objects shaped like config.json, with every field possibly of the wrong type. */
const configLike = fc.record(
  {
    profiles: fc.oneof(fc.dictionary(key, profileLike, { maxKeys: 5 }), fieldValue),
    projects: fc.oneof(fc.array(profileLike, { maxLength: 5 }), fieldValue),
    activeProject: fc.oneof(key, fieldValue),
    edge: fieldValue,
  },
  { requiredKeys: [] },
);

/** Everything a user could be shown from a parse result. */
function shown(r: CliConfigResult): string[] {
  if (!r.ok) return [r.message];
  return [...r.config.warnings, ...r.config.profiles.flatMap((p) => [p.id, ...p.problems, ...p.warnings])];
}

function checkConfigResult(source: string, r: CliConfigResult): void {
  assert.equal(typeof r.ok, 'boolean');
  if (!r.ok) {
    assert.ok(r.message.length > 0);
    const at = /\(line (\d+), column (\d+)\)/.exec(r.message);
    if (at) {
      const lines = source.replace(/^\uFEFF/, '').split('\n');
      const line = Number(at[1]), column = Number(at[2]);
      assert.ok(line >= 1 && line <= lines.length, r.message);
      assert.ok(column >= 1 && column <= lines[line - 1].length + 1, r.message);
    }
    return;
  }
  const ids = r.config.profiles.map((p) => p.id);
  for (const p of r.config.profiles) {
    assert.ok(typeof p.id === 'string' && p.id !== '' && p.id === p.id.trim());
    assert.equal(p.secretInFile, p.apiKey !== undefined && p.apiSecret !== undefined);
    for (const field of [p.accountSid, p.region, p.edge, p.apiKey, p.apiSecret]) assert.ok(field === undefined || typeof field === 'string');
  }
  const active = r.config.profiles.filter((p) => p.active);
  assert.ok(active.length <= 1, 'at most one active profile');
  assert.equal(r.config.activeProfileId, active[0]?.id);
  if (r.config.activeProfileId !== undefined) assert.ok(ids.includes(r.config.activeProfileId));
  for (const p of usableProfiles(r.config)) assert.deepEqual(p.problems, []);
}

describe('fuzz: twilio-cli config, redaction and environment credentials on hostile input', function () {
  this.timeout(HUGE_INPUT_TIMEOUT_MS); // a limit for a busy machine: the assertions are about what is returned

  // Keys such as "__proto__" are part of the input classes: neither the code under test nor the
  // tests may leave a property on Object.prototype for the rest of the unit suite to trip on.
  afterEach(() => assert.deepEqual(Object.keys(Object.prototype), [], 'Object.prototype was polluted'));

  describe('parseCliConfig never throws', () => {
    it('input class: random unicode strings, binary, NUL bytes, surrogate halves', () => {
      fc.assert(fc.property(anyHostileText(300), (s) => checkConfigResult(s, parseCliConfig(s))), runs(2000));
    });

    it('input class: any JSON value, with BOMs and CR/LF/CRLF layout', () => {
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom('', '\uFEFF'), fc.constantFrom(undefined, 2, '\t'), fc.constantFrom('\n', '\r\n', '\r'), (v, bom, indent, eol) => {
          const s = bom + JSON.stringify(v, null, indent).replace(/\n/g, eol);
          checkConfigResult(s, parseCliConfig(s));
        }),
        runs(1000),
      );
    });

    it('input class: config-shaped objects with wrong types, tricky keys (__proto__, constructor) and hostile strings', () => {
      fc.assert(
        fc.property(configLike, (config) => {
          const s = JSON.stringify(config);
          checkConfigResult(s, parseCliConfig(s));
          // JSON.stringify drops a `__proto__` set through a literal; write such keys by hand too
          const withProto = s.replace(/^\{/, '{"__proto__":{"accountSid":"x"},"constructor":1,');
          checkConfigResult(withProto, parseCliConfig(withProto));
          assert.equal(({} as Record<string, unknown>).accountSid, undefined, 'Object.prototype untouched');
        }),
        runs(2000),
      );
    });

    it('input class: truncated and corrupted config files report a position inside the file, never the content', () => {
      fc.assert(
        fc.property(configLike, fc.nat(), fc.constantFrom('', '}', ',', '"', '\0', 'position 99', ' position 1 '), (config, cut, junk) => {
          const secret = secretShaped();
          const full = JSON.stringify({ ...config, profiles: { dev: { accountSid: sidShaped('AC'), apiKey: sidShaped('SK'), apiSecret: secret } } }, null, 2);
          const at = cut % (full.length + 1);
          const s = full.slice(0, at) + junk + full.slice(at);
          const r = parseCliConfig(s);
          checkConfigResult(s, r);
          for (const text of shown(r)) assert.ok(!text.includes(secret), 'the API key secret is never shown');
        }),
        runs(1500),
      );
    });

    it('no message ever shows a secret from the file', () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(key, fc.constantFrom('apiSecret', 'apiKey', 'accountSid'), fc.boolean()), { maxLength: 4 }), (fields) => {
          const secrets = fields.map(([, , isToken]) => (isToken ? tokenShaped() : secretShaped()));
          // A Map, then Object.fromEntries: ids include "__proto__", which a plain object would
          // resolve to Object.prototype (and the test would pollute every object in the process).
          const byId = new Map<string, Record<string, string>>();
          fields.forEach(([id, field], i) => {
            const profile = byId.get(id) ?? Object.create(null);
            profile[field] = secrets[i];
            profile.apiSecret ??= secrets[i];
            byId.set(id, profile);
          });
          const profiles = Object.fromEntries(byId);
          const s = JSON.stringify({ profiles, projects: [...byId.keys()].map((id) => ({ id })), activeProject: fields[0]?.[0] });
          const r = parseCliConfig(s);
          checkConfigResult(s, r);
          for (const text of shown(r)) for (const secret of secrets) assert.ok(!text.includes(secret), text);
        }),
        runs(1000),
      );
    });

    it('input class: deeply nested JSON (100k levels) and huge config files return', () => {
      const depth = 100_000;
      const inputs: Record<string, string> = {
        '[ x100k, unclosed': '['.repeat(depth),
        '[ x100k, closed': '['.repeat(depth) + ']'.repeat(depth),
        '{"a": x100k': '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
        'profiles nested 100k deep': `{"profiles":{"dev":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}}`,
        '10 MB string value': JSON.stringify({ profiles: { dev: { accountSid: randomAlnum(10 * MB) } } }),
        '10 MB of blanks around {}': ' '.repeat(5 * MB) + '{}' + ' '.repeat(5 * MB),
        '10 MB unterminated string': '{"profiles":"' + randomHex(10 * MB),
        '100k profiles': JSON.stringify({ profiles: Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`p${i}`, { accountSid: 'AC' + i }])) }),
        '200k projects': JSON.stringify({ activeProject: 'nope', projects: Array.from({ length: 200_000 }, (_, i) => ({ id: `p${i}`, accountSid: 'x' })) }),
      };
      for (const [name, s] of Object.entries(inputs)) {
        const r = timed(`parseCliConfig: ${name}`, () => parseCliConfig(s));
        checkConfigResult(s, r);
      }
    });
  });

  describe('redact never throws, and nothing shaped like a secret gets through', () => {
    const secretWord = /(?<![A-Za-z0-9_])[A-Za-z0-9]{32}(?![A-Za-z0-9_])/;

    it('input class: random unicode strings, binary, NUL bytes, surrogate halves, with any known secrets', () => {
      fc.assert(
        fc.property(anyHostileText(300), fc.array(fc.oneof(anyHostileText(20), surrogateString(10), fc.constant('')), { maxLength: 4 }), (text, known) => {
          const out = redact(text, known);
          assert.equal(typeof out, 'string');
          assert.doesNotMatch(out, secretWord);
        }),
        runs(2000),
      );
    });

    it('known secrets never survive; SIDs do; redacting twice changes nothing', () => {
      fc.assert(
        fc.property(fc.array(fc.oneof(anyHostileText(30), fc.constantFrom('SECRET', 'AC', 'SK', 'TOKEN')), { maxLength: 12 }), (parts) => {
          const secrets: string[] = [];
          const sids: string[] = [];
          const text = parts
            .map((p) => {
              if (p === 'SECRET') return secrets[secrets.push(secretShaped()) - 1];
              if (p === 'TOKEN') return secrets[secrets.push(tokenShaped()) - 1];
              if (p === 'AC' || p === 'SK') return ` ${sids[sids.push(sidShaped(p)) - 1]} `;
              return p;
            })
            .join('');
          const out = redact(text, secrets);
          for (const s of secrets) {
            assert.ok(!out.includes(s), 'a known secret survived');
            assert.ok(!out.includes(s.slice(0, 28)), 'more than the last 4 characters of a secret survived');
          }
          for (const sid of sids) assert.ok(out.includes(sid), 'a SID was masked');
          assert.equal(redact(out, secrets), out);
        }),
        runs(1500),
      );
    });
  });

  describe('environment credentials never throw, and only well-formed pairs are taken', () => {
    const VARS = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_API_KEY', 'TWILIO_API_SECRET', 'TWILIO_REGION', 'TWILIO_EDGE'];
    const padded = (v: fc.Arbitrary<string>) => fc.tuple(fc.constantFrom('', ' ', '\t', '\n', '\uFEFF', '\u00a0'), v, fc.constantFrom('', ' ', '\r', '\u2028')).map(([a, b, c]) => a + b + c);
    const envValue = fc.option(fc.oneof(padded(credentialShaped), anyHostileText(40), unicodeString(40)), { nil: undefined });
    const vars = fc.dictionary(fc.oneof(fc.constantFrom(...VARS), fc.constantFrom(...TRICKY_KEYS), hostileString(6)), envValue, { maxKeys: 10 });

    function checkFound(f: ReturnType<typeof credentialsFrom>): void {
      if (!f) return;
      assert.match(f.accountSid, /^AC[0-9a-fA-F]{32}$/);
      if (f.auth === 'authToken') assert.match(f.authToken ?? '', /^[0-9a-fA-F]{32}$/);
      else {
        assert.match(f.apiKeySid ?? '', /^SK[0-9a-fA-F]{32}$/);
        assert.match(f.apiKeySecret ?? '', /^[A-Za-z0-9]{32}$/);
      }
    }

    it('input class: random unicode, binary and padded credential-shaped values, tricky variable names', () => {
      fc.assert(
        fc.property(vars, fc.array(fc.record({ label: hostileString(8), assignments: fc.array(fc.record({ name: fc.oneof(fc.constantFrom(...VARS, ...TRICKY_KEYS), hostileString(6)), value: fc.oneof(padded(credentialShaped), anyHostileText(40)) }), { maxLength: 8 }) }), { maxLength: 4 }), (env, files) => {
          checkFound(credentialsFrom(env, 'environment'));
          const found = findEnvironmentCredentials(env, files, { workspaceTrusted: true });
          found.forEach(checkFound);
          assert.equal(new Set(found.map((f) => f.accountSid)).size, found.length, 'one entry per account');
          assert.equal(({} as Record<string, unknown>).TWILIO_ACCOUNT_SID, undefined, 'Object.prototype untouched');
        }),
        runs(2000),
      );
    });

    it('a well-formed pair is found whatever blanks surround it, and the last assignment in a file wins', () => {
      fc.assert(
        fc.property(fc.constantFrom(' ', '\t', '\n', '\r\n', ''), (blank) => {
          const accountSid = sidShaped('AC'), token = tokenShaped(), stale = tokenShaped();
          const f = findEnvironmentCredentials({}, [{ label: '.env', assignments: [
            { name: 'TWILIO_ACCOUNT_SID', value: blank + accountSid + blank },
            { name: 'TWILIO_AUTH_TOKEN', value: stale },
            { name: '__proto__', value: 'x' },
            { name: 'TWILIO_AUTH_TOKEN', value: blank + token },
          ] }], { workspaceTrusted: true });
          assert.deepEqual(f.map((x) => [x.accountSid, x.authToken]), [[accountSid, token]]);
        }),
        runs(50),
      );
    });

    it('input class: huge values (10 MB) return', () => {
      const big = randomHex(10 * MB);
      const found = timed('environment credentials with 10 MB values', () =>
        findEnvironmentCredentials({ TWILIO_ACCOUNT_SID: 'AC' + big, TWILIO_AUTH_TOKEN: big }, [{ label: '.env', assignments: [{ name: 'TWILIO_ACCOUNT_SID', value: ' '.repeat(10 * MB) + sidShaped('AC') }, { name: 'TWILIO_API_SECRET', value: big }] }], { workspaceTrusted: true }));
      assert.deepEqual(found, []);
    });
  });
});
