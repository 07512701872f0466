// The key operations, on twilio-node. Each call gets its own client and transport (cheap: the
// library loads resources lazily), so its deadline, cancellation and retry state stay its own.
//
// Which API does what:
//   verify            GET  api  /2010-04-01/Accounts/{AccountSid}.json
//   listKeys          GET  iam  /v1/Keys?AccountSid=…          (flags tell the key types apart)
//   createKey         POST iam  /v1/Keys (no KeyType)          (standard; Twilio's current way)
//                     POST api  /2010-04-01/…/Keys.json        (standard, subaccount through its parent)
//                     POST iam  /v1/Keys KeyType=restricted    (restricted, with Policy; US1 only)
//   updateKeyPermissions POST iam /v1/Keys/{Sid} Policy        (restricted keys, in place)
//   createSecondaryAuthToken POST accounts /v1/AuthTokens/Secondary
//   deleteSecondaryAuthToken DEL  accounts /v1/AuthTokens/Secondary
//   promoteSecondaryAuthToken POST accounts /v1/AuthTokens/Promote
//   fetchKey          GET  iam  /v1/Keys/{Sid}                 (policy: restricted or not)
//   renameKey         POST iam  /v1/Keys/{Sid} FriendlyName
//   deleteKey         DEL  iam  /v1/Keys/{Sid}
//   listSubaccounts   GET  api  /2010-04-01/Accounts.json
//   checkCredentials  GET  api  /2010-04-01/Accounts/{AccountSid}.json, then for API keys
//                     GET  iam  /v1/Keys/{own Sid} (Main or Restricted) or GET api …/Balance.json (Standard)
//   createAccessToken no request: a JWT signed locally (accessToken.ts)
// A 401 for an API key is probed with GET …/Balance.json, which Standard keys may read: if that
// works, the key is valid but Standard, and may not manage keys.
//
// A subaccount reached with its parent's Auth Token (parentAccountSid) is served by the REST API
// 2010 only: Twilio lets a parent's credentials reach its subaccounts' v2010 resources, while
// resources on other hosts (iam.twilio.com among them) need the subaccount's own credentials. So
// such keys are listed, fetched, renamed and deleted through /2010-04-01/Accounts/{Sub}/Keys,
// whose answers cannot tell key types apart (`typeUnknown`), and restricted keys cannot be made.
import * as l10n from '@vscode/l10n';
import { buildAccessToken } from './accessToken';
import { abortError, CallContext, DEFAULT_TIMEOUT_MS } from './call';
import { buildClient, TwilioClient } from './client';
import { TwilioApiError, userMessage } from './errors';
import { ApiHttpClient } from './httpClient';
import { canManageKeysWith, permissionsFromPolicy, typeFromFlags, withCallerKey } from './keyTypes';
import { toTwilioApiError } from './mapError';
import { checkApiOrigin, resolveApiOrigin } from './origin';
import { DEFAULT_RETRY, RetrySettings } from './retry';
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
  KeyType,
  PromotedAuthToken,
  SecondaryAuthToken,
} from './types';
import { restrictedKeysAvailable } from './types';
import { checkCreateRequest, checkCredentials, checkFriendlyName, checkKeySid } from './validation';

export interface TwilioApiOptions {
  /** Emulator origin (loopback http only); defaults to TWILIO_CREDENTIALS_API_ORIGIN if valid. */
  apiOrigin?: string;
  /** Appended to twilio-node's User-Agent, e.g. twilio-credentials-vscode/0.1.0. */
  userAgent?: string;
  /** Retries after 429, and after 5xx or a lost connection for GET/DELETE (default 3). */
  maxRetries?: number;
  /** Default whole-call deadline when a call gives no timeoutMs (default 20 s). */
  timeoutMs?: number;
  /** First backoff step (default 250 ms); doubles per retry. */
  retryBaseDelayMs?: number;
  /** Longest wait before a retry (default 10 s); a longer Retry-After is reported instead. */
  maxRetryDelayMs?: number;
}

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

const TWILIO_HTTPS = /^https:\/\/([a-z0-9-]+\.)+twilio\.com(:443)?(\/|$)/i;

function date(d: unknown): Date | undefined {
  return d instanceof Date && !Number.isNaN(d.getTime()) ? d : undefined;
}

