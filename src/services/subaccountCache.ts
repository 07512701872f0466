import type { AccountInfo, AccountPage } from '../core/twilio/types';
import type { AccountStore } from './accountStore';
import type { TwilioService } from './twilioService';
import type { Log } from '../platform/log';
import { PagedCache, Paged } from './pagedCache';

function accountPages(page: AccountPage, parentSid: string): Paged<AccountInfo> {
  return {
    items: page.accounts.filter((a) => a.sid !== parentSid),
    hasMore: page.hasMore,
    next: () => page.next().then((p) => accountPages(p, parentSid)),
  };
}

/** Subaccounts of each account connected with an Auth Token (which manages them), page by page. */
export class SubaccountCache extends PagedCache<AccountInfo> {
  constructor(
    private readonly accounts: AccountStore,
    twilio: TwilioService,
    log: Log,
  ) {
    super(
      async (parentSid) => {
        const creds = await accounts.credentials(parentSid);
        if (!creds) return 'noCredentials';
        return accountPages(await (await twilio.get()).listSubaccounts(creds, { pageSize: 50 }), parentSid);
      },
      'subaccounts',
      log,
    );
  }

  /** Only accounts connected with an Auth Token can manage subaccounts with it. */
  supports(accountSid: string): boolean {
    const a = this.accounts.get(accountSid);
    return !!a && a.auth === 'authToken' && !a.parentAccountSid;
  }
}
