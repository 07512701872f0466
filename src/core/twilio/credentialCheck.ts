// "Is it live?": tells valid from invalid credentials with GET requests only, storing nothing.
//   GET api /2010-04-01/Accounts/{AccountSid}.json, then for API keys
//   GET iam /v1/Keys/{own Sid} (Main or Restricted) or GET api …/Balance.json (Standard)
import * as l10n from '@vscode/l10n';
import { Caller, READ_UNPROBED } from './caller';
import type { TwilioClient } from './client';
import { TwilioApiError, userMessage } from './errors';
import { canManageKeysWith, permissionsFromPolicy } from './keyTypes';
import { viaParent } from './shared';
import type { AccountCredentials, CallOptions, CredentialCheck } from './types';
import { checkCredentials as checkCredentialShapes } from './validation';

/** Twilio's answer to one request, or its refusal of the credentials; anything else propagates. */
type Attempt<T> = { ok: true; value: T } | { ok: false; status: 401 | 403 | 404; code?: number };
type Refused = Extract<Attempt<unknown>, { ok: false }>;
type AccountAbout = Pick<Extract<CredentialCheck, { valid: true }>, 'accountFriendlyName' | 'accountStatus'>;

async function attempt<T>(request: Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await request };
  } catch (e) {
    const { status, code } = e as { status?: unknown; code?: unknown };
    if (status === 401 || status === 403 || status === 404) return { ok: false, status, code: typeof code === 'number' ? code : undefined };
    throw e;
  }
}

/** Refused for a missing permission: the credentials authenticated. */
function denied(a: Refused): boolean {
  return a.status === 403 || a.code === 70051;
}

/** Why Twilio's refusal means the credentials are not valid for this account; no secret in it. */
function refusal(creds: AccountCredentials, a: Refused): CredentialCheck {
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

/**
 * Valid or not, with the key type of an API key. Malformed credentials and Twilio's refusals
 * answer `valid: false`; network errors, timeouts, cancellation, 429 and 5xx throw.
 */
export async function checkCredentials(caller: Caller, creds: AccountCredentials, opts?: CallOptions): Promise<CredentialCheck> {
  const malformed = shapeProblem(creds);
  if (malformed) return malformed;
  return caller.run(creds, opts, READ_UNPROBED, (client) => checkLive(client, creds));
}

/** Malformed credentials are not live; the message names the field, never the value. */
function shapeProblem(creds: AccountCredentials): CredentialCheck | undefined {
  try {
    checkCredentialShapes(creds);
    return undefined;
  } catch (e) {
    if (e instanceof TwilioApiError && e.kind === 'invalidRequest') return { valid: false, reason: e.message };
    throw e;
  }
}

async function checkLive(client: TwilioClient, creds: AccountCredentials): Promise<CredentialCheck> {
  const account = await attempt(client.api.v2010.accounts(creds.accountSid).fetch());
  const about: AccountAbout = account.ok ? { accountFriendlyName: account.value.friendlyName ?? undefined, accountStatus: account.value.status ?? undefined } : {};
  if (creds.auth.kind === 'authToken') {
    return account.ok ? { valid: true, accountSid: creds.accountSid, credential: 'authToken', canManageKeys: true, ...about } : refusal(creds, account);
  }
  // Standard keys are refused the account as unauthenticated but may read its balance.
  if (!account.ok && account.status === 401) return standardOrInvalid(client, creds);
  if (!account.ok && !denied(account)) return refusal(creds, account);
  return mainOrRestricted(client, creds, creds.auth.keySid, about);
}

/** After a 401 for the account: a Standard key may read the balance; wrong, deleted or unknown credentials may not. */
async function standardOrInvalid(client: TwilioClient, creds: AccountCredentials): Promise<CredentialCheck> {
  const balance = await attempt(client.api.v2010.accounts(creds.accountSid).balance.fetch());
  if (balance.ok) return { valid: true, accountSid: creds.accountSid, credential: 'apiKey', keyType: 'standard', canManageKeys: false };
  if (denied(balance)) return { valid: true, accountSid: creds.accountSid, credential: 'apiKey', keyType: 'restricted', canManageKeys: false };
  return refusal(creds, balance);
}

/**
 * Authenticated, and not as a Standard key: Main, or Restricted (allowed or refused the account).
 * The key's own IAM record says which: a policy marks it restricted.
 */
async function mainOrRestricted(client: TwilioClient, creds: AccountCredentials, keySid: string, about: AccountAbout): Promise<CredentialCheck> {
  const accountSid = creds.accountSid;
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
}