function requireSid(sid: unknown, prefix: 'SK' | 'AC'): string {
  if (typeof sid !== 'string' || !sid.startsWith(prefix)) throw new TwilioApiError('unexpectedResponse');
  return sid;
}

function checkPageSize(pageSize: number | undefined): void {
  if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= 1000)) {
    throw new TwilioApiError('invalidRequest', l10n.t('The page size must be a whole number from 1 to 1000.'));
  }
}

/** Only ever follow a page link to Twilio: credentials go with the request. */
function nextUrl(url: string | undefined): string | undefined {
  if (url && !TWILIO_HTTPS.test(url)) throw new TwilioApiError('unexpectedResponse');
  return url;
}

function callerKeySid(creds: AccountCredentials): string | undefined {
  return creds.auth.kind === 'apiKey' ? creds.auth.keySid : undefined;
}

/** A subaccount reached with its parent's Auth Token: only the REST API 2010 serves it. */
function viaParent(creds: AccountCredentials): boolean {
  return creds.auth.kind === 'authToken' && creds.parentAccountSid !== undefined && creds.parentAccountSid !== creds.accountSid;
}

/** Auth Token rotation acts on the account whose own Auth Token authenticates: refuse anything else locally. */
function checkOwnAuthToken(creds: AccountCredentials): void {
  if (creds.auth.kind !== 'authToken') {
    throw new TwilioApiError('invalidRequest', l10n.t('An Auth Token can only be rotated with that Auth Token, not with an API key.'));
  }
  if (viaParent(creds)) {
    throw new TwilioApiError(
      'invalidRequest',
      l10n.t('The Auth Token of subaccount {0} can only be rotated with the subaccount’s own Auth Token: Twilio rotates the token of the account that authenticates, and a parent account’s token cannot rotate it. Connect the subaccount with its own Auth Token first.', creds.accountSid),
    );
  }
}

function checkRestrictedRegion(creds: AccountCredentials): void {
  if (!restrictedKeysAvailable(creds.region)) {
    throw new TwilioApiError(
      'invalidRequest',
      l10n.t('Restricted API keys exist only in Twilio’s United States (US1) region; this account uses {0}. Create a Standard key here, or a restricted key for the account in US1.', creds.region ?? ''),
    );
  }
}

function isAuthenticate20003(e: unknown): boolean {
  const { status, code } = e as { status?: unknown; code?: unknown };
  return status === 401 && (code === 20003 || code === undefined);
}

/** Twilio's answer to one request, or its refusal of the credentials; anything else propagates. */
type Attempt<T> = { ok: true; value: T } | { ok: false; status: 401 | 403 | 404; code?: number };

async function attempt<T>(request: Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await request };
  } catch (e) {
    const { status, code } = e as { status?: unknown; code?: unknown };
    if (status === 401 || status === 403 || status === 404) return { ok: false, status, code: typeof code === 'number' ? code : undefined };
    throw e;
  }
}

function denied(a: { status: number; code?: number }): boolean {
  return a.status === 403 || a.code === 70051;
}

/** Why Twilio's refusal means the credentials are not valid for this account; no secret in it. */
function refusal(creds: AccountCredentials, a: { status: number; code?: number }): CredentialCheck {
  if (a.status === 404) {
    const reason = viaParent(creds)
      ? l10n.t('Twilio knows no account {0} these credentials may use. Check that it is a subaccount of {1}.', creds.accountSid, creds.parentAccountSid ?? '')
      : l10n.t('Twilio knows no account {0} these credentials may use. Check the Account SID: the key may belong to another account.', creds.accountSid);
    return { valid: false, reason, code: a.code };
  }
  if (a.status === 403) {
    const reason = a.code
      ? l10n.t('Twilio refused these credentials access to account {0} (Twilio error {1}).', creds.accountSid, a.code)
      : l10n.t('Twilio refused these credentials access to account {0}.', creds.accountSid);
    return { valid: false, reason, code: a.code };
  }
  return { valid: false, reason: userMessage('authentication', { status: a.status, code: a.code }), code: a.code };
}

interface KeyFields {
  sid: string;
  friendlyName: string | null;
  dateCreated: Date;
  dateUpdated: Date;
}

