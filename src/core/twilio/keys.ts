// API keys: list, fetch, rename, change a restricted key's permissions, delete (creation is in
// keyCreation.ts).
//   listKeys             GET  iam  /v1/Keys?AccountSid=…          (flags tell the key types apart)
//   fetchKey             GET  iam  /v1/Keys/{Sid}                 (policy: restricted or not)
//   renameKey            POST iam  /v1/Keys/{Sid} FriendlyName
//   updateKeyPermissions POST iam  /v1/Keys/{Sid} Policy          (restricted keys, in place)
//   deleteKey            DEL  iam  /v1/Keys/{Sid}
// A subaccount reached with its parent's Auth Token is served by the REST API 2010 only: Twilio
// lets a parent's credentials reach its subaccounts' v2010 resources, while resources on other
// hosts (iam.twilio.com among them) need the subaccount's own credentials. So such keys are
// listed, fetched, renamed and deleted through /2010-04-01/Accounts/{Sub}/Keys, whose answers
// cannot tell key types apart (`typeUnknown`), and restricted keys cannot be made.
import * as l10n from '@vscode/l10n';
import { Caller, READ, WRITE } from './caller';
import type { TwilioClient } from './client';
import { TwilioApiError } from './errors';
import { permissionsFromPolicy, typeFromFlags, withCallerKey } from './keyTypes';
import { callerKeySid, checkPageSize, date, deleteOnce, nextUrl, requireSid, viaParent } from './shared';
import type { AccountCredentials, ApiKey, CallOptions, KeyPage, KeyType } from './types';
import { restrictedKeysAvailable } from './types';
import { checkCreateRequest, checkFriendlyName, checkKeySid } from './validation';

export interface KeyFields {
  sid: string;
  friendlyName: string | null;
  dateCreated: Date;
  dateUpdated: Date;
}

type ListedKey = KeyFields & { flags?: string[] };
type KeysPage = { instances: ListedKey[]; nextPageUrl?: string };

export function keyFields(k: KeyFields): Omit<ApiKey, 'type'> {
  return { sid: requireSid(k.sid, 'SK'), friendlyName: k.friendlyName ?? '', dateCreated: date(k.dateCreated), dateUpdated: date(k.dateUpdated) };
}

function fromListed(k: ListedKey, creds: AccountCredentials): ApiKey {
  // REST API 2010 answers (subaccounts through their parent) carry no flags: the type is unknown.
  if (viaParent(creds)) return v2010Key(k);
  const base = keyFields(k);
  return { ...base, type: withCallerKey(typeFromFlags(k.flags), base.sid, callerKeySid(creds)) };
}

/** A key listed, fetched or renamed through the REST API 2010 (subaccount through its parent): type unknown. */
function v2010Key(k: KeyFields): ApiKey {
  return { ...keyFields(k), type: 'standard', typeUnknown: true };
}

/** A fetched or updated key: `policy` marks it restricted, else see unrestrictedType. */
async function detailedKey(client: TwilioClient, creds: AccountCredentials, k: KeyFields & { policy: unknown }): Promise<ApiKey> {
  const base = keyFields(k);
  const permissions = permissionsFromPolicy(k.policy);
  if (permissions) return { ...base, type: 'restricted', permissions };
  return { ...base, type: await unrestrictedType(client, creds, base.sid) };
}

/**
 * A non-restricted key is Main or Standard; only its flags in the list (or being our own key)
 * say which. Best effort: the fetch or rename it follows has succeeded, so a failed lookup (a
 * restricted caller without read permission, say) must not turn that into an error.
 */
async function unrestrictedType(client: TwilioClient, creds: AccountCredentials, sid: string): Promise<KeyType> {
  if (sid === callerKeySid(creds)) return 'main';
  try {
    let page = await client.iam.v1.getApiKeys.page({ accountSid: creds.accountSid, pageSize: 1000 });
    for (;;) {
      const hit = page.instances.find((k) => k.sid === sid);
      if (hit) return typeFromFlags(hit.flags) === 'main' ? 'main' : 'standard';
      const next = nextUrl(page.nextPageUrl);
      if (!next) return 'standard';
      page = await client.iam.v1.getApiKeys.getPage(next);
    }
  } catch {
    return 'standard';
  }
}

/** The REST API 2010 key resource of the account: the route for a subaccount through its parent. */
function v2010Keys(client: TwilioClient, creds: AccountCredentials) {
  return client.api.v2010.accounts(creds.accountSid).keys;
}

