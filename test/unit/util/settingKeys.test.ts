// The settings table (src/core/util/settingKeys.ts) and package.json describe the same settings: every
// setting the code reads is contributed with a default of its type, and every contributed setting
// is one the code knows. Defaults live in package.json only.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { SETTINGS, SETTINGS_SECTION, SettingKey, settingId, settingValue } from '../../../src/core/util/settingKeys';

interface Contributed {
  type?: string;
  default?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  scope?: string;
  items?: { type?: string };
}

const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8'));
const configuration: Array<{ properties: Record<string, Contributed> }> = [pkg.contributes.configuration].flat();
const contributed: Record<string, Contributed> = Object.assign({}, ...configuration.map((c) => c.properties));
const keys = Object.keys(SETTINGS) as SettingKey[];

function hasJsonType(value: unknown, type: string | undefined): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'array':
      return Array.isArray(value);
    default:
      return false;
  }
}

describe('settings: the typed table and package.json', () => {
  it('every setting the code reads is contributed, with a default of its type and the same enum and bounds', () => {
    for (const key of keys) {
      const id = settingId(key);
      const c = contributed[id];
      assert.ok(c, `${id} is read by the code but not contributed in package.json`);
      const spec: { type: string; enum?: readonly string[]; minimum?: number; maximum?: number } = SETTINGS[key];
      assert.equal(c.type, spec.type, `${id}: type`);
      assert.ok('default' in c, `${id} has no default in package.json`);
      assert.ok(hasJsonType(c.default, c.type), `${id}: default ${JSON.stringify(c.default)} is not a ${c.type}`);
      assert.deepEqual(c.enum, spec.enum, `${id}: enum`);
      assert.equal(c.minimum, spec.minimum, `${id}: minimum`);
      assert.equal(c.maximum, spec.maximum, `${id}: maximum`);
      if (spec.type === 'array') assert.equal(c.items?.type, 'string', `${id}: an array of strings`);
      // The default is a value the code accepts unchanged, so reading it never falls through.
      assert.deepEqual(settingValue(key, c.default), c.default, `${id}: the default passes the code's own check`);
    }
  });

  it('every contributed setting is one the code knows', () => {
    const known = new Set(keys.map(settingId));
    assert.deepEqual(
      Object.keys(contributed).filter((id) => !known.has(id)),
      [],
      'contributed in package.json but unknown to src/core/util/settingKeys.ts',
    );
    assert.ok(Object.keys(contributed).every((id) => id.startsWith(`${SETTINGS_SECTION}.`)));
  });

  it('a setting package.json scopes per resource is read per resource', () => {
    for (const key of keys) {
      const scope = contributed[settingId(key)]?.scope;
      if (scope === 'resource' || scope === 'language-overridable') assert.ok('perResource' in SETTINGS[key], `${settingId(key)} is ${scope}-scoped`);
    }
  });

  it('the settings Restricted Mode withholds from the workspace are settings the code knows', () => {
    const known = new Set(keys.map(settingId));
    const restricted: string[] = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations;
    assert.deepEqual(restricted.filter((id) => !known.has(id)), []);
  });
});

describe('settings: a value from settings.json is taken only when it has the setting\'s type', () => {
  it('wrong types give way (to package.json\'s default, in src/platform/config.ts)', () => {
    assert.equal(settingValue('env.apiKeyVariable', 42), undefined);
    assert.equal(settingValue('detection.enabled', 'false'), undefined);
    assert.equal(settingValue('detection.exclude', ['a', 1]), undefined);
    assert.equal(settingValue('detection.exclude', 'a'), undefined);
    assert.equal(settingValue('keys.pageSize', '50'), undefined);
    assert.equal(settingValue('keys.pageSize', Number.NaN), undefined);
    assert.equal(settingValue('detection.severity', 'fatal'), undefined, 'not one of the enum');
  });

  it('values of the right type are taken; numbers are kept within the contributed bounds', () => {
    assert.equal(settingValue('env.apiSecretVariable', 'MY_SECRET'), 'MY_SECRET');
    assert.equal(settingValue('detection.severity', 'hint'), 'hint');
    assert.deepEqual(settingValue('detection.exclude', ['**/fixtures/**']), ['**/fixtures/**']);
    assert.equal(settingValue('keys.pageSize', 0), 1);
    assert.equal(settingValue('keys.pageSize', 5000), 1000);
    assert.equal(settingValue('keys.pageSize', 20.7), 20, 'an integer setting is rounded down');
    assert.equal(settingValue('keys.rotationHintDays', -3), 0, 'a negative age turns the hint off');
    assert.equal(settingValue('requestTimeoutSeconds', 0.5), 1);
    assert.equal(settingValue('requestTimeoutSeconds', 2.5), 2.5, 'a number setting keeps its fraction');
    assert.equal(settingValue('requestTimeoutSeconds', 900), 300);
    assert.equal(settingValue('detection.maxFileSize', 10 * 1024 * 1024), 10 * 1024 * 1024, 'no maximum');
  });
});
