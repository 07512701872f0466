// Accounts (REST API 2010): verify and listSubaccounts.
//   verify            GET  api  /2010-04-01/Accounts/{AccountSid}.json
//   listSubaccounts   GET  api  /2010-04-01/Accounts.json
import { Caller, READ } from './caller';
import { checkPageSize, nextUrl, requireSid } from './shared';
import type { AccountCredentials, AccountInfo, AccountPage, CallOptions } from './types';

type AccountFields = { sid: string; friendlyName: string; status: string; type: string; ownerAccountSid: string };

function toAccountInfo(a: AccountFields): AccountInfo {
  // Built field by field: the account resource also carries the Auth Token, which must not travel on.
  return {
    sid: requireSid(a.sid, 'AC'),
    friendlyName: a.friendlyName ?? '',
    status: a.status,
    type: a.type ?? undefined,
    ownerAccountSid: a.ownerAccountSid ?? undefined,
  };
}

export function verify(caller: Caller, creds: AccountCredentials, opts?: CallOptions): Promise<AccountInfo> {
  return caller.run(creds, opts, READ, async (client) => toAccountInfo(await client.api.v2010.accounts(creds.accountSid).fetch()));
}

export async function listSubaccounts(caller: Caller, creds: AccountCredentials, opts?: CallOptions & { pageSize?: number }): Promise<AccountPage> {
  checkPageSize(opts?.pageSize);
  return caller.run(creds, opts, READ, async (client) => accountPage(caller, creds, await client.api.v2010.accounts.page({ pageSize: opts?.pageSize }), opts));
}

function accountPage(caller: Caller, creds: AccountCredentials, page: { instances: AccountFields[]; nextPageUrl?: string }, opts?: CallOptions): AccountPage {
  const next = nextUrl(page.nextPageUrl);
  return {
    // The list holds the account itself and what the credentials reach besides (with a parent's
    // Auth Token: the parent and every sibling); the subaccounts are those the account owns.
    accounts: page.instances.filter((a) => a.sid !== creds.accountSid && a.ownerAccountSid === creds.accountSid).map(toAccountInfo),
    hasMore: !!next,
    next: async (nextOpts = opts) =>
      next
        ? caller.run(creds, nextOpts, READ, async (client) => accountPage(caller, creds, await client.api.v2010.accounts.getPage(next), nextOpts))
        : accountPage(caller, creds, { instances: [] }, nextOpts),
  };
}
