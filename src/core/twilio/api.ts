// The Twilio API as the extension sees it: one object whose methods are the operations of the
// resource modules, bound to one set of options (origin, retries, deadline, User-Agent).
//
// Where each operation lives:
//   accounts.ts         verify, listSubaccounts                     (REST API 2010)
//   keys.ts             listKeys, fetchKey, renameKey, updateKeyPermissions, deleteKey (IAM v1,
//                       or the REST API 2010 for a subaccount through its parent)
//   keyCreation.ts      createKey, and why Twilio refused it
//   authTokens.ts       create/delete/promote a secondary Auth Token (Accounts v1)
//   credentialCheck.ts  checkCredentials ("is it live?", GET only)
//   accessToken.ts      createAccessToken (no request: a JWT signed locally)
//   caller.ts           what every call shares: its own client, deadline, retries, error mapping
// A 401 for an API key is probed with GET …/Balance.json, which Standard keys may read: if that
// works, the key is valid but Standard, and may not manage keys.
import { buildAccessToken } from './accessToken';
import { listSubaccounts, verify } from './accounts';
import { createSecondaryAuthToken, deleteSecondaryAuthToken, promoteSecondaryAuthToken } from './authTokens';
import { createCaller, TwilioApiOptions } from './caller';
import { checkCredentials } from './credentialCheck';
import { createKey } from './keyCreation';
import { deleteKey, fetchKey, listKeys, renameKey, updateKeyPermissions } from './keys';
import type {
  AccessTokenRequest,
  AccountCredentials,
  AccountInfo,
  AccountPage,
  ApiKey,
  CallOptions,
  CreatedKey,
  CreateKeyRequest,
  CredentialCheck,
  KeyPage,
  PromotedAuthToken,
  SecondaryAuthToken,
} from './types';

export type { TwilioApiOptions } from './caller';

export interface TwilioApi {
  verify(creds: AccountCredentials, opts?: CallOptions): Promise<AccountInfo>;
  listKeys(creds: AccountCredentials, opts?: CallOptions & { pageSize?: number }): Promise<KeyPage>;
  createKey(creds: AccountCredentials, req: CreateKeyRequest, opts?: CallOptions): Promise<CreatedKey>;
  fetchKey(creds: AccountCredentials, sid: string, opts?: CallOptions): Promise<ApiKey>;
  renameKey(creds: AccountCredentials, sid: string, friendlyName: string, opts?: CallOptions): Promise<ApiKey>;
  /** Replaces a restricted key's permissions in place (its secret stays). */
  updateKeyPermissions(creds: AccountCredentials, sid: string, permissions: string[], opts?: CallOptions): Promise<ApiKey>;
  /**
   * Creates a secondary Auth Token for the account whose own Auth Token `creds` hold. It
   * authenticates alongside the primary until promoted or deleted. A lost answer throws with
   * `outcomeUnknown`: a secondary may exist that was never received (creating again replaces it).
   */
  createSecondaryAuthToken(creds: AccountCredentials, opts?: CallOptions): Promise<SecondaryAuthToken>;
  /** Deletes the unpromoted secondary; false when there was none. */
  deleteSecondaryAuthToken(creds: AccountCredentials, opts?: CallOptions): Promise<boolean>;
  /** Makes the secondary the primary: the old primary stops working at once. */
  promoteSecondaryAuthToken(creds: AccountCredentials, opts?: CallOptions): Promise<PromotedAuthToken>;
  deleteKey(creds: AccountCredentials, sid: string, opts?: CallOptions): Promise<void>;
  listSubaccounts(creds: AccountCredentials, opts?: CallOptions & { pageSize?: number }): Promise<AccountPage>;
  /**
   * "Is it live?": tells valid from invalid for an Auth Token (a subaccount's, or its parent's with
   * parentAccountSid) and a Main, Standard or Restricted key, storing nothing. Malformed credentials
   * and Twilio's refusals (401, 404) answer `valid: false`; a restricted key refused a call for a
   * missing permission (403 / 70051) is valid, since it authenticated. Network errors, timeouts,
   * cancellation, 429 and 5xx throw TwilioApiError, as every other call does.
   */
  checkCredentials(creds: AccountCredentials, opts?: CallOptions): Promise<CredentialCheck>;
  /**
   * An Access Token (JWT, HS256) for Twilio's client SDKs, signed locally with twilio.jwt.AccessToken;
   * synchronous, no request. Throws TwilioApiError('invalidRequest') for a malformed request.
   */
  createAccessToken(req: AccessTokenRequest): string;
}

/** Throws TypeError when `options.apiOrigin` is given but is not a loopback http origin. */
export function createTwilioApi(options: TwilioApiOptions = {}): TwilioApi {
  const caller = createCaller(options);
  return {
    verify: (creds, opts) => verify(caller, creds, opts),
    listSubaccounts: (creds, opts) => listSubaccounts(caller, creds, opts),
    listKeys: (creds, opts) => listKeys(caller, creds, opts),
    createKey: (creds, req, opts) => createKey(caller, creds, req, opts),
    fetchKey: (creds, sid, opts) => fetchKey(caller, creds, sid, opts),
    renameKey: (creds, sid, friendlyName, opts) => renameKey(caller, creds, sid, friendlyName, opts),
    updateKeyPermissions: (creds, sid, permissions, opts) => updateKeyPermissions(caller, creds, sid, permissions, opts),
    deleteKey: (creds, sid, opts) => deleteKey(caller, creds, sid, opts),
    createSecondaryAuthToken: (creds, opts) => createSecondaryAuthToken(caller, creds, opts),
    deleteSecondaryAuthToken: (creds, opts) => deleteSecondaryAuthToken(caller, creds, opts),
    promoteSecondaryAuthToken: (creds, opts) => promoteSecondaryAuthToken(caller, creds, opts),
    checkCredentials: (creds, opts) => checkCredentials(caller, creds, opts),
    createAccessToken: (req) => buildAccessToken(req),
  };
}
