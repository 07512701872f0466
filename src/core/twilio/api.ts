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
//   functions.ts        Functions services, environments and variables   (Serverless v1)
//   accountCredentials.ts  public keys and AWS credentials              (Accounts v1)
//   pushCredentials.ts  push credentials: list, replace an FCM secret, delete (Conversations v1)
//   caller.ts           what every call shares: its own client, deadline, retries, error mapping
// A 401 for an API key is probed with GET …/Balance.json, which Standard keys may read: if that
// works, the key is valid but Standard, and may not manage keys.
import { buildAccessToken } from './accessToken';
import { createPublicKey, deleteAccountCredential, listAccountCredentials, renameAccountCredential } from './accountCredentials';
import { listSubaccounts, verify } from './accounts';
import { createSecondaryAuthToken, deleteSecondaryAuthToken, promoteSecondaryAuthToken } from './authTokens';
import { createCaller, TwilioApiOptions } from './caller';
import { checkCredentials } from './credentialCheck';
import { createKey } from './keyCreation';
import {
  createFunctionsVariable,
  deleteFunctionsVariable,
  listFunctionsEnvironments,
  listFunctionsServices,
  listFunctionsVariables,
  readFunctionsInventory,
  setFunctionsVariables,
  updateFunctionsVariable,
} from './functions';
import { deleteKey, fetchKey, listKeys, renameKey, updateKeyPermissions } from './keys';
import { createFcmCredential, deletePushCredential, fetchPushCredential, listPushCredentials, updateFcmCredentialSecret } from './pushCredentials';
import type {
  AccessTokenRequest,
  AccountCredential,
  AccountCredentialKind,
  AccountCredentialRef,
  AccountCredentials,
  AccountInfo,
  AccountPage,
  ApiKey,
  CallOptions,
  CreatedKey,
  CreateKeyRequest,
  CreatePublicKeyRequest,
  CredentialCheck,
  EnvironmentRef,
  FunctionsEnvironment,
  FunctionsInventory,
  FunctionsService,
  FunctionsVariable,
  FunctionsVariablesWrite,
  KeyPage,
  ListOptions,
  Page,
  PromotedAuthToken,
  PushCredential,
  SecondaryAuthToken,
  VariableRef,
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

  // Twilio Functions (Serverless v1). These act on the account that authenticates; a subaccount
  // through its parent's token is refused locally (invalidRequest). Variables carry their values:
  // in memory only, never logged or shown (see FunctionsVariable in types.ts).
  listFunctionsServices(creds: AccountCredentials, opts?: ListOptions): Promise<Page<FunctionsService>>;
  listFunctionsEnvironments(creds: AccountCredentials, serviceSid: string, opts?: ListOptions): Promise<Page<FunctionsEnvironment>>;
  listFunctionsVariables(creds: AccountCredentials, env: EnvironmentRef, opts?: ListOptions): Promise<Page<FunctionsVariable>>;
  /** Key 1–128 characters, value at most 450 bytes (checked locally); a key taken in the environment is refused by Twilio. */
  createFunctionsVariable(creds: AccountCredentials, env: EnvironmentRef, key: string, value: string, opts?: CallOptions): Promise<FunctionsVariable>;
  /** Changes a variable's value and/or key in place (same SID): Functions use the new value on their next run. */
  updateFunctionsVariable(creds: AccountCredentials, ref: VariableRef, change: { key?: string; value?: string }, opts?: CallOptions): Promise<FunctionsVariable>;
  deleteFunctionsVariable(creds: AccountCredentials, ref: VariableRef, opts?: CallOptions): Promise<void>;
  /** Gives each key its value in one environment (update or create, nothing for an equal value); stops at the first failed write and says which. */
  setFunctionsVariables(creds: AccountCredentials, env: EnvironmentRef, values: Record<string, string>, opts?: CallOptions): Promise<FunctionsVariablesWrite>;
  /** Every service, environment and variable of the account, each page one call with `opts`. */
  readFunctionsInventory(creds: AccountCredentials, opts?: CallOptions): Promise<FunctionsInventory>;

  // Accounts v1 credentials: public keys (Public Key Client Validation) and AWS credentials. No
  // answer carries key material.
  listAccountCredentials(creds: AccountCredentials, kind: AccountCredentialKind, opts?: ListOptions): Promise<Page<AccountCredential>>;
  /** Checks the PEM locally first (publicKeyPem.ts): a private key or anything but RSA-2048 is refused and never sent. */
  createPublicKey(creds: AccountCredentials, req: CreatePublicKeyRequest, opts?: CallOptions): Promise<AccountCredential>;
  renameAccountCredential(creds: AccountCredentials, ref: AccountCredentialRef, friendlyName: string, opts?: CallOptions): Promise<AccountCredential>;
  deleteAccountCredential(creds: AccountCredentials, ref: AccountCredentialRef, opts?: CallOptions): Promise<void>;

  // Conversations push credentials. No answer carries a certificate, key or secret.
  listPushCredentials(creds: AccountCredentials, opts?: ListOptions): Promise<Page<PushCredential>>;
  fetchPushCredential(creds: AccountCredentials, sid: string, opts?: CallOptions): Promise<PushCredential>;
  /** A new FCM credential from a Firebase service-account JSON (checked locally; a legacy server key is refused). */
  createFcmCredential(creds: AccountCredentials, req: { serviceAccountJson: string; friendlyName?: string }, opts?: CallOptions): Promise<PushCredential>;
  /** Replaces an FCM credential's secret with a service-account JSON, in place; refuses other types. */
  updateFcmCredentialSecret(creds: AccountCredentials, sid: string, serviceAccountJson: string, opts?: CallOptions): Promise<PushCredential>;
  deletePushCredential(creds: AccountCredentials, sid: string, opts?: CallOptions): Promise<void>;
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
    listFunctionsServices: (creds, opts) => listFunctionsServices(caller, creds, opts),
    listFunctionsEnvironments: (creds, serviceSid, opts) => listFunctionsEnvironments(caller, creds, serviceSid, opts),
    listFunctionsVariables: (creds, env, opts) => listFunctionsVariables(caller, creds, env, opts),
    createFunctionsVariable: (creds, env, key, value, opts) => createFunctionsVariable(caller, creds, env, key, value, opts),
    updateFunctionsVariable: (creds, ref, change, opts) => updateFunctionsVariable(caller, creds, ref, change, opts),
    deleteFunctionsVariable: (creds, ref, opts) => deleteFunctionsVariable(caller, creds, ref, opts),
    setFunctionsVariables: (creds, env, values, opts) => setFunctionsVariables(caller, creds, env, values, opts),
    readFunctionsInventory: (creds, opts) => readFunctionsInventory(caller, creds, opts),
    listAccountCredentials: (creds, kind, opts) => listAccountCredentials(caller, creds, kind, opts),
    createPublicKey: (creds, req, opts) => createPublicKey(caller, creds, req, opts),
    renameAccountCredential: (creds, ref, friendlyName, opts) => renameAccountCredential(caller, creds, ref, friendlyName, opts),
    deleteAccountCredential: (creds, ref, opts) => deleteAccountCredential(caller, creds, ref, opts),
    listPushCredentials: (creds, opts) => listPushCredentials(caller, creds, opts),
    fetchPushCredential: (creds, sid, opts) => fetchPushCredential(caller, creds, sid, opts),
    createFcmCredential: (creds, req, opts) => createFcmCredential(caller, creds, req, opts),
    updateFcmCredentialSecret: (creds, sid, json, opts) => updateFcmCredentialSecret(caller, creds, sid, json, opts),
    deletePushCredential: (creds, sid, opts) => deletePushCredential(caller, creds, sid, opts),
  };
}
