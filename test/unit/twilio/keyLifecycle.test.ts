import * as assert from 'assert';
import { keyCreds, rejectsWith, useEmulator } from './harness';

describe('Twilio API: key lifecycle (create, list, rename, delete)', () => {
  const h = useEmulator();

  it('creates a standard key whose secret is returned once and which then works as a credential', async () => {
    const created = await h.api.createKey(h.token, { type: 'standard', friendlyName: 'ci deploy' });
    assert.match(created.sid, /^SK[0-9a-f]{32}$/);
    assert.match(created.secret, /^[A-Za-z0-9]{32}$/);
    assert.strictEqual(created.type, 'standard');
    assert.strictEqual(created.friendlyName, 'ci deploy');
    assert.ok(created.dateCreated instanceof Date);

    // Valid, but Standard: told apart from a wrong secret, which fails as authentication.
    await rejectsWith(h.api.verify(keyCreds(h.emu, created.sid, created.secret)), 'standardKeyCannotManage');
    await rejectsWith(h.api.verify(keyCreds(h.emu, created.sid, created.secret.replace(/./, (c) => (c === 'a' ? 'b' : 'a')))), 'authentication');

    const fetched = await h.api.fetchKey(h.token, created.sid);
    assert.strictEqual((fetched as { secret?: string }).secret, undefined);
    assert.deepStrictEqual({ ...fetched, dateCreated: undefined, dateUpdated: undefined }, {
      sid: created.sid,
      friendlyName: 'ci deploy',
      type: 'standard',
      dateCreated: undefined,
      dateUpdated: undefined,
    });
  });

  it('lists the seeded Main and Standard keys and a new key', async () => {
    const created = await h.api.createKey(h.main, { type: 'standard' });
    const page = await h.api.listKeys(h.main);
    const bySid = new Map(page.keys.map((k) => [k.sid, k]));
    assert.strictEqual(bySid.get(h.emu.mainKey.sid)?.type, 'main');
    assert.strictEqual(bySid.get(h.emu.standardKey.sid)?.type, 'standard');
    assert.strictEqual(bySid.get(created.sid)?.type, 'standard');
    assert.strictEqual(bySid.get(created.sid)?.friendlyName, '');
    assert.strictEqual(page.hasMore, false);
  });

  it('renames a key and deletes it', async () => {
    const created = await h.api.createKey(h.token, { type: 'standard', friendlyName: 'old' });
    const renamed = await h.api.renameKey(h.token, created.sid, 'new name');
    assert.strictEqual(renamed.friendlyName, 'new name');
    assert.strictEqual(h.emu.state.keys.get(created.sid)?.friendlyName, 'new name');
    await h.api.deleteKey(h.token, created.sid);
    assert.strictEqual(h.emu.state.keys.has(created.sid), false);
  });
});
