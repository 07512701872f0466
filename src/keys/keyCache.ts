import type { ApiKey, KeyPage } from '../twilio/types';
import type { AccountStore } from '../accounts/accountStore';
import type { TwilioService } from '../services/twilioService';
import type { Log } from '../util/log';
import { PagedCache, Paged } from './pagedCache';

function keyPages(page: KeyPage): Paged<ApiKey> {
  return { items: page.keys, hasMore: page.hasMore, next: () => page.next().then(keyPages) };
}

/**
 * Each account's API keys, page by page: what the tree shows and the commands look keys up in.
 */
export class KeyCache extends PagedCache<ApiKey> {
  constructor(accounts: AccountStore, twilio: TwilioService, log: Log, pageSize: () => number) {
    super(
      async (accountSid) => {
        const creds = await accounts.credentials(accountSid);
        if (!creds) return 'noCredentials';
        return keyPages(await (await twilio.get()).listKeys(creds, { pageSize: pageSize() }));
      },
      'keys',
      log,
    );
  }

  /** Loaded keys of an account. */
  keys(accountSid: string): ApiKey[] {
    return this.items(accountSid);
  }

  findKey(accountSid: string, keySid: string): ApiKey | undefined {
    return this.find(accountSid, keySid);
  }
}
