import * as assert from 'assert';
import type { ApiKey, KeyPage } from '../../../src/core/twilio/types';
import { rejectsWith, useEmulator } from './harness';

async function collect(first: KeyPage): Promise<{ keys: ApiKey[]; pages: number }> {
  const keys = [...first.keys];
  let page = first;
  let pages = 1;
  while (page.hasMore) {
    page = await page.next();
    keys.push(...page.keys);
    pages++;
  }
  return { keys, pages };
}

describe('Twilio API: listing keys page by page', () => {
  const h = useEmulator({ keys: 23 }); // 25 keys with the seeded Main and Standard ones

  it('walks every page in creation order without gaps or repeats', async () => {
    const { keys, pages } = await collect(await h.api.listKeys(h.token, { pageSize: 10 }));
    assert.strictEqual(pages, 3);
    assert.deepStrictEqual(
      keys.map((k) => k.sid),
      h.emu.state.keysOf(h.emu.accountSid).map((k) => k.sid),
    );
  });

  it('keeps its place when keys are deleted between pages', async () => {
    const first = await h.api.listKeys(h.token, { pageSize: 10 });
    // Delete the last key of the first page and the first of the second.
    const all = h.emu.state.keysOf(h.emu.accountSid).map((k) => k.sid);
    await h.api.deleteKey(h.token, all[9]);
    await h.api.deleteKey(h.token, all[10]);
    const { keys } = await collect(first);
    assert.deepStrictEqual(
      keys.map((k) => k.sid),
      [...all.slice(0, 10), ...all.slice(11)],
    );
  });

  it('answers next() after the last page with an empty page', async () => {
    const page = await h.api.listKeys(h.token, { pageSize: 1000 });
    assert.strictEqual(page.keys.length, 25);
    assert.strictEqual(page.hasMore, false);
    const after = await page.next();
    assert.deepStrictEqual([after.keys, after.hasMore], [[], false]);
  });

  it('uses Twilio’s default page size of 50 when none is given', async () => {
    await h.api.listKeys(h.token);
    assert.strictEqual(h.emu.requests.at(-1)?.query, `?AccountSid=${h.emu.accountSid}`);
  });

  it('rejects a page size outside 1..1000 before calling Twilio', async () => {
    await rejectsWith(h.api.listKeys(h.token, { pageSize: 0 }), 'invalidRequest');
    await rejectsWith(h.api.listKeys(h.token, { pageSize: 1001 }), 'invalidRequest');
    assert.strictEqual(h.emu.requests.length, 0);
  });

  it('asks for the following pages in the region and edge of the credentials', async () => {
    const regional = { ...h.token, region: 'ie1', edge: 'dublin' };
    await collect(await h.api.listKeys(regional, { pageSize: 10 }));
    assert.deepStrictEqual(
      h.emu.requests.map((r) => r.host),
      ['iam.dublin.ie1.twilio.com', 'iam.dublin.ie1.twilio.com', 'iam.dublin.ie1.twilio.com'],
    );
  });

  it('next() honours its own call options', async () => {
    const first = await h.api.listKeys(h.token, { pageSize: 10 });
    h.emu.faults.hangNext();
    await rejectsWith(first.next({ timeoutMs: 100 }), 'timeout');
  });
});
