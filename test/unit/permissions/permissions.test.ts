// The permission catalogue a user picks from when creating a restricted key.
import * as assert from 'node:assert/strict';
import {
  describePermission,
  findPermission,
  PERMISSION_FORMAT,
  permissionDiff,
  permissionCatalogue,
  permissionsByProduct,
  permissionsFromPolicy,
  policyFromPermissions,
  validatePermissions,
} from '../../../src/features/keys/permissions';
import { MAX_PERMISSIONS } from '../../../src/core/twilio/types';

describe('permission catalogue', () => {
  it('covers sending messages, making calls, recordings and managing API keys', () => {
    for (const p of [
      '/twilio/messaging/messages/create',
      '/twilio/messaging/messages/read',
      '/twilio/voice/calls/create',
      '/twilio/voice/recordings/list',
      '/twilio/voice/calls.recordings/read',
      '/twilio/iam/api-keys/create',
      '/twilio/iam/api-keys/delete',
      '/twilio/iam/api-keys/read',
      '/twilio/iam/api-keys/update',
      '/twilio/verify/verification/create',
      '/twilio/verify/verification-check/create',
      '/twilio/lookup/phone-numbers/read',
      '/twilio/phone-numbers/active-numbers/list',
      '/twilio/studio/flows/read',
    ]) {
      assert.ok(findPermission(p), p);
    }
  });

  it('has well-formed, unique entries with a product, label and description', () => {
    assert.equal(new Set(permissionCatalogue().map((p) => p.permission)).size, permissionCatalogue().length);
    for (const p of permissionCatalogue()) {
      assert.match(p.permission, PERMISSION_FORMAT);
      assert.ok(p.product && p.label && p.description.endsWith('.'), p.permission);
    }
  });

  it('labels the actions a developer thinks in', () => {
    assert.equal(findPermission('/twilio/messaging/messages/create')?.label, 'Send messages');
    assert.equal(findPermission('/twilio/voice/calls/create')?.label, 'Make calls');
    assert.equal(findPermission('/twilio/iam/api-keys/list')?.label, 'List API keys');
    assert.equal(findPermission('/twilio/iam/api-keys/read')?.description, 'Fetch one API key by its SID.');
  });

  it('groups by product in catalogue order, Messaging first', () => {
    const groups = permissionsByProduct();
    assert.equal(groups[0].product, 'Messaging');
    assert.ok(groups.some((g) => g.product === 'Voice'));
    assert.equal(groups.reduce((n, g) => n + g.permissions.length, 0), permissionCatalogue().length);
  });

  it('describes wildcards and permissions outside the catalogue', () => {
    assert.equal(describePermission('/twilio/voice/calls/*'), 'Everything on calls (voice)');
    assert.equal(describePermission('/twilio/flex/scv-certificate/create'), '/twilio/flex/scv-certificate/create');
  });
});

describe('validatePermissions', () => {
  it('accepts catalogue entries, wildcards and well-formed permissions Twilio added later', () => {
    assert.equal(validatePermissions(['/twilio/messaging/messages/read', '/twilio/voice/calls/*', '/twilio/event-streams/sink.test/create']), undefined);
  });

  it('asks for at least one', () => {
    assert.equal(validatePermissions([]), 'Choose at least one permission.');
  });

  it('allows exactly 100 and refuses 101', () => {
    const many = Array.from({ length: 101 }, (_, i) => `/twilio/messaging/resource${i}/read`);
    assert.equal(validatePermissions(many.slice(0, MAX_PERMISSIONS)), undefined);
    assert.equal(validatePermissions(many), 'A restricted key can have at most 100 permissions; 101 are selected.');
  });

  it('refuses duplicates', () => {
    assert.equal(validatePermissions(['/twilio/iam/api-keys/read', '/twilio/iam/api-keys/read']), '"/twilio/iam/api-keys/read" is listed twice.');
  });

  it('refuses malformed strings, with an example of the right shape', () => {
    for (const bad of ['twilio/messaging/messages/read', '/twilio/messaging/messages/send', '/twilio/Messaging/messages/read', '/twilio/messaging/read', '/twilio/messaging/messages/read/']) {
      assert.match(validatePermissions([bad]) ?? '', /is not a permission: permissions look like \/twilio\/messaging\/messages\/read\./, bad);
    }
    assert.match(validatePermissions([42]) ?? '', /must be text/);
  });

  it('shortens a very long bad entry in the message', () => {
    const m = validatePermissions(['x'.repeat(500)]) ?? '';
    assert.ok(m.length < 200);
  });
});

describe('policies', () => {
  it('builds the Policy JSON string IAM expects', () => {
    assert.equal(
      policyFromPermissions(['/twilio/messaging/messages/read', '/twilio/iam/api-keys/create']),
      '{"allow":["/twilio/messaging/messages/read","/twilio/iam/api-keys/create"]}',
    );
  });

  it('refuses to build a policy from an invalid list', () => {
    assert.throws(() => policyFromPermissions([]), RangeError);
  });

  it('reads permissions from a policy object or its JSON text', () => {
    const allow = ['/twilio/messaging/messages/read'];
    assert.deepEqual(permissionsFromPolicy({ allow }), { ok: true, permissions: allow });
    assert.deepEqual(permissionsFromPolicy(JSON.stringify({ allow })), { ok: true, permissions: allow });
    assert.deepEqual(permissionsFromPolicy(policyFromPermissions(allow)), { ok: true, permissions: allow });
  });

  it('keeps wildcards as Twilio returns them', () => {
    assert.deepEqual(permissionsFromPolicy({ allow: ['/twilio/voice/sip.trunks/*'] }), { ok: true, permissions: ['/twilio/voice/sip.trunks/*'] });
  });

  it('reports a standard key (null policy) as full access, not as no permissions', () => {
    const r = permissionsFromPolicy(null);
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.message, /standard key/);
  });

  it('reports malformed policies', () => {
    for (const bad of ['{not json', '[]', '{"deny":[]}', { allow: 'x' }, { allow: [1] }, 7]) {
      assert.equal(permissionsFromPolicy(bad).ok, false, JSON.stringify(bad));
    }
  });
});

describe('permissionDiff (Edit Permissions)', () => {
  const [a, b, c, d] = ['/twilio/voice/calls/read', '/twilio/voice/calls/list', '/twilio/messaging/messages/create', '/twilio/iam/api-keys/read'];

  it('says what is added and removed, in each list’s order', () => {
    assert.deepEqual(permissionDiff([a, b, c], [c, d, a]), { added: [d], removed: [b] });
  });

  it('sees no change when only the order differs', () => {
    assert.deepEqual(permissionDiff([a, b], [b, a]), { added: [], removed: [] });
  });

  it('from nothing and to nothing', () => {
    assert.deepEqual(permissionDiff([], [a]), { added: [a], removed: [] });
    assert.deepEqual(permissionDiff([a], []), { added: [], removed: [a] });
  });
});
