// One page of a twilio-node list as the layer's Page<T>: items mapped, `next()` following Twilio's
// page link (only to Twilio: credentials travel with it) as its own call.
import { Caller, READ } from './caller';
import type { TwilioClient } from './client';
import { checkPageSize, nextUrl } from './shared';
import type { AccountCredentials, CallOptions, ListOptions, Page } from './types';

/** What twilio-node's `page()` and `getPage()` resolve to. */
export interface LibraryPage<R> {
  instances: R[];
  nextPageUrl?: string;
}

export interface PagedList<R, T> {
  first(client: TwilioClient, pageSize: number | undefined): Promise<LibraryPage<R>>;
  at(client: TwilioClient, url: string): Promise<LibraryPage<R>>;
  map(item: R): T;
}

/** The first page of a list; each `next()` is one more call with its own options. */
export async function listPage<R, T>(caller: Caller, creds: AccountCredentials, list: PagedList<R, T>, opts?: ListOptions): Promise<Page<T>> {
  checkPageSize(opts?.pageSize);
  return caller.run(creds, opts, READ, async (client) => toPage(caller, creds, list, await list.first(client, opts?.pageSize), opts));
}

function toPage<R, T>(caller: Caller, creds: AccountCredentials, list: PagedList<R, T>, page: LibraryPage<R>, opts?: CallOptions): Page<T> {
  const next = nextUrl(page.nextPageUrl);
  return {
    items: page.instances.map((r) => list.map(r)),
    hasMore: !!next,
    next: async (nextOpts = opts) =>
      next
        ? caller.run(creds, nextOpts, READ, async (client) => toPage(caller, creds, list, await list.at(client, next), nextOpts))
        : toPage(caller, creds, list, { instances: [] }, nextOpts),
  };
}

/** Lives in types.ts (a light module) so the extension bundle can page through lists too. */
export { everyItem } from './types';
