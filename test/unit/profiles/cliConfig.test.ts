// Importing accounts from twilio-cli profiles.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { configDir, configPath, parseCliConfig, secretNotInFile, usableProfiles } from '../../../src/features/profiles';

const hex = (n: number) => randomBytes(n).toString('hex').slice(0, n);
const sid = (prefix: string) => prefix + hex(32);
const secret = () => ('S' + randomBytes(40).toString('base64').replace(/[^A-Za-z0-9]/g, '')).slice(0, 32);

function parse(config: unknown) {
  const r = parseCliConfig(typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  if (!r.ok) assert.fail(r.message);
  return r.config;
}

describe('twilio-cli config', () => {
  describe('configPath', () => {
    it('is ~/.twilio-cli/config.json by default', () => {
      assert.equal(configPath({}, '/home/dev'), path.join('/home/dev', '.twilio-cli', 'config.json'));
    });

    it('honours TWILIO_CONFIG_DIR', () => {
      assert.equal(configPath({ TWILIO_CONFIG_DIR: '/etc/twilio' }, '/home/dev'), path.join('/etc/twilio', 'config.json'));
      assert.equal(configDir({ TWILIO_CONFIG_DIR: '' }, '/home/dev'), path.join('/home/dev', '.twilio-cli'));
    });

    it('prefers HOME, then USERPROFILE, like the CLI', () => {
      assert.equal(configDir({ HOME: '/h' }, '/os'), path.join('/h', '.twilio-cli'));
      assert.equal(configDir({ USERPROFILE: '/u' }, '/os'), path.join('/u', '.twilio-cli'));
    });
  });

  describe('profiles with the key and secret in the file (twilio-cli 6+)', () => {
    it('reads several profiles and marks the active one', () => {
      const dev = { accountSid: sid('AC'), apiKey: sid('SK'), apiSecret: secret() };
      const eu = { accountSid: sid('AC'), apiKey: sid('SK'), apiSecret: secret(), region: 'ie1', edge: 'dublin' };
      const config = parse({ profiles: { dev, eu }, activeProject: 'eu' });
      assert.equal(config.activeProfileId, 'eu');
      assert.deepEqual(
        config.profiles.map((p) => [p.id, p.active, p.secretInFile, p.problems, p.region, p.edge]),
        [
          ['dev', false, true, [], undefined, undefined],
          ['eu', true, true, [], 'ie1', 'dublin'],
        ],
      );
      assert.equal(config.profiles[1].apiSecret, eu.apiSecret);
      assert.equal(usableProfiles(config).length, 2);
    });

    it('applies the top-level edge to profiles without their own', () => {
      const config = parse({ edge: 'sydney', profiles: { a: { accountSid: sid('AC'), apiKey: sid('SK'), apiSecret: secret(), region: 'au1' } } });
      assert.equal(config.profiles[0].edge, 'sydney');
    });

    it('trims values, as the CLI does', () => {
      const accountSid = sid('AC');
      const config = parse({ profiles: { ' dev ': { accountSid: ` ${accountSid} `, apiKey: sid('SK'), apiSecret: secret() } }, activeProject: 'dev' });
      assert.equal(config.profiles[0].id, 'dev');
      assert.equal(config.profiles[0].accountSid, accountSid);
      assert.equal(config.activeProfileId, 'dev');
    });

    it('accepts a hand-written profile holding the Account SID and Auth Token', () => {
      const accountSid = sid('AC');
      const p = parse({ profiles: { t: { accountSid, apiKey: accountSid, apiSecret: hex(32) } } }).profiles[0];
      assert.equal(p.usesAuthToken, true);
      assert.deepEqual(p.problems, []);
    });
  });

  describe('profiles whose secret is not in the file', () => {
    it('reports an old-style profile without apiSecret as "secret not in file"', () => {
      const p = parse({ profiles: { old: { accountSid: sid('AC'), apiKey: sid('SK') } } }).profiles[0];
      assert.equal(p.secretInFile, false);
      assert.deepEqual(p.problems, [secretNotInFile()]);
      assert.match(secretNotInFile(), /keychain/);
    });

    it('reads the historical "projects" list, whose credentials are in the keychain', () => {
      const config = parse({ projects: [{ id: 'legacy', accountSid: sid('AC'), region: 'us1' }] });
      assert.equal(config.profiles[0].source, 'projects');
      assert.equal(config.profiles[0].secretInFile, false);
      assert.deepEqual(usableProfiles(config), []);
    });

    it('prefers a "profiles" entry over a "projects" entry with the same id', () => {
      const config = parse({ profiles: { same: { accountSid: sid('AC'), apiKey: sid('SK'), apiSecret: secret() } }, projects: [{ id: 'same', accountSid: sid('AC') }] });
      assert.deepEqual(config.profiles.map((p) => p.source), ['profiles']);
    });
  });

  describe('the active profile', () => {
    it('falls back to the first of "projects", as the CLI does, when activeProject names nothing', () => {
      const config = parse({
        profiles: { p: { accountSid: sid('AC'), apiKey: sid('SK'), apiSecret: secret() } },
        projects: [{ id: 'first', accountSid: sid('AC') }, { id: 'second', accountSid: sid('AC') }],
        activeProject: 'gone',
      });
      assert.equal(config.activeProfileId, 'first');
      assert.deepEqual(config.warnings, ['The active twilio-cli profile "gone" is not in the config file.']);
    });

    it('has none when only "profiles" exist and none is active', () => {
      const config = parse({ profiles: { p: { accountSid: sid('AC'), apiKey: sid('SK'), apiSecret: secret() } } });
      assert.equal(config.activeProfileId, undefined);
      assert.equal(config.profiles[0].active, false);
    });
  });

  describe('broken or odd content', () => {
    it('reads an empty or blank file as no profiles', () => {
      assert.deepEqual(parse(''), { profiles: [], warnings: [] });
      assert.deepEqual(parse('  \n'), { profiles: [], warnings: [] });
      assert.deepEqual(parse({}), { profiles: [], warnings: [] });
    });

    it('reports malformed JSON with its position but none of its content', () => {
      const s = secret();
      const r = parseCliConfig(`{\n  "profiles": {"a": {"apiSecret": "${s}",}}\n}`);
      assert.equal(r.ok, false);
      if (!r.ok) {
        assert.match(r.message, /^The twilio-cli config file is not valid JSON \(line 2, column \d+\)\.$/);
        assert.ok(!r.message.includes(s));
      }
    });

    it('reads a file with a BOM', () => {
      assert.equal(parse('\uFEFF{"profiles":{}}').profiles.length, 0);
    });

    it('reports a file that is not a JSON object', () => {
      for (const text of ['[]', '42', 'null', '"profiles"']) {
        assert.deepEqual(parseCliConfig(text), { ok: false, message: 'The twilio-cli config file does not hold a JSON object.' });
      }
    });

    it('skips "profiles" or "projects" of the wrong type with a warning', () => {
      const config = parse({ profiles: ['x'], projects: { id: 'y' } });
      assert.deepEqual(config.profiles, []);
      assert.equal(config.warnings.length, 2);
    });

    it('reports missing and malformed fields without repeating secrets', () => {
      const badSecret = 'short-' + hex(6);
      const config = parse({
        profiles: {
          empty: {},
          notObject: 'AC-something',
          wrong: { accountSid: sid('SK'), apiKey: sid('AC') + 'x', apiSecret: badSecret },
        },
      });
      const [empty, notObject, wrong] = config.profiles;
      assert.deepEqual(empty.problems, ['Profile "empty" has no Account SID.', secretNotInFile()]);
      assert.deepEqual(notObject.problems, ['Profile "notObject" is not an object in the config file.']);
      assert.equal(wrong.problems.length, 3);
      assert.match(wrong.problems[0], /^Profile "wrong": This is an API key SID/);
      assert.match(wrong.problems[2], /the stored API key secret has the wrong shape/);
      for (const m of wrong.problems) assert.ok(!m.includes(badSecret));
    });

    it('warns about unknown regions and edges but keeps the profile usable', () => {
      const p = parse({ profiles: { x: { accountSid: sid('AC'), apiKey: sid('SK'), apiSecret: secret(), region: 'zz9', edge: 'atlantis' } } }).profiles[0];
      assert.deepEqual(p.problems, []);
      assert.equal(p.warnings.length, 2);
    });

    it('ignores non-string fields', () => {
      const p = parse({ profiles: { x: { accountSid: 12, apiKey: null, apiSecret: { a: 1 } } } }).profiles[0];
      assert.equal(p.accountSid, undefined);
      assert.equal(p.apiSecret, undefined);
    });
  });
});
