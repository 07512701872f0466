// Resource representations (snake_case, RFC 2822 dates) and the key operations both APIs share.
import { canSee, Principal, Product } from './auth';
import { ACCOUNT_SID, KEY_SID, rfc2822 } from './ids';
import { AccountRecord, EmulatorState, KeyRecord, KeyType } from './state';
import { errors } from './twilioErrors';

/**
 * What IAM's list shows in `flags` (an emulator convention, see README): every key can call the
 * REST API; Main and Standard keys can also sign Access Tokens (restricted keys cannot, per
 * Twilio's docs); Main keys carry an extra "main" flag because nothing else in the API says so.
 */
export const FLAGS: Record<KeyType, string[]> = {
  main: ['rest_api', 'signing', 'main'],
  standard: ['rest_api', 'signing'],
  restricted: ['rest_api'],
};

export function accountJson(a: AccountRecord) {
  const base = `/2010-04-01/Accounts/${a.sid}`;
  return {
    auth_token: a.authToken,
    date_created: rfc2822(a.dateCreated),
    date_updated: rfc2822(a.dateUpdated),
    friendly_name: a.friendlyName,
    owner_account_sid: a.ownerAccountSid,
    sid: a.sid,
    status: a.status,
    subresource_uris: {
      balance: `${base}/Balance.json`,
      keys: `${base}/Keys.json`,
    },
    type: a.type,
    uri: `${base}.json`,
  };
}

/** v2010 Key: sid, friendly_name, date_created, date_updated. */
export function keyJson(k: KeyRecord) {
  return { sid: k.sid, friendly_name: k.friendlyName, date_created: rfc2822(k.dateCreated), date_updated: rfc2822(k.dateUpdated) };
}

/** An account the principal may see, else 404 (another account's resources are invisible). */
type Visibility = { state: EmulatorState; principal: Principal; path: string; product: Product };

export function visibleAccount(ctx: Visibility, sid: string): AccountRecord {
  const account = ACCOUNT_SID.test(sid) ? ctx.state.accounts.get(sid) : undefined;
  if (!account || !canSee(ctx.principal, account, ctx.product)) throw errors.notFound(ctx.path);
  return account;
}

/** A key the principal may see, optionally required to belong to `accountSid`, else 404. */
export function visibleKey(
  ctx: Visibility,
  sid: string,
  accountSid?: string,
): KeyRecord {
  const key = KEY_SID.test(sid) ? ctx.state.keys.get(sid) : undefined;
  const account = key && ctx.state.accounts.get(key.accountSid);
  if (!key || !account || (accountSid && key.accountSid !== accountSid) || !canSee(ctx.principal, account, ctx.product)) {
    throw errors.notFound(ctx.path);
  }
  return key;
}

/** Creates a key through the API: the account's key limit applies (70151). */
export function createKey(
  state: EmulatorState,
  account: AccountRecord,
  friendlyName: string | null | undefined,
  type: 'standard' | 'restricted',
  policy?: { allow: string[] },
): KeyRecord {
  const limit = state.keyLimitOf(account.sid);
  if (state.keysOf(account.sid).length >= limit) throw errors.keyLimit(limit);
  return state.addKey(account.sid, { friendlyName, type, permissions: policy?.allow });
}

export function touch(k: KeyRecord): void {
  // Dates have one-second resolution on the wire; keep date_updated >= date_created regardless.
  k.dateUpdated = new Date(Math.max(Date.now(), k.dateCreated.getTime()));
}
