import type { AccountInfo, ApiKey, KeyPage } from '../core/twilio/types';
import type { AccountStore } from './accountStore';
import type { TwilioService } from './twilioService';
import type { Log } from '../platform/log';
import { PagedCache, Paged } from './pagedCache';

function keyPages(page: KeyPage): Paged<ApiKey> {
  return { items: page.keys, hasMore: page.hasMore, next: () => page.next().then(keyPages) };
}

/**
 * Each account's API keys, page by page: what the tree shows and the commands look keys up in.
 */
export class KeyCache extends PagedCache<ApiKey> {
  constructor(
    private readonly accounts: AccountStore,
    twilio: TwilioService,
    log: Log,
    pageSize: () => number,
  ) {
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

  /**
   * Starts (or joins) loading a subaccount's keys. The subaccount is recorded first, so the keys
   * have credentials (its parent's) and their stored secrets have a home; drawing it records nothing.
   */
  async loadSubaccount(parentSid: string, sub: Pick<AccountInfo, 'sid' | 'friendlyName'>): Promise<void> {
    if (!this.state(sub.sid)) {
      // The parent was disconnected meanwhile: nothing to record or load.
      if (!this.accounts.get(parentSid)) return;
      await this.accounts.ensureSubaccount(parentSid, sub);
    }
    return this.load(sub.sid);
  }
}
