// The Twilio API layer's public types. No `twilio` import: the rest of the extension uses these
// without loading the library (which lives only in the lazily loaded dist/twilio.js).

/**
 * Main keys are created in the Console only and may manage keys and accounts; Standard keys may
 * call every API except Accounts and Keys; Restricted keys may call what their permissions allow.
 */
export type KeyType = 'main' | 'standard' | 'restricted';

export interface AccountCredentials {
  /** AC + 32 hex. */
  accountSid: string;
  auth: { kind: 'authToken'; authToken: string } | { kind: 'apiKey'; keySid: string; keySecret: string };
  /** e.g. 'ie1' with edge 'dublin'; undefined means Twilio's default (us1). */
  region?: string;
  edge?: string;
  /** A subaccount managed with its parent's Auth Token: the parent's SID is the Basic-auth user,
   *  `accountSid` (the subaccount) is the account the calls address. Only with auth.kind 'authToken'.
   *  Twilio lets a parent's Auth Token reach its subaccounts' REST API 2010 resources only, so key
   *  calls for such credentials use the 2010 Keys resource (no key types, no restricted keys). */
  parentAccountSid?: string;
}

export interface ApiKey {
  sid: string;
  /** '' when the key has no name. */
  friendlyName: string;
  dateCreated?: Date;
  dateUpdated?: Date;
  type: KeyType;
  /** Restricted keys only, when known (fetchKey, createKey, renameKey; listing does not carry them). */
  permissions?: string[];
  /**
   * True when Twilio's answer could not tell Main, Standard and Restricted apart: keys of a
   * subaccount reached with its parent's Auth Token come from the REST API 2010 Keys resource,
   * which has neither flags nor policy. `type` is then 'standard', meaning "not known".
   */
  typeUnknown?: boolean;
}

export interface CreatedKey extends ApiKey {
  /** Shown by Twilio once, in the create response only. */
  secret: string;
}

/** The key as lists and caches hold it: without the secret Twilio showed once. */
export function stripSecret(key: CreatedKey): ApiKey {
  const { secret: _secret, ...rest } = key;
  return rest;
}

/** Twilio's limit on an API key's FriendlyName, in characters (code points). */
export const MAX_FRIENDLY_NAME = 64;
/** Twilio's limit on a restricted key's permissions. */
export const MAX_PERMISSIONS = 100;

/** The API keys page of the Twilio Console, or one key's page there. */
export function consoleKeysUrl(keySid?: string): string {
  const list = 'https://console.twilio.com/us1/account/keys-credentials/api-keys';
  return keySid ? `${list}/${keySid}` : list;
}

export interface AccountInfo {
  sid: string;
  friendlyName: string;
  /** 'active', 'suspended' or 'closed'. */
  status: string;
  /** 'Full' or 'Trial'. */
  type?: string;
  /** The parent account for a subaccount; the account itself otherwise. */
  ownerAccountSid?: string;
}

export interface KeyPage {
  keys: ApiKey[];
  hasMore: boolean;
  /** The following page; an empty page without more once `hasMore` is false. */
  next(opts?: CallOptions): Promise<KeyPage>;
}

export interface AccountPage {
  accounts: AccountInfo[];
  hasMore: boolean;
  next(opts?: CallOptions): Promise<AccountPage>;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Whole-call deadline, retries included (default 20 s). */
  timeoutMs?: number;
}

export type CreateKeyRequest =
  | { friendlyName?: string; type: 'standard' }
  | { friendlyName?: string; type: 'restricted'; permissions: string[] };

/** The answer of checkCredentials ("is it live?"). Nothing is stored either way. */
export type CredentialCheck =
  | {
      valid: true;
      /** The account the credentials were checked for (the subaccount, with parentAccountSid). */
      accountSid: string;
      credential: 'authToken' | 'apiKey';
      /** API keys only: which kind, as far as Twilio's answers tell. */
      keyType?: KeyType;
      /** Whether these credentials may list, create and delete API keys of the account. */
      canManageKeys: boolean;
      /** When the credentials may read the account (Auth Token, Main key). */
      accountFriendlyName?: string;
      /** 'active', 'suspended' or 'closed', when the account could be read. */
      accountStatus?: string;
      /** Restricted keys whose policy could be read. */
      permissions?: string[];
    }
  | {
      valid: false;
      /** User-facing, never contains a secret. */
      reason: string;
      /** Twilio's error code when Twilio refused the credentials (20003, 20404); absent for a local check. */
      code?: number;
    };

/** Grants of an Access Token; Conversations uses the Chat grant. */
export interface AccessTokenGrants {
  voice?: { outgoingApplicationSid?: string; incomingAllow?: boolean; pushCredentialSid?: string };
  video?: { room?: string };
  chat?: { serviceSid: string; endpointId?: string; pushCredentialSid?: string };
  sync?: { serviceSid: string; endpointId?: string };
}

export interface AccessTokenRequest {
  accountSid: string;
  /** A Main or Standard key (Twilio refuses tokens signed by Restricted keys). */
  keySid: string;
  keySecret: string;
  /** 1–256 characters; with a Voice grant at most 121 letters, digits and underscores. */
  identity: string;
  /** 1 to 86,400 (24 hours, Twilio's maximum). */
  ttlSeconds: number;
  grants: AccessTokenGrants;
}

/** A secondary Auth Token (Accounts v1), as created. Shown by Twilio in the create answer only. */
export interface SecondaryAuthToken {
  accountSid: string;
  secondaryAuthToken: string;
  dateCreated?: Date;
}

/** The answer to a promotion: the account's new primary Auth Token (the former secondary). */
export interface PromotedAuthToken {
  accountSid: string;
  authToken: string;
}

/** Restricted keys exist in the United States (US1) region only (Twilio's Console and docs). */
export function restrictedKeysAvailable(region: string | undefined): boolean {
  return !region || region === 'us1';
}