function keyFields(k: KeyFields): Omit<ApiKey, 'type'> {
  return { sid: requireSid(k.sid, 'SK'), friendlyName: k.friendlyName ?? '', dateCreated: date(k.dateCreated), dateUpdated: date(k.dateUpdated) };
}

type ListedKey = KeyFields & { flags?: string[] };

function fromListed(k: ListedKey, creds: AccountCredentials): ApiKey {
  const base = keyFields(k);
  // REST API 2010 answers (subaccounts through their parent) carry no flags: the type is unknown.
  if (viaParent(creds)) return { ...base, type: 'standard', typeUnknown: true };
  return { ...base, type: withCallerKey(typeFromFlags(k.flags), base.sid, callerKeySid(creds)) };
}

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

export function createTwilioApi(options: TwilioApiOptions = {}): TwilioApi {
  let origin: string | undefined;
  if (options.apiOrigin === undefined) {
    origin = resolveApiOrigin(process.env);
  } else {
    const check = checkApiOrigin(options.apiOrigin);
    if (!check.ok) throw new TypeError(`apiOrigin is not accepted: ${check.reason}`);
    origin = check.origin;
  }
  const retry: RetrySettings = {
    maxRetries: options.maxRetries ?? DEFAULT_RETRY.maxRetries,
    baseDelayMs: options.retryBaseDelayMs ?? DEFAULT_RETRY.baseDelayMs,
    maxDelayMs: options.maxRetryDelayMs ?? DEFAULT_RETRY.maxDelayMs,
  };
  const defaultTimeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function run<T>(
    creds: AccountCredentials,
    opts: CallOptions | undefined,
    /** POST or DELETE: when the answer is lost, the change may have happened. */
    mutating: boolean,
    op: (client: TwilioClient, call: CallContext) => Promise<T>,
    /** Tell a Standard key from wrong credentials after a 401 (checkCredentials does its own). */
    probeStandard = true,
  ): Promise<T> {
    checkCredentials(creds);
    const call = new CallContext(opts?.signal, opts?.timeoutMs ?? defaultTimeout);
    try {
      if (call.signal.aborted) throw abortError();
      return await op(buildClient(creds, new ApiHttpClient(call, origin, retry), options.userAgent), call);
    } catch (e) {
      const err = toTwilioApiError(e, { call, mutating });
      if (probeStandard && err.kind === 'authentication' && creds.auth.kind === 'apiKey' && (await isStandardKey(creds, opts?.signal, call.remainingMs()))) {
        throw new TwilioApiError('standardKeyCannotManage', undefined, { status: err.status, code: err.code, moreInfo: err.moreInfo });
      }
      throw err;
    } finally {
      call.dispose();
    }
  }

  /** Standard keys may read the balance but not Accounts or Keys; invalid credentials may do neither. */
  async function isStandardKey(creds: AccountCredentials, signal: AbortSignal | undefined, remainingMs: number): Promise<boolean> {
    if (remainingMs < 100) return false;
    const call = new CallContext(signal, Math.min(5000, remainingMs));
    try {
      const client = buildClient(creds, new ApiHttpClient(call, origin, { ...retry, maxRetries: 0 }), options.userAgent);
      await client.api.v2010.accounts(creds.accountSid).balance.fetch();
      return true;
    } catch {
      return false;
    } finally {
      call.dispose();
    }
  }

  /**
   * A key creation refused with 401 / 20003: wrong credentials, a Standard key, or (as some live
   * accounts see from the REST API 2010) valid credentials refused by Twilio's policy ("Policy
   * evaluation failed"). Fetching the account tells them apart; the last gets its own kind and a
   * message naming the route and what to do.
   */
  async function explainCreateRefusal(e: unknown, creds: AccountCredentials, route: 'iam' | 'v2010', opts: CallOptions | undefined): Promise<TwilioApiError> {
    const err = e instanceof TwilioApiError ? e : TwilioApiError.from(e);
    if (err.kind !== 'authentication' || !isAuthenticate20003(err)) return err;
    let check: CredentialCheck;
    try {
      check = await createTwilioApiRef.checkCredentials(creds, { signal: opts?.signal, timeoutMs: 5000 });
    } catch {
      return err;
    }
    if (check.valid && check.keyType === 'standard') {
      return new TwilioApiError('standardKeyCannotManage', undefined, { status: err.status, code: err.code, moreInfo: err.moreInfo });
    }
    if (!check.valid || !check.canManageKeys) return err;
    const message =
      route === 'v2010'
        ? l10n.t('Twilio refused to create the key through the REST API 2010 (Twilio error {0}, "Policy evaluation failed") although the credentials are valid; some accounts are refused there. For a subaccount reached through its parent, connect the subaccount with its own Auth Token: keys are then created through IAM v1. Or create the key in the Twilio Console.', err.code ?? 20003)
        : l10n.t('Twilio refused to create the key through IAM v1 (Twilio error {0}) although the credentials are valid: the account’s policy does not allow creating keys this way. Create the key in the Twilio Console, or ask Twilio support to check the account.', err.code ?? 20003);
    return new TwilioApiError('refusedByPolicy', message, { status: err.status, code: err.code, moreInfo: err.moreInfo });
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

  /** A fetched or updated key: `policy` marks it restricted, else see unrestrictedType. */
  async function detailedKey(client: TwilioClient, creds: AccountCredentials, k: KeyFields & { policy: unknown }): Promise<ApiKey> {
    const base = keyFields(k);
    const permissions = permissionsFromPolicy(k.policy);
    if (permissions) return { ...base, type: 'restricted', permissions };
    return { ...base, type: await unrestrictedType(client, creds, base.sid) };
  }

  /** The page after `url`: IAM's list, or the REST API 2010 list for a subaccount through its parent. */
  function keysPageAt(client: TwilioClient, creds: AccountCredentials, url: string): Promise<{ instances: ListedKey[]; nextPageUrl?: string }> {
    return viaParent(creds) ? client.api.v2010.accounts(creds.accountSid).keys.getPage(url) : client.iam.v1.getApiKeys.getPage(url);
  }

  function keyPage(creds: AccountCredentials, page: { instances: ListedKey[]; nextPageUrl?: string }, opts?: CallOptions): KeyPage {
    const next = nextUrl(page.nextPageUrl);
    return {
      keys: page.instances.map((k) => fromListed(k, creds)),
      hasMore: !!next,
      next: async (nextOpts = opts) =>
        next
          ? run(creds, nextOpts, false, async (client) => keyPage(creds, await keysPageAt(client, creds, next), nextOpts))
          : keyPage(creds, { instances: [] }, nextOpts),
    };
  }

  /** A key fetched or renamed through the REST API 2010 (subaccount through its parent): type unknown. */
  function v2010Key(k: KeyFields): ApiKey {
    return { ...keyFields(k), type: 'standard', typeUnknown: true };
  }

  function accountPage(creds: AccountCredentials, page: { instances: AccountFields[]; nextPageUrl?: string }, opts?: CallOptions): AccountPage {
    const next = nextUrl(page.nextPageUrl);
    return {
      // The list holds the account itself and what the credentials reach besides (with a parent's
      // Auth Token: the parent and every sibling); the subaccounts are those the account owns.
      accounts: page.instances.filter((a) => a.sid !== creds.accountSid && a.ownerAccountSid === creds.accountSid).map(toAccountInfo),
      hasMore: !!next,
      next: async (nextOpts = opts) =>
        next
          ? run(creds, nextOpts, false, async (client) => accountPage(creds, await client.api.v2010.accounts.getPage(next), nextOpts))
          : accountPage(creds, { instances: [] }, nextOpts),
    };
  }

  const createTwilioApiRef: TwilioApi = {
    verify: (creds, opts) => run(creds, opts, false, async (client) => toAccountInfo(await client.api.v2010.accounts(creds.accountSid).fetch())),

    async listKeys(creds, opts) {
      checkPageSize(opts?.pageSize);
      return run(creds, opts, false, async (client) => {
        const pageSize = opts?.pageSize;
        const first = viaParent(creds)
          ? await client.api.v2010.accounts(creds.accountSid).keys.page({ pageSize })
          : await client.iam.v1.getApiKeys.page({ accountSid: creds.accountSid, pageSize });
        return keyPage(creds, first, opts);
      });
    },

    async createKey(creds, req, opts) {
      checkCreateRequest(req);
      if (req.type === 'restricted' && viaParent(creds)) {
        throw new TwilioApiError(
          'invalidRequest',
          l10n.t('Restricted keys of a subaccount can only be created with the subaccount’s own Auth Token or Main key: Twilio serves them from iam.twilio.com, which a parent account’s Auth Token does not reach for its subaccounts.'),
        );
      }
      if (req.type === 'restricted') checkRestrictedRegion(creds);
      // Standard keys go through IAM v1 (no KeyType), as Twilio now wants; the REST API 2010 only
      // where IAM cannot be reached: a subaccount through its parent's Auth Token.
      const route = req.type === 'standard' && viaParent(creds) ? 'v2010' : 'iam';
      try {
        return await run(creds, opts, true, async (client): Promise<CreatedKey> => {
          if (route === 'v2010') {
            const k = await client.api.v2010.accounts(creds.accountSid).newKeys.create({ friendlyName: req.friendlyName });
            if (!k.secret) throw new TwilioApiError('unexpectedResponse');
            return { ...keyFields(k), type: 'standard', secret: k.secret };
          }
          const k = await client.iam.v1.newApiKey.create(
            req.type === 'standard'
              ? { accountSid: creds.accountSid, friendlyName: req.friendlyName }
              : { accountSid: creds.accountSid, friendlyName: req.friendlyName, keyType: 'restricted', policy: { allow: [...new Set(req.permissions)] } },
          );
          if (!k.secret) throw new TwilioApiError('unexpectedResponse');
          if (req.type === 'standard') return { ...keyFields(k), type: 'standard', secret: k.secret };
          const permissions = permissionsFromPolicy(k.policy);
          if (!permissions) throw new TwilioApiError('unexpectedResponse');
          return { ...keyFields(k), type: 'restricted', permissions, secret: k.secret };
        }, false);
      } catch (e) {
        throw await explainCreateRefusal(e, creds, route, opts);
      }
    },

    async updateKeyPermissions(creds, sid, permissions, opts) {
      checkKeySid(sid);
      checkCreateRequest({ type: 'restricted', permissions });
      if (viaParent(creds)) {
        throw new TwilioApiError(
          'invalidRequest',
          l10n.t('Permissions of a subaccount’s keys can only be changed with the subaccount’s own Auth Token or Main key: Twilio serves them from iam.twilio.com, which a parent account’s Auth Token does not reach.'),
        );
      }
      checkRestrictedRegion(creds);
      return run(creds, opts, true, async (client) => {
        const k = await client.iam.v1.apiKey(sid).update({ policy: { allow: [...new Set(permissions)] } });
        const updated = permissionsFromPolicy(k.policy);
        if (!updated) throw new TwilioApiError('unexpectedResponse');
        return { ...keyFields(k), type: 'restricted', permissions: updated };
      });
    },

    async createSecondaryAuthToken(creds, opts) {
      checkOwnAuthToken(creds);
      return run(creds, opts, true, async (client) => {
        const t = await client.accounts.v1.secondaryAuthToken().create();
        if (typeof t.secondaryAuthToken !== 'string' || !t.secondaryAuthToken) throw new TwilioApiError('unexpectedResponse');
        if (t.accountSid && t.accountSid !== creds.accountSid) throw new TwilioApiError('unexpectedResponse');
        return { accountSid: creds.accountSid, secondaryAuthToken: t.secondaryAuthToken, dateCreated: date(t.dateCreated) };
      }, false);
    },

    async deleteSecondaryAuthToken(creds, opts) {
      checkOwnAuthToken(creds);
      return run(creds, opts, true, async (client) => {
        try {
          await client.accounts.v1.secondaryAuthToken().remove();
          return true;
        } catch (e) {
          // No secondary (any more): deleted by an earlier attempt whose answer was lost, or never made.
          if ((e as { status?: number }).status === 404) return false;
          throw e;
        }
      }, false);
    },

    async promoteSecondaryAuthToken(creds, opts) {
      checkOwnAuthToken(creds);
      return run(creds, opts, true, async (client) => {
        const t = await client.accounts.v1.authTokenPromotion().update();
        if (typeof t.authToken !== 'string' || !t.authToken) throw new TwilioApiError('unexpectedResponse');
        return { accountSid: creds.accountSid, authToken: t.authToken };
      }, false);
    },

    async fetchKey(creds, sid, opts) {
      checkKeySid(sid);
      return run(creds, opts, false, async (client) =>
        viaParent(creds)
          ? v2010Key(await client.api.v2010.accounts(creds.accountSid).keys(sid).fetch())
          : detailedKey(client, creds, await client.iam.v1.apiKey(sid).fetch()),
      );
    },

    async renameKey(creds, sid, friendlyName, opts) {
      checkKeySid(sid);
      checkFriendlyName(friendlyName);
      return run(creds, opts, true, async (client) =>
        viaParent(creds)
          ? v2010Key(await client.api.v2010.accounts(creds.accountSid).keys(sid).update({ friendlyName }))
          : detailedKey(client, creds, await client.iam.v1.apiKey(sid).update({ friendlyName })),
      );
    },

    async deleteKey(creds, sid, opts) {
      checkKeySid(sid);
      return run(creds, opts, true, async (client, call) => {
        try {
          if (viaParent(creds)) await client.api.v2010.accounts(creds.accountSid).keys(sid).remove();
          else await client.iam.v1.apiKey(sid).remove();
        } catch (e) {
          // A retried DELETE that finds nothing: the first attempt deleted it before its answer was lost.
          if (call.retriedAfterAmbiguousFailure && (e as { status?: number }).status === 404) return;
          throw e;
        }
      });
    },

    async listSubaccounts(creds, opts) {
      checkPageSize(opts?.pageSize);
      return run(creds, opts, false, async (client) => accountPage(creds, await client.api.v2010.accounts.page({ pageSize: opts?.pageSize }), opts));
    },

    async checkCredentials(creds, opts) {
      try {
        checkCredentials(creds);
      } catch (e) {
        // Malformed credentials are not live; the message names the field, never the value.
        if (e instanceof TwilioApiError && e.kind === 'invalidRequest') return { valid: false, reason: e.message };
        throw e;
      }
      const accountSid = creds.accountSid;
      return run(
        creds,
        opts,
        false,
        async (client): Promise<CredentialCheck> => {
          const account = await attempt(client.api.v2010.accounts(accountSid).fetch());
          const about = account.ok ? { accountFriendlyName: account.value.friendlyName ?? undefined, accountStatus: account.value.status ?? undefined } : {};
          if (creds.auth.kind === 'authToken') {
            return account.ok ? { valid: true, accountSid, credential: 'authToken', canManageKeys: true, ...about } : refusal(creds, account);
          }
          const keySid = creds.auth.keySid;
          if (!account.ok && account.status === 401) {
            // Standard keys are refused the account as unauthenticated but may read its balance;
            // wrong, deleted or unknown credentials may do neither.
            const balance = await attempt(client.api.v2010.accounts(accountSid).balance.fetch());
            if (balance.ok) return { valid: true, accountSid, credential: 'apiKey', keyType: 'standard', canManageKeys: false };
            if (denied(balance)) return { valid: true, accountSid, credential: 'apiKey', keyType: 'restricted', canManageKeys: false };
            return refusal(creds, balance);
          }
          if (!account.ok && !denied(account)) return refusal(creds, account);
          // Authenticated, and not as a Standard key: Main, or Restricted (allowed or refused the
          // account). The key's own IAM record says which: a policy marks it restricted.
          const own = await attempt(client.iam.v1.apiKey(keySid).fetch());
          if (own.ok) {
            const permissions = permissionsFromPolicy(own.value.policy);
            return permissions
              ? { valid: true, accountSid, credential: 'apiKey', keyType: 'restricted', canManageKeys: canManageKeysWith(permissions), permissions, ...about }
              : { valid: true, accountSid, credential: 'apiKey', keyType: 'main', canManageKeys: true, ...about };
          }
          // A restricted key without the permission to read keys: authenticated all the same.
          if (denied(own)) return { valid: true, accountSid, credential: 'apiKey', keyType: 'restricted', canManageKeys: false, ...about };
          return refusal(creds, own);
        },
        false,
      );
    },

    createAccessToken: (req) => buildAccessToken(req),
  };
  return createTwilioApiRef;
}
