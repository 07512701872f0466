import type { AccountCredential, Page, PushCredential } from '../core/twilio/types';
import type { AccountStore } from './accountStore';
import type { TwilioService } from './twilioService';
import type { Log } from '../platform/log';
import { Disposable } from '../core/util/disposable';
import { PagedCache, type Paged } from './pagedCache';

/** Accounts keep a handful of these: read whole, pages of 1000, at most this many pages. */
const PAGE_SIZE = 1000;
const MAX_PAGES = 20;

/** Every item of a Twilio list (bounded), as one loaded page. */
async function whole<T>(first: Promise<Page<T>>): Promise<T[]> {
  let page = await first;
  const items = [...page.items];
  for (let n = 1; page.hasMore && n < MAX_PAGES; n++) {
    page = await page.next();
    items.push(...page.items);
  }
  return items;
}

function loaded<T>(items: T[]): Paged<T> {
  const done: Paged<T> = { items, hasMore: false, next: async () => ({ items: [], hasMore: false, next: done.next }) };
  return done;
}

/**
 * The places an account keeps credentials besides its keys (issue 20), as the tree and the
 * commands share them: its public keys and AWS credentials (Accounts v1, one list, public keys
 * first) and its push credentials (Conversations v1). Each loaded whole on first need; Twilio never
 * returns their key material, so nothing here is secret.
 */
export class CredentialLists extends Disposable {
  readonly accountCredentials: PagedCache<AccountCredential>;
  readonly push: PagedCache<PushCredential>;

  constructor(accounts: AccountStore, twilio: TwilioService, log: Log) {
    super();
    const withCredentials = <T>(list: (api: Awaited<ReturnType<TwilioService['get']>>, creds: NonNullable<Awaited<ReturnType<AccountStore['credentials']>>>) => Promise<T[]>) =>
      async (accountSid: string): Promise<Paged<T> | 'noCredentials'> => {
        const creds = await accounts.credentials(accountSid);
        if (!creds) return 'noCredentials';
        return loaded(await list(await twilio.get(), creds));
      };
    this.accountCredentials = this.own(
      new PagedCache<AccountCredential>(
        withCredentials(async (api, creds) => [
          ...(await whole(api.listAccountCredentials(creds, 'publicKey', { pageSize: PAGE_SIZE }))),
          ...(await whole(api.listAccountCredentials(creds, 'aws', { pageSize: PAGE_SIZE }))),
        ]),
        'public keys and AWS credentials',
        log,
      ),
    );
    this.push = this.own(new PagedCache<PushCredential>(withCredentials((api, creds) => whole(api.listPushCredentials(creds, { pageSize: PAGE_SIZE }))), 'push credentials', log));
  }

  /** Drops the lists of accounts no longer connected. */
  prune(connected: ReadonlySet<string>): void {
    this.accountCredentials.prune(connected);
    this.push.prune(connected);
  }

  forget(accountSid?: string): void {
    this.accountCredentials.forget(accountSid);
    this.push.forget(accountSid);
  }
}
