// The names the extension gives keys: offered for a new key, given to a rotation's replacement.
import * as assert from 'node:assert/strict';
import { defaultKeyName, fitKeyName, rotatedName } from '../../../src/features/keys/keyNames';
import { MAX_FRIENDLY_NAME } from '../../../src/core/twilio/types';
import { validateFriendlyName } from '../../../src/core/validation';

const day = new Date('2026-11-27T10:00:00Z');

describe('key names', () => {
  it('a new key is named after the workspace and the host', () => {
    assert.equal(defaultKeyName('shop', 'laptop.local'), 'shop on laptop');
    assert.equal(defaultKeyName('shop (Workspace)', 'laptop'), 'shop on laptop');
    assert.equal(defaultKeyName(undefined, 'build-7.ci.example'), 'VS Code on build-7');
  });

  it('a replacement is marked with the rotation day, replacing an earlier mark', () => {
    assert.equal(rotatedName('billing', day), 'billing (rotated 2026-11-27)');
    assert.equal(rotatedName('billing (rotated 2025-01-02)', day), 'billing (rotated 2026-11-27)');
    assert.equal(rotatedName('', day), 'API key (rotated 2026-11-27)');
  });

  it('names stay within Twilio\'s limit, counted in characters as Twilio counts them', () => {
    const long = 'x'.repeat(100);
    assert.equal(fitKeyName(long).length, MAX_FRIENDLY_NAME);
    assert.equal(defaultKeyName(long, 'h').length, MAX_FRIENDLY_NAME);
    const rotated = rotatedName(long, day);
    assert.equal(rotated.length, MAX_FRIENDLY_NAME);
    assert.ok(rotated.endsWith(' (rotated 2026-11-27)'));
    // An emoji is one character for Twilio (two UTF-16 units): never cut in half.
    const emoji = '🔑'.repeat(70);
    assert.equal([...fitKeyName(emoji)].length, MAX_FRIENDLY_NAME);
    assert.equal(validateFriendlyName(fitKeyName(emoji)), undefined);
    assert.equal(validateFriendlyName(rotatedName(emoji, day)), undefined);
    assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])/.test(rotatedName(emoji, day)), 'no lone surrogate');
    assert.equal(fitKeyName('short'), 'short');
  });
});
