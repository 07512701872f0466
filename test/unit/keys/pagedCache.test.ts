// PagedCache in plain Node: a Twilio list per account, a page at a time, shared by the tree and
// the commands. The fetch is a scripted function; the log a recorder.
import * as assert from 'assert';
import { PagedCache, Paged } from '../../../src/services/pagedCache';
import { CancellableCache } from '../../../src/services/cancellableCache';
import { TwilioApiError } from '../../../src/core/twilio/errors';
import type { Log } from '../../../src/platform/log';

interface Item {
  sid: string;
  name: string;
}

const items = (...sids: string[]): Item[] => sids.map((sid) => ({ sid, name: sid.toLowerCase() }));

/** Pages of the given items; `failNext` makes the next page fail once. */
function pages(all: Item[][], opts: { failNext?: Error } = {}): Paged<Item> {
  const at = (i: number): Paged<Item> => ({
    items: all[i] ?? [],
    hasMore: i < all.length - 1,
    next: async () => {
      if (opts.failNext) {
        const e = opts.failNext;
        opts.failNext = undefined;
        throw e;
      }
      return at(i + 1);
    },
  });
  return at(0);
}

function setup(fetch: (accountSid: string) => Promise<Paged<Item> | 'noCredentials'>) {
  const errors: string[] = [];
  const log = { error: (message: string) => errors.push(message) } as unknown as Log;
  let fetches = 0;
  const cache = new PagedCache<Item>((sid) => (fetches++, fetch(sid)), 'things', log);
  const changed: Array<string | undefined> = [];
  cache.onDidChange((sid) => changed.push(sid));
  return { cache, errors, changed, fetches: () => fetches };
}

