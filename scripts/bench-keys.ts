// Key listing through the real `twilio` library against the emulator with 10,000 keys: time to
// the first page the sidebar shows, and to every key. Prints figures; `--out FILE` writes JSON.
import * as fs from 'fs';
import * as path from 'path';
import { startEmulator } from '../test/emulator/server';
import { createTwilioApi } from '../src/core/twilio/api';
import type { AccountCredentials } from '../src/core/twilio/types';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

async function timeIt<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = process.hrtime.bigint();
  const v = await fn();
  return [Number(process.hrtime.bigint() - t0) / 1e6, v];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function benchKeys(keys = 10_000, runs = 5): Promise<Record<string, number>> {
  const em = await startEmulator({ keys });
  try {
    const api = createTwilioApi({ apiOrigin: em.url });
    const creds: AccountCredentials = { accountSid: em.accountSid, auth: { kind: 'authToken', authToken: em.authToken } };
    const total = em.state.keysOf(em.accountSid).length;
    const [libraryLoad] = await timeIt(async () => api.verify(creds));
    const first: number[] = [];
    const all: number[] = [];
    const all50: number[] = [];
    for (let r = 0; r < runs; r++) {
      first.push((await timeIt(() => api.listKeys(creds, { pageSize: 50 })))[0]);
      for (const [bucket, size] of [[all, 1000], [all50, 50]] as const) {
        const [ms, n] = await timeIt(async () => {
          let page = await api.listKeys(creds, { pageSize: size });
          let count = page.keys.length;
          while (page.hasMore) {
            page = await page.next();
            count += page.keys.length;
          }
          return count;
        });
        if (n !== total) throw new Error(`listed ${n} of ${total} keys`);
        bucket.push(ms);
      }
    }
    return {
      keys: total,
      firstCallMs: Math.round(libraryLoad),
      firstPageMs: Math.round(median(first) * 10) / 10,
      allKeysPageSize1000Ms: Math.round(median(all)),
      allKeysPageSize50Ms: Math.round(median(all50)),
    };
  } finally {
    await em.close();
  }
}

// Run directly (not when bundled into scripts/bench.ts, where require.main is the bundle itself).
if (/bench-keys\.js$/.test(process.argv[1] ?? '')) {
  void (async () => {
    const figures = await benchKeys(Number(arg('keys', '10000')), Number(arg('runs', '5')));
    console.log(`Key listing through twilio-node against the emulator (${figures.keys} keys, median of runs):`);
    console.log(`  first page (50 keys):          ${figures.firstPageMs} ms`);
    console.log(`  all keys, pages of 1000:       ${figures.allKeysPageSize1000Ms} ms`);
    console.log(`  all keys, pages of 50:         ${figures.allKeysPageSize50Ms} ms`);
    const out = arg('out', '');
    if (out) {
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, JSON.stringify(figures, null, 2));
    }
  })().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
