// Accounts v1 credentials on accounts.twilio.com: public keys for Public Key Client Validation and
// AWS credentials (`ACCESS_KEY_ID:SECRET`), both CR…. The key or secret material is write-only:
// no answer ever carries it. Lists hold the credentials of the account that authenticates.
//   /v1/Credentials/PublicKeys, /v1/Credentials/AWS         GET list, POST create
//   /v1/Credentials/PublicKeys/{Sid}, /v1/Credentials/AWS/{Sid}   GET, POST (FriendlyName), DELETE
// A public key must be an RSA key of 2048 bits with exponent 65537 (Twilio's PKCV quickstart);
// anything else, a private key included, is 400 / 70154 "Public Key Is Invalid".
import { createPrivateKey, createPublicKey } from 'crypto';
import { authorize } from './auth';
import { ACCOUNT_SID, iso8601 } from './ids';
import { metaListReply } from './paging';
import type { AccountCredentialKind, AccountCredentialRecord } from './records';
import type { Ctx, Route } from './router';
import { errors } from './twilioErrors';
import * as validate from './validate';

const PATHS: Record<AccountCredentialKind, string> = { publicKey: '/v1/Credentials/PublicKeys', aws: '/v1/Credentials/AWS' };

function credentialJson(ctx: Ctx, c: AccountCredentialRecord) {
  // Built field by field: `material` must never leave.
  return {
    account_sid: c.accountSid,
    date_created: iso8601(c.dateCreated),
    date_updated: iso8601(c.dateUpdated),
    friendly_name: c.friendlyName,
    sid: c.sid,
    url: `${ctx.publicOrigin}${PATHS[c.kind]}/${c.sid}`,
  };
}

/** What Twilio accepts for Public Key Client Validation: an RSA-2048 public key with exponent 65537. */
export function checkPublicKey(pem: string): void {
  let isPrivate = /PRIVATE KEY/.test(pem);
  if (!isPrivate) {
    try {
      createPrivateKey(pem);
      isPrivate = true;
    } catch {
      // not a private key: good
    }
  }
  if (isPrivate) throw errors.publicKeyInvalid('PublicKey holds a private key; send the public key only');
  let key;
  try {
    key = createPublicKey(pem);
  } catch {
    throw errors.publicKeyInvalid('PublicKey is not a PEM-encoded public key');
  }
  const d = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType !== 'rsa' || d?.modulusLength !== 2048 || d.publicExponent !== 65537n) {
    throw errors.publicKeyInvalid('PublicKey must be an RSA key of 2048 bits with exponent 65537');
  }
}

/** The optional AccountSid of a create: the caller's account or a subaccount it owns. */
function targetAccount(ctx: Ctx): string {
  const own = ctx.principal.account.sid;
  const sid = ctx.form.get('AccountSid');
  if (sid === null || sid === own) return own;
  if (!ACCOUNT_SID.test(sid)) throw errors.invalidParameter('AccountSid must be AC followed by 32 hexadecimal characters');
  const sub = ctx.state.accounts.get(sid);
  if (!sub || sub.ownerAccountSid !== own) throw errors.notFound(ctx.path);
  return sid;
}

function material(ctx: Ctx, kind: AccountCredentialKind): string {
  if (kind === 'publicKey') {
    const pem = validate.text(ctx.form, 'PublicKey', { max: 16_384, required: true })!;
    checkPublicKey(pem);
    return pem;
  }
  const creds = validate.text(ctx.form, 'Credentials', { max: 1024, required: true })!;
  if (!/^[^:\s]+:[^\s]+$/.test(creds)) throw errors.invalidParameter('Credentials must be <AWS_ACCESS_KEY_ID>:<AWS_SECRET_ACCESS_KEY>');
  return creds;
}

function ownCredential(ctx: Ctx, kind: AccountCredentialKind, sid: string): AccountCredentialRecord {
  const c = ctx.state.accountCredentials.get(sid);
  if (!c || c.kind !== kind || c.accountSid !== ctx.principal.account.sid) throw errors.notFound(ctx.path);
  return c;
}

function routesFor(kind: AccountCredentialKind): Route[] {
  const list = new RegExp(`^${PATHS[kind]}$`);
  const one = new RegExp(`^${PATHS[kind]}/([^/]+)$`);
  return [
    {
      method: 'GET',
      pattern: list,
      handle(ctx) {
        authorize(ctx.principal, 'accountCredentialsRead');
        const own = ctx.principal.account.sid;
        return metaListReply(ctx, {
          path: PATHS[kind],
          key: 'credentials',
          items: ctx.state.accountCredentialsOf(own, kind),
          seqOf: (sid) => ctx.state.seqIn(`${kind}:${own}`, sid),
          toJson: (c) => credentialJson(ctx, c),
        });
      },
    },
    {
      method: 'POST',
      pattern: list,
      handle(ctx) {
        authorize(ctx.principal, 'accountCredentialsCreate');
        const friendlyName = validate.friendlyName(ctx.form);
        const accountSid = targetAccount(ctx);
        const created = ctx.state.addAccountCredential(accountSid, { kind, friendlyName, material: material(ctx, kind) });
        return { status: 201, body: credentialJson(ctx, created) };
      },
    },
    {
      method: 'GET',
      pattern: one,
      handle(ctx) {
        authorize(ctx.principal, 'accountCredentialsRead');
        return { status: 200, body: credentialJson(ctx, ownCredential(ctx, kind, ctx.params[0])) };
      },
    },
    {
      method: 'POST',
      pattern: one,
      handle(ctx) {
        authorize(ctx.principal, 'accountCredentialsUpdate');
        const c = ownCredential(ctx, kind, ctx.params[0]);
        // Only FriendlyName changes (the spec's schema); the material stays as it was created.
        const name = validate.friendlyName(ctx.form);
        if (name !== undefined) {
          c.friendlyName = name;
          c.dateUpdated = new Date(Math.max(Date.now(), c.dateCreated.getTime()));
        }
        return { status: 200, body: credentialJson(ctx, c) };
      },
    },
    {
      method: 'DELETE',
      pattern: one,
      handle(ctx) {
        authorize(ctx.principal, 'accountCredentialsDelete');
        ctx.state.accountCredentials.delete(ownCredential(ctx, kind, ctx.params[0]).sid);
        return { status: 204 };
      },
    },
  ];
}

export const accountCredentialRoutes: Route[] = [...routesFor('publicKey'), ...routesFor('aws')];
