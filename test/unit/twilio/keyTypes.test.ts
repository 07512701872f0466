import * as assert from 'assert';
import { typeFromFlags, withCallerKey } from '../../../src/core/twilio/keyTypes';
import { FLAGS } from '../../emulator/server';
import { keyCreds, useEmulator } from './harness';

describe('Twilio API: telling Main, Standard and Restricted keys apart', () => {
  describe('from IAM flags', () => {
    it('reads the emulator’s flags for each type', () => {
      assert.strictEqual(typeFromFlags(FLAGS.main), 'main');
      assert.strictEqual(typeFromFlags(FLAGS.standard), 'standard');
      assert.strictEqual(typeFromFlags(FLAGS.restricted), 'restricted');
    });

    it('takes a key that can sign Access Tokens for Standard, and one without flags too', () => {
      assert.strictEqual(typeFromFlags(['rest_api', 'signing']), 'standard');
      assert.strictEqual(typeFromFlags(undefined), 'standard');
    });

    it('promotes only the caller’s own unrestricted key to Main', () => {
      assert.strictEqual(withCallerKey('standard', 'SKx', 'SKx'), 'main');
      assert.strictEqual(withCallerKey('restricted', 'SKx', 'SKx'), 'restricted');
      assert.strictEqual(withCallerKey('standard', 'SKx', 'SKy'), 'standard');
    });
  });

  describe('against the emulator', () => {
    const h = useEmulator({ keys: 1200 }); // a second Main key sits beyond the first 1000-key page

    it('shows a Main key created in the Console as Main in the list and when fetched', async () => {
      const other = h.emu.state.addKey(h.emu.accountSid, { type: 'main', friendlyName: 'second console key' });
      const listed = [];
      for (let page = await h.api.listKeys(h.token, { pageSize: 1000 }); ; page = await page.next()) {
        listed.push(...page.keys);
        if (!page.hasMore) break;
      }
      assert.strictEqual(listed.find((k) => k.sid === other.sid)?.type, 'main');
      assert.strictEqual((await h.api.fetchKey(h.token, other.sid)).type, 'main');
      assert.strictEqual((await h.api.fetchKey(h.token, h.emu.standardKey.sid)).type, 'standard');
    });

    it('knows the key in use is Main once it managed keys, without looking it up', async () => {
      const main = keyCreds(h.emu, h.emu.mainKey.sid, h.emu.mainKey.secret);
      h.emu.clearRequests();
      assert.strictEqual((await h.api.fetchKey(main, h.emu.mainKey.sid)).type, 'main');
      assert.deepStrictEqual(
        h.emu.requests.map((r) => r.path),
        [`/v1/Keys/${h.emu.mainKey.sid}`],
      );
    });
  });
});
