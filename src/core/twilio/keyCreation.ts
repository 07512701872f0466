// Creating API keys, and explaining Twilio's refusals of it.
//   createKey  POST iam  /v1/Keys (no KeyType)              (standard; Twilio's current way)
//              POST api  /2010-04-01/…/Keys.json            (standard, subaccount through its parent)
//              POST iam  /v1/Keys KeyType=restricted        (restricted, with Policy; US1 only)
import * as l10n from '@vscode/l10n';
import { Caller, WRITE_UNPROBED } from './caller';
import type { TwilioClient } from './client';
import { checkCredentials } from './credentialCheck';
import { TwilioApiError } from './errors';
import { checkRestrictedRegion, keyFields } from './keys';
import { permissionsFromPolicy } from './keyTypes';
import { viaParent } from './shared';
import type { AccountCredentials, CallOptions, CreatedKey, CreateKeyRequest, CredentialCheck } from './types';
import { checkCreateRequest } from './validation';

type CreateRoute = 'iam' | 'v2010';

export async function createKey(caller: Caller, creds: AccountCredentials, req: CreateKeyRequest, opts?: CallOptions): Promise<CreatedKey> {
  checkCreateRequest(req);
  if (req.type === 'restricted') checkRestrictedPossible(creds);
  const route = createRoute(creds, req);
  try {
    return await caller.run(creds, opts, WRITE_UNPROBED, (client) => (route === 'v2010' ? createThroughV2010(client, creds, req) : createThroughIam(client, creds, req)));
  } catch (e) {
    throw await explainCreateRefusal(caller, e, creds, route, opts);
  }
}

/** Restricted keys live on iam.twilio.com, in US1 only: refuse locally what Twilio would. */
function checkRestrictedPossible(creds: AccountCredentials): void {
  if (viaParent(creds)) {
    throw new TwilioApiError(
      'invalidRequest',
      l10n.t('Restricted keys of a subaccount can only be created with the subaccount’s own Auth Token or Main key: Twilio serves them from iam.twilio.com, which a parent account’s Auth Token does not reach for its subaccounts.'),
    );
  }
  checkRestrictedRegion(creds);
}

/**
 * Standard keys go through IAM v1 (no KeyType), as Twilio now wants; the REST API 2010 only
 * where IAM cannot be reached: a subaccount through its parent's Auth Token.
 */
function createRoute(creds: AccountCredentials, req: CreateKeyRequest): CreateRoute {
  return req.type === 'standard' && viaParent(creds) ? 'v2010' : 'iam';
}

async function createThroughV2010(client: TwilioClient, creds: AccountCredentials, req: CreateKeyRequest): Promise<CreatedKey> {
  const k = await client.api.v2010.accounts(creds.accountSid).newKeys.create({ friendlyName: req.friendlyName });
  if (!k.secret) throw new TwilioApiError('unexpectedResponse');
  return { ...keyFields(k), type: 'standard', secret: k.secret };
}

async function createThroughIam(client: TwilioClient, creds: AccountCredentials, req: CreateKeyRequest): Promise<CreatedKey> {
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
}

function isAuthenticate20003(e: unknown): boolean {
  const { status, code } = e as { status?: unknown; code?: unknown };
  return status === 401 && (code === 20003 || code === undefined);
}

/**
 * A key creation refused with 401 / 20003: wrong credentials, a Standard key, or (as some live
 * accounts see from the REST API 2010) valid credentials refused by Twilio's policy ("Policy
 * evaluation failed"). Checking the credentials tells them apart; the last gets its own kind and
 * a message naming the route and what to do.
 */
async function explainCreateRefusal(caller: Caller, e: unknown, creds: AccountCredentials, route: CreateRoute, opts: CallOptions | undefined): Promise<TwilioApiError> {
  const err = e instanceof TwilioApiError ? e : TwilioApiError.from(e);
  if (err.kind !== 'authentication' || !isAuthenticate20003(err)) return err;
  let check: CredentialCheck;
  try {
    check = await checkCredentials(caller, creds, { signal: opts?.signal, timeoutMs: 5000 });
  } catch {
    return err;
  }
  const details = { status: err.status, code: err.code, moreInfo: err.moreInfo };
  if (check.valid && check.keyType === 'standard') return new TwilioApiError('standardKeyCannotManage', undefined, details);
  if (!check.valid || !check.canManageKeys) return err;
  return new TwilioApiError('refusedByPolicy', policyRefusalMessage(route, err.code ?? 20003), details);
}

function policyRefusalMessage(route: CreateRoute, code: number): string {
  return route === 'v2010'
    ? l10n.t('Twilio refused to create the key through the REST API 2010 (Twilio error {0}, "Policy evaluation failed") although the credentials are valid; some accounts are refused there. For a subaccount reached through its parent, connect the subaccount with its own Auth Token: keys are then created through IAM v1. Or create the key in the Twilio Console.', code)
    : l10n.t('Twilio refused to create the key through IAM v1 (Twilio error {0}) although the credentials are valid: the account’s policy does not allow creating keys this way. Create the key in the Twilio Console, or ask Twilio support to check the account.', code);
}
