// Accounts v1 on accounts.twilio.com: Auth Token rotation. No call names an account: each acts on
// the account whose Auth Token authenticates (a subaccount rotates its own token by authenticating
// as itself). Only an Auth Token (primary or secondary) may call these; API keys are refused.
//   POST   /v1/AuthTokens/Secondary   201: a new secondary; a second POST replaces the first
//   DELETE /v1/AuthTokens/Secondary   204; 404 / 20404 when there is none
//   POST   /v1/AuthTokens/Promote     200: the secondary becomes the primary, the old primary
//                                     stops authenticating at once; 400 / 20001 without a secondary
import { iso8601 as iso, newAuthToken } from './ids';
import { Ctx, Route } from './router';
import { AccountRecord } from './state';
import { ApiError, errors } from './twilioErrors';

/** The account whose own Auth Token authenticated; API keys may not rotate Auth Tokens. */
function tokenOwner(ctx: Ctx): AccountRecord {
  if (ctx.principal.kind !== 'account') {
    throw new ApiError(403, 20403, 'Auth Tokens can only be managed with the account’s Auth Token, not with an API key');
  }
  return ctx.principal.account;
}

export const accountsRoutes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/v1\/AuthTokens\/Secondary$/,
    handle(ctx) {
      const account = tokenOwner(ctx);
      const now = new Date();
      account.secondaryAuthToken = newAuthToken();
      account.secondaryCreated = now;
      return {
        status: 201,
        body: {
          account_sid: account.sid,
          date_created: iso(now),
          date_updated: iso(now),
          secondary_auth_token: account.secondaryAuthToken,
          url: 'https://accounts.twilio.com/v1/AuthTokens/Secondary',
        },
      };
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/v1\/AuthTokens\/Secondary$/,
    handle(ctx) {
      const account = tokenOwner(ctx);
      if (account.secondaryAuthToken === undefined) throw errors.notFound(ctx.path);
      account.secondaryAuthToken = undefined;
      account.secondaryCreated = undefined;
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/AuthTokens\/Promote$/,
    handle(ctx) {
      const account = tokenOwner(ctx);
      if (account.secondaryAuthToken === undefined) {
        throw errors.invalidParameter('There is no secondary Auth Token to promote: create one first');
      }
      const now = new Date();
      const created = account.secondaryCreated ?? now;
      account.authToken = account.secondaryAuthToken;
      account.secondaryAuthToken = undefined;
      account.secondaryCreated = undefined;
      account.dateUpdated = now;
      return {
        status: 200,
        body: {
          account_sid: account.sid,
          auth_token: account.authToken,
          date_created: iso(created),
          date_updated: iso(now),
          url: 'https://accounts.twilio.com/v1/AuthTokens/Promote',
        },
      };
    },
  },
];