export async function listKeys(caller: Caller, creds: AccountCredentials, opts?: CallOptions & { pageSize?: number }): Promise<KeyPage> {
  checkPageSize(opts?.pageSize);
  return caller.run(creds, opts, READ, async (client) => keyPage(caller, creds, await firstKeysPage(client, creds, opts?.pageSize), opts));
}

function firstKeysPage(client: TwilioClient, creds: AccountCredentials, pageSize: number | undefined): Promise<KeysPage> {
  return viaParent(creds) ? v2010Keys(client, creds).page({ pageSize }) : client.iam.v1.getApiKeys.page({ accountSid: creds.accountSid, pageSize });
}

/** The page after `url`: IAM's list, or the REST API 2010 list for a subaccount through its parent. */
function keysPageAt(client: TwilioClient, creds: AccountCredentials, url: string): Promise<KeysPage> {
  return viaParent(creds) ? v2010Keys(client, creds).getPage(url) : client.iam.v1.getApiKeys.getPage(url);
}

function keyPage(caller: Caller, creds: AccountCredentials, page: KeysPage, opts?: CallOptions): KeyPage {
  const next = nextUrl(page.nextPageUrl);
  return {
    keys: page.instances.map((k) => fromListed(k, creds)),
    hasMore: !!next,
    next: async (nextOpts = opts) =>
      next
        ? caller.run(creds, nextOpts, READ, async (client) => keyPage(caller, creds, await keysPageAt(client, creds, next), nextOpts))
        : keyPage(caller, creds, { instances: [] }, nextOpts),
  };
}

export async function fetchKey(caller: Caller, creds: AccountCredentials, sid: string, opts?: CallOptions): Promise<ApiKey> {
  checkKeySid(sid);
  return caller.run(creds, opts, READ, async (client) =>
    viaParent(creds) ? v2010Key(await v2010Keys(client, creds)(sid).fetch()) : detailedKey(client, creds, await client.iam.v1.apiKey(sid).fetch()),
  );
}

export async function renameKey(caller: Caller, creds: AccountCredentials, sid: string, friendlyName: string, opts?: CallOptions): Promise<ApiKey> {
  checkKeySid(sid);
  checkFriendlyName(friendlyName);
  return caller.run(creds, opts, WRITE, async (client) =>
    viaParent(creds)
      ? v2010Key(await v2010Keys(client, creds)(sid).update({ friendlyName }))
      : detailedKey(client, creds, await client.iam.v1.apiKey(sid).update({ friendlyName })),
  );
}

export function checkRestrictedRegion(creds: AccountCredentials): void {
  if (!restrictedKeysAvailable(creds.region)) {
    throw new TwilioApiError(
      'invalidRequest',
      l10n.t('Restricted API keys exist only in Twilio’s United States (US1) region; this account uses {0}. Create a Standard key here, or a restricted key for the account in US1.', creds.region ?? ''),
    );
  }
}

/** Replaces a restricted key's permissions in place (its secret stays). */
export async function updateKeyPermissions(caller: Caller, creds: AccountCredentials, sid: string, permissions: string[], opts?: CallOptions): Promise<ApiKey> {
  checkKeySid(sid);
  checkCreateRequest({ type: 'restricted', permissions });
  if (viaParent(creds)) {
    throw new TwilioApiError(
      'invalidRequest',
      l10n.t('Permissions of a subaccount’s keys can only be changed with the subaccount’s own Auth Token or Main key: Twilio serves them from iam.twilio.com, which a parent account’s Auth Token does not reach.'),
    );
  }
  checkRestrictedRegion(creds);
  return caller.run(creds, opts, WRITE, async (client) => {
    const k = await client.iam.v1.apiKey(sid).update({ policy: { allow: [...new Set(permissions)] } });
    const updated = permissionsFromPolicy(k.policy);
    if (!updated) throw new TwilioApiError('unexpectedResponse');
    return { ...keyFields(k), type: 'restricted', permissions: updated };
  });
}

export async function deleteKey(caller: Caller, creds: AccountCredentials, sid: string, opts?: CallOptions): Promise<void> {
  checkKeySid(sid);
  return caller.run(creds, opts, WRITE, (client, call) =>
    deleteOnce(call, () => (viaParent(creds) ? v2010Keys(client, creds)(sid).remove() : client.iam.v1.apiKey(sid).remove())),
  );
}
