// Auth Token rotation (Accounts v1), on the account whose own Auth Token authenticates.
//   createSecondaryAuthToken  POST accounts /v1/AuthTokens/Secondary
//   deleteSecondaryAuthToken  DEL  accounts /v1/AuthTokens/Secondary
//   promoteSecondaryAuthToken POST accounts /v1/AuthTokens/Promote
import * as l10n from '@vscode/l10n';
import { Caller, WRITE_UNPROBED } from './caller';
import { TwilioApiError } from './errors';
import { date, viaParent } from './shared';
import type { AccountCredentials, CallOptions, PromotedAuthToken, SecondaryAuthToken } from './types';

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

export async function createSecondaryAuthToken(caller: Caller, creds: AccountCredentials, opts?: CallOptions): Promise<SecondaryAuthToken> {
  checkOwnAuthToken(creds);
  return caller.run(creds, opts, WRITE_UNPROBED, async (client) => {
    const t = await client.accounts.v1.secondaryAuthToken().create();
    if (typeof t.secondaryAuthToken !== 'string' || !t.secondaryAuthToken) throw new TwilioApiError('unexpectedResponse');
    if (t.accountSid && t.accountSid !== creds.accountSid) throw new TwilioApiError('unexpectedResponse');
    return { accountSid: creds.accountSid, secondaryAuthToken: t.secondaryAuthToken, dateCreated: date(t.dateCreated) };
  });
}

export async function deleteSecondaryAuthToken(caller: Caller, creds: AccountCredentials, opts?: CallOptions): Promise<boolean> {
  checkOwnAuthToken(creds);
  return caller.run(creds, opts, WRITE_UNPROBED, async (client) => {
    try {
      await client.accounts.v1.secondaryAuthToken().remove();
      return true;
    } catch (e) {
      // No secondary (any more): deleted by an earlier attempt whose answer was lost, or never made.
      if ((e as { status?: number }).status === 404) return false;
      throw e;
    }
  });
}

export async function promoteSecondaryAuthToken(caller: Caller, creds: AccountCredentials, opts?: CallOptions): Promise<PromotedAuthToken> {
  checkOwnAuthToken(creds);
  return caller.run(creds, opts, WRITE_UNPROBED, async (client) => {
    const t = await client.accounts.v1.authTokenPromotion().update();
    if (typeof t.authToken !== 'string' || !t.authToken) throw new TwilioApiError('unexpectedResponse');
    return { accountSid: creds.accountSid, authToken: t.authToken };
  });
}
