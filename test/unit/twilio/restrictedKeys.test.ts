import * as assert from 'assert';
import { PERMISSIONS } from '../../emulator/server';
import { keyCreds, rejectsWith, useEmulator } from './harness';

describe('Twilio API: restricted keys', () => {
  const h = useEmulator();

  it('creates a restricted key with its permissions, shown again by fetch', async () => {
    const permissions = ['/twilio/messaging/messages/read', '/twilio/messaging/messages/create'];
    const created = await h.api.createKey(h.token, { type: 'restricted', friendlyName: 'sms only', permissions });
    assert.strictEqual(created.type, 'restricted');
    assert.deepStrictEqual(created.permissions, permissions);
    assert.match(created.secret, /^[A-Za-z0-9]{32}$/);

    const fetched = await h.api.fetchKey(h.main, created.sid);
    assert.strictEqual(fetched.type, 'restricted');
    assert.deepStrictEqual(fetched.permissions, permissions);
  });

  it('lists restricted keys as restricted, without permissions (the list does not carry them)', async () => {
    const created = await h.api.createKey(h.token, { type: 'restricted', permissions: ['/twilio/messaging/messages/read'] });
    const listed = (await h.api.listKeys(h.token)).keys.find((k) => k.sid === created.sid);
    assert.strictEqual(listed?.type, 'restricted');
    assert.strictEqual(listed?.permissions, undefined);
  });

  it('sends each permission once', async () => {
    const p = '/twilio/messaging/messages/read';
    const created = await h.api.createKey(h.token, { type: 'restricted', permissions: [p, p] });
    assert.deepStrictEqual(h.emu.state.keys.get(created.sid)?.policy?.allow, [p]);
  });

  it('keeps the permissions when a restricted key is renamed', async () => {
    const created = await h.api.createKey(h.token, { type: 'restricted', permissions: ['/twilio/voice/calls/read'] });
    const renamed = await h.api.renameKey(h.token, created.sid, 'voice reader');
    assert.deepStrictEqual([renamed.friendlyName, renamed.type, renamed.permissions], ['voice reader', 'restricted', ['/twilio/voice/calls/read']]);
  });

  it('lets a restricted key do what its permissions allow and nothing else', async () => {
    const key = await h.api.createKey(h.token, {
      type: 'restricted',
      permissions: [PERMISSIONS.keysRead, PERMISSIONS.keysCreate],
    });
    const creds = keyCreds(h.emu, key.sid, key.secret);
    const page = await h.api.listKeys(creds);
    assert.strictEqual(page.keys.find((k) => k.sid === key.sid)?.type, 'restricted');
    const made = await h.api.createKey(creds, { type: 'standard', friendlyName: 'made by a restricted key' });
    const denied = await rejectsWith(h.api.deleteKey(creds, made.sid), 'permissionDenied');
    assert.strictEqual(denied.code, 70051);
    assert.strictEqual(denied.status, 403);
    await rejectsWith(h.api.renameKey(creds, made.sid, 'x'), 'permissionDenied');
    await rejectsWith(h.api.verify(creds), 'permissionDenied');
  });

  it('reports a rename by a key that may update but not read keys as done', async () => {
    const updater = await h.api.createKey(h.token, { type: 'restricted', permissions: [PERMISSIONS.keysUpdate] });
    const renamed = await h.api.renameKey(keyCreds(h.emu, updater.sid, updater.secret), h.emu.standardKey.sid, 'renamed by a restricted key');
    assert.deepStrictEqual([renamed.friendlyName, renamed.type], ['renamed by a restricted key', 'standard']);
    // The Main/Standard lookup after the rename was refused (no read permission); the rename stands.
    assert.deepStrictEqual(h.emu.requests.slice(-2).map((r) => r.status), [200, 403]);
  });

  it('refuses more than 100 permissions before calling Twilio', async () => {
    const permissions = Array.from({ length: 101 }, (_, i) => `/twilio/product${i}/things/read`);
    await rejectsWith(h.api.createKey(h.token, { type: 'restricted', permissions }), 'invalidRequest');
    await rejectsWith(h.api.createKey(h.token, { type: 'restricted', permissions: [] }), 'invalidRequest');
    assert.strictEqual(h.emu.requests.length, 0);
  });

  it('accepts exactly 100 permissions', async () => {
    const permissions = Array.from({ length: 100 }, (_, i) => `/twilio/product${i}/things/read`);
    const created = await h.api.createKey(h.token, { type: 'restricted', permissions });
    assert.strictEqual(created.permissions?.length, 100);
  });
});