describe('PagedCache', () => {
  it('loads the first page once, however many ask at the same time', async () => {
    const { cache, fetches } = setup(async () => pages([items('SK1', 'SK2'), items('SK3')]));
    assert.strictEqual(cache.state('AC1'), undefined);
    const loads = [cache.load('AC1'), cache.load('AC1'), cache.load('AC1')];
    assert.strictEqual(cache.state('AC1')?.status, 'loading');
    assert.deepStrictEqual(cache.items('AC1'), [], 'nothing shown until the page arrives');
    await Promise.all(loads);
    await cache.load('AC1');
    assert.strictEqual(fetches(), 1);
    assert.deepStrictEqual(cache.items('AC1').map((x) => x.sid), ['SK1', 'SK2']);
    assert.strictEqual(cache.find('AC1', 'SK2')?.name, 'sk2');
  });

  it('loads more on request, without repeating an item that moved between pages', async () => {
    const { cache } = setup(async () => pages([items('SK1', 'SK2'), items('SK2', 'SK3')]));
    await cache.load('AC1');
    await cache.loadMore('AC1');
    const s = cache.state('AC1');
    assert.ok(s?.status === 'loaded');
    assert.deepStrictEqual(s.items.map((x) => x.sid), ['SK1', 'SK2', 'SK3']);
    assert.strictEqual(s.page.hasMore, false);
    await cache.loadMore('AC1'); // nothing more: no call, no change
    assert.deepStrictEqual(cache.items('AC1').map((x) => x.sid), ['SK1', 'SK2', 'SK3']);
  });

  it('keeps what it has when loading more fails, and says why', async () => {
    const failNext = new TwilioApiError('offline', 'Twilio cannot be reached.');
    const { cache } = setup(async () => pages([items('SK1'), items('SK2')], { failNext }));
    await cache.load('AC1');
    await assert.rejects(cache.loadMore('AC1'), /cannot be reached/);
    const s = cache.state('AC1');
    assert.ok(s?.status === 'loaded' && !s.loadingMore);
    assert.deepStrictEqual(s.items.map((x) => x.sid), ['SK1']);
    await cache.loadMore('AC1');
    assert.deepStrictEqual(cache.items('AC1').map((x) => x.sid), ['SK1', 'SK2'], 'a retry works');
  });

  it('shows a failed first page as an error, logged, and loads again only when forced', async () => {
    let fail = true;
    const { cache, errors, fetches } = setup(async () => {
      if (fail) throw new TwilioApiError('authentication', 'Twilio rejected the credentials.');
      return pages([items('SK1')]);
    });
    await cache.load('AC1');
    const s = cache.state('AC1');
    assert.ok(s?.status === 'error');
    assert.strictEqual(s.error.kind, 'authentication');
    assert.deepStrictEqual(errors, ['Listing things of AC1 failed']);
    fail = false;
    await cache.load('AC1');
    assert.strictEqual(fetches(), 1, 'an error is kept until a forced load (Retry, Refresh)');
    await cache.load('AC1', true);
    assert.deepStrictEqual(cache.items('AC1').map((x) => x.sid), ['SK1']);
  });

  it('knows an account without stored credentials', async () => {
    const { cache } = setup(async () => 'noCredentials');
    await cache.load('AC1');
    assert.strictEqual(cache.state('AC1')?.status, 'noCredentials');
    assert.deepStrictEqual(cache.items('AC1'), []);
  });

  it('reflects a created, renamed or deleted item at once, announcing the account', async () => {
    const { cache, changed } = setup(async () => pages([items('SK1', 'SK2')]));
    await cache.load('AC1');
    changed.length = 0;
    cache.upsert('AC1', { sid: 'SK9', name: 'new' });
    cache.upsert('AC1', { sid: 'SK1', name: 'renamed' });
    cache.remove('AC1', 'SK2');
    assert.deepStrictEqual(cache.items('AC1'), [
      { sid: 'SK9', name: 'new' },
      { sid: 'SK1', name: 'renamed' },
    ]);
    assert.deepStrictEqual(changed, ['AC1', 'AC1', 'AC1']);
    cache.upsert('AC2', { sid: 'SK5', name: 'not loaded' });
    assert.strictEqual(cache.state('AC2'), undefined, 'an account not loaded stays unloaded');
  });

  it('cancels the request of a list forgotten while it loads, and drops its stale answer', async () => {
    let signal: AbortSignal | undefined;
    let answer: (p: Paged<Item>) => void = () => undefined;
    const cache = new PagedCache<Item>((_sid, s) => ((signal = s), new Promise((resolve) => (answer = resolve))), 'things', { error: () => undefined } as unknown as Log);
    const load = cache.load('AC1');
    cache.forget('AC1');
    assert.strictEqual(signal?.aborted, true, 'the request is cancelled');
    answer(pages([items('SK1')]));
    await load;
    assert.strictEqual(cache.state('AC1'), undefined, 'the stale page is not shown');
  });

  it('cancel() stops a first page (the next look starts over) and a further page (the list stays)', async () => {
    const signals: AbortSignal[] = [];
    const answers: Array<(p: Paged<Item>) => void> = [];
    const slow = (all: Item[][]): Paged<Item> => {
      const at = (i: number): Paged<Item> => ({
        items: all[i],
        hasMore: i < all.length - 1,
        next: (signal) => ((signals.push(signal!), new Promise((resolve) => answers.push(() => resolve(at(i + 1)))))),
      });
      return at(0);
    };
    const cache = new CancellableCache<Item>((_sid, s) => (signals.push(s), new Promise((resolve) => answers.push(resolve))), 'things', { error: () => undefined } as unknown as Log);
    const first = cache.load('AC1');
    cache.cancel('AC1');
    assert.strictEqual(signals[0].aborted, true);
    assert.strictEqual(cache.state('AC1'), undefined);
    answers[0](slow([items('SK1'), items('SK2')]));
    await first;
    assert.strictEqual(cache.state('AC1'), undefined);
    const second = cache.load('AC1');
    answers[1](slow([items('SK1'), items('SK2')]));
    await second;
    const more = cache.loadMore('AC1');
    cache.cancel('AC1');
    assert.strictEqual(signals[2].aborted, true);
    const s = cache.state('AC1');
    assert.ok(s?.status === 'loaded' && !s.loadingMore);
    answers[2](slow([]));
    await more;
    assert.deepStrictEqual(cache.items('AC1').map((x) => x.sid), ['SK1'], 'the dropped page is not added');
  });

  it('keeps an item changed here while the next page loads', async () => {
    let release: () => void = () => undefined;
    const all = [items('SK1'), items('SK2')];
    const at = (i: number): Paged<Item> => ({ items: all[i], hasMore: i === 0, next: () => new Promise((resolve) => (release = () => resolve(at(i + 1)))) });
    const { cache } = setup(async () => at(0));
    await cache.load('AC1');
    const more = cache.loadMore('AC1');
    cache.upsert('AC1', { sid: 'SK9', name: 'created meanwhile' });
    release();
    await more;
    const s = cache.state('AC1');
    assert.ok(s?.status === 'loaded' && !s.loadingMore);
    assert.deepStrictEqual(s.items.map((x) => x.sid), ['SK9', 'SK1', 'SK2']);
  });

  it('forgets disconnected accounts, and everything on refresh', async () => {
    const { cache, changed, fetches } = setup(async (sid) => pages([items(`SK-${sid}`)]));
    await Promise.all([cache.load('AC1'), cache.load('AC2')]);
    cache.prune(new Set(['AC2']));
    assert.strictEqual(cache.state('AC1'), undefined);
    assert.strictEqual(cache.state('AC2')?.status, 'loaded');
    changed.length = 0;
    cache.forget();
    assert.deepStrictEqual(changed, [undefined], 'one announcement for all');
    assert.strictEqual(cache.state('AC2'), undefined);
    await cache.load('AC2');
    assert.strictEqual(fetches(), 3);
  });

  it('a load that was forgotten (or overtaken by a newer one) never writes over what came after it', async () => {
    // A slow background load (started when an account connects) answers after a refresh has
    // forgotten the list and a new load has failed: the tree must show the new load's error.
    const answers: Array<(p: Paged<Item> | Error) => void> = [];
    const { cache } = setup(
      () =>
        new Promise<Paged<Item>>((resolve, reject) => {
          answers.push((p) => (p instanceof Error ? reject(p) : resolve(p)));
        }),
    );
    const stale = cache.load('AC1');
    cache.forget('AC1');
    const fresh = cache.load('AC1');
    assert.strictEqual(answers.length, 2, 'the forgotten load does not hold back a new one');
    answers[1](new TwilioApiError('server', 'Twilio answered with an error page.'));
    await fresh;
    answers[0](pages([items('SK1')]));
    await stale;
    assert.strictEqual(cache.state('AC1')?.status, 'error', 'the stale answer is dropped');
    cache.forget('AC1');
    const prune = cache.load('AC1');
    cache.prune(new Set());
    answers[2](pages([items('SK2')]));
    await prune;
    assert.strictEqual(cache.state('AC1'), undefined, 'a pruned account is not brought back by its load');
  });
});
