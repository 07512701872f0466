// IAM v1 on iam.twilio.com: /v1/Keys (no .json). Creates Standard or Restricted keys; fetched
// keys carry `policy`, listed keys carry `flags`; paging lives in `meta` with absolute URLs.
import { authorize } from './auth';
import { ACCOUNT_SID } from './ids';
import { metaListReply } from './paging';
import { createKey, FLAGS, keyJson, touch, visibleAccount, visibleKey } from './resources';
import { Ctx, Route } from './router';
import { KeyRecord } from './state';
import { errors } from './twilioErrors';
import * as validate from './validate';

/** A fetched/created/updated key: the v2010 fields plus `policy` (null unless restricted). */
function iamKeyJson(k: KeyRecord) {
  return { ...keyJson(k), policy: k.policy && { allow: [...k.policy.allow] } };
}

function requiredAccount(ctx: Ctx, params: URLSearchParams) {
  const sid = params.get('AccountSid');
  if (sid === null) throw errors.invalidParameter('Required parameter AccountSid missing');
  if (!ACCOUNT_SID.test(sid)) throw errors.invalidParameter('AccountSid must be AC followed by 32 hexadecimal characters');
  return visibleAccount(ctx, sid);
}

/** Policy only makes sense for restricted keys; anything else in it is a client mistake. */
function policyFor(ctx: Ctx, restricted: boolean) {
  const raw = ctx.form.get('Policy');
  if (raw === null) return undefined;
  if (!restricted) throw errors.invalidParameter('Policy can only be set on a restricted key');
  return validate.policy(raw);
}

export const iamRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/v1\/Keys$/,
    handle(ctx) {
      authorize(ctx.principal, 'keysRead');
      const account = requiredAccount(ctx, ctx.query);
      return metaListReply(ctx, {
        path: '/v1/Keys',
        key: 'keys',
        items: ctx.state.keysOf(account.sid),
        seqOf: (sid) => ctx.state.seqIn(account.sid, sid),
        toJson: (k) => ({ ...keyJson(k), flags: [...FLAGS[k.type]] }),
        filters: [['AccountSid', account.sid]],
      });
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/Keys$/,
    handle(ctx) {
      authorize(ctx.principal, 'keysCreate');
      const account = requiredAccount(ctx, ctx.form);
      const name = validate.friendlyName(ctx.form);
      const keyType = ctx.form.get('KeyType');
      if (keyType !== null && keyType !== 'restricted') throw errors.invalidParameter('KeyType must be "restricted" or absent');
      const restricted = keyType === 'restricted';
      const policy = policyFor(ctx, restricted);
      if (restricted && !policy) throw errors.invalidParameter('A restricted key needs a Policy');
      const key = createKey(ctx.state, account, name, restricted ? 'restricted' : 'standard', policy);
      return { status: 201, body: { ...iamKeyJson(key), secret: key.secret } };
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/Keys\/([^/]+)$/,
    handle(ctx) {
      authorize(ctx.principal, 'keysRead');
      return { status: 200, body: iamKeyJson(visibleKey(ctx, ctx.params[0])) };
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/Keys\/([^/]+)$/,
    handle(ctx) {
      authorize(ctx.principal, 'keysUpdate');
      const key = visibleKey(ctx, ctx.params[0]);
      const name = validate.friendlyName(ctx.form);
      // Validate everything before changing anything, so a bad Policy leaves the name alone.
      const policy = policyFor(ctx, key.type === 'restricted');
      if (name !== undefined) key.friendlyName = name;
      if (policy) key.policy = policy;
      if (name !== undefined || policy) touch(key);
      return { status: 200, body: iamKeyJson(key) };
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/v1\/Keys\/([^/]+)$/,
    handle(ctx) {
      authorize(ctx.principal, 'keysDelete');
      ctx.state.deleteKey(visibleKey(ctx, ctx.params[0]).sid);
      return { status: 204 };
    },
  },
];
