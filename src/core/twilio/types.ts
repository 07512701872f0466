// The Twilio API layer's public types. No `twilio` import: the rest of the extension uses these
// without loading the library (which lives only in the lazily loaded dist/twilio.js).
import type { TwilioApiError } from './errors';

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

/**
 * One page of a list. `next()` asks for the following page with its own call options; after the
 * last page (`hasMore` false) it answers an empty page without more.
 */
export interface Page<T> {
  items: T[];
  hasMore: boolean;
  next(opts?: CallOptions): Promise<Page<T>>;
}

/** Every item of a list, page after page (each page its own call with `opts`). */
export async function everyItem<T>(first: Promise<Page<T>>, opts?: CallOptions): Promise<T[]> {
  let page = await first;
  const items = [...page.items];
  while (page.hasMore) {
    page = await page.next(opts);
    items.push(...page.items);
  }
  return items;
}

/** Paged list calls take Twilio's page size, 1–1000 (default 50). */
export type ListOptions = CallOptions & { pageSize?: number };

/** A Twilio Functions service (Serverless v1, ZS…). */
export interface FunctionsService {
  sid: string;
  uniqueName: string;
  friendlyName: string;
  /**
   * Whether Twilio puts the account's SID and Auth Token into every Function's context
   * (`context.ACCOUNT_SID`, `context.AUTH_TOKEN`): the Auth Token is then used there although no
   * variable holds it. True unless the service turned it off.
   */
  includeCredentials: boolean;
  /** The base of the service's domains, e.g. `notify-app-1234`. */
  domainBase: string;
  dateCreated?: Date;
  dateUpdated?: Date;
}

/** An environment of a Functions service (ZE…), e.g. production at `notify-app-1234-prod.twil.io`. */
export interface FunctionsEnvironment {
  sid: string;
  serviceSid: string;
  uniqueName: string;
  /** '' when the environment has none. */
  domainSuffix: string;
  domainName: string;
  dateCreated?: Date;
  dateUpdated?: Date;
}

/** Where a variable lives: a service and one of its environments. */
export interface EnvironmentRef {
  serviceSid: string;
  environmentSid: string;
}

/** A variable: its environment and its own SID (ZV…). A FunctionsVariable is one. */
export interface VariableRef extends EnvironmentRef {
  sid: string;
}

/**
 * A Functions environment variable (ZV…). Twilio returns its value with it, and the value is often
 * a secret (the preferred home of a Function's API keys). **The value is for comparing and
 * replacing in memory only: never log it, show it, put it in a message, a report, a command
 * argument or storage.** Describe a variable with `classifyFunctionsVariable` (variableKinds.ts)
 * instead. As a safety net `JSON.stringify(variable)` leaves the value out (a non-enumerable
 * `toJSON`); a spread copy (`{ ...variable }`) still holds it.
 */
export interface FunctionsVariable extends VariableRef {
  key: string;
  readonly value: string;
  dateCreated?: Date;
  dateUpdated?: Date;
}

/** Every service of an account with its environments and their variables (values in memory only). */
export interface FunctionsInventory {
  services: Array<{
    service: FunctionsService;
    environments: Array<{ environment: FunctionsEnvironment; variables: FunctionsVariable[] }>;
  }>;
}

/** What setFunctionsVariables did, by key (never values). */
export interface FunctionsVariablesWrite {
  created: string[];
  updated: string[];
  /** Already held the value asked for: nothing was sent. */
  unchanged: string[];
  /** The write that failed, if one did; the keys after it were not tried. */
  failed?: { key: string; error: TwilioApiError };
  /** Keys not tried because an earlier write failed. */
  notTried: string[];
}

/** Twilio's limits on a Functions variable: its key in characters, its value in UTF-8 bytes. */
export const MAX_VARIABLE_KEY = 128;
export const MAX_VARIABLE_VALUE_BYTES = 450;

/** Accounts v1 credentials: public keys (Public Key Client Validation) and AWS credentials. */
export type AccountCredentialKind = 'publicKey' | 'aws';

/** A public key or AWS credential of the account (CR…). Never carries the key or secret: Twilio does not return them. */
export interface AccountCredential {
  kind: AccountCredentialKind;
  sid: string;
  accountSid: string;
  /** '' when it has no name. */
  friendlyName: string;
  dateCreated?: Date;
  dateUpdated?: Date;
}

export interface AccountCredentialRef {
  kind: AccountCredentialKind;
  sid: string;
}

export interface CreatePublicKeyRequest {
  /** The PEM text of an RSA-2048 public key; checked locally (a private key is refused and never sent). */
  publicKeyPem: string;
  friendlyName?: string;
}

/** Conversations push credentials: Apple (apn), Firebase (fcm), and Google's retired GCM (gcm). */
export type PushCredentialType = 'apn' | 'gcm' | 'fcm';

/** A push credential (CR…). Never carries its certificate, private key, API key or secret. */
export interface PushCredential {
  sid: string;
  accountSid: string;
  /** A type Twilio may add later comes through as it is. */
  type: PushCredentialType | (string & {});
  /** '' when it has no name. */
  friendlyName: string;
  /** APN credentials only: whether they send to Apple's sandbox. */
  sandbox?: boolean;
  dateCreated?: Date;
  dateUpdated?: Date;
}
