// Conversations v1 push credentials on conversations.twilio.com (CR…): `Type` apn | gcm | fcm with
// write-only material (APN Certificate + PrivateKey, GCM ApiKey, FCM Secret) that no answer carries.
//   /v1/Credentials         GET list, POST create (Type required, any case)
//   /v1/Credentials/{Sid}   GET, POST update (FriendlyName, the type's material, Sandbox), DELETE
// Emulator choices where Twilio is silent (README): a create needs its type's material; material
// or Sandbox for another type, or a Type that differs from the credential's, is 400 / 20001.
import { authorize } from './auth';
import { iso8601 } from './ids';
import { metaListReply } from './paging';
import type { PushCredentialRecord, PushType } from './records';
import type { Ctx, Route } from './router';
import { errors } from './twilioErrors';
import * as validate from './validate';

const PATH = '/v1/Credentials';
const TYPES: readonly PushType[] = ['apn', 'gcm', 'fcm'];
/** The form fields that carry each type's material, and the record fields they fill. */
const MATERIAL: Record<PushType, [string, 'certificate' | 'privateKey' | 'apiKey' | 'secret'][]> = {
  apn: [
    ['Certificate', 'certificate'],
    ['PrivateKey', 'privateKey'],
  ],
  gcm: [['ApiKey', 'apiKey']],
  fcm: [['Secret', 'secret']],
};
const MAX_MATERIAL = 65_536;

function pushJson(ctx: Ctx, c: PushCredentialRecord) {
  // Field by field: the material must never leave. `sandbox` is a string, as in Twilio's examples.
  return {
    sid: c.sid,
    account_sid: c.accountSid,
    friendly_name: c.friendlyName,
    type: c.type,
    sandbox: c.sandbox ? 'True' : 'False',
    date_created: iso8601(c.dateCreated),
    date_updated: iso8601(c.dateUpdated),
    url: `${ctx.publicOrigin}${PATH}/${c.sid}`,
  };
}

function pushType(ctx: Ctx, required: boolean): PushType | undefined {
  const raw = ctx.form.get('Type');
  if (raw === null) {
    if (required) throw errors.invalidParameter('Required parameter Type missing');
    return undefined;
  }
  const type = raw.toLowerCase() as PushType;
  if (!TYPES.includes(type)) throw errors.invalidParameter('Type must be apn, gcm or fcm');
  return type;
}

/** The material fields given for `type`; any field of another type (or Sandbox off APN) is refused. */
function materialFor(ctx: Ctx, type: PushType, required: boolean): Partial<Record<'certificate' | 'privateKey' | 'apiKey' | 'secret', string>> {
  for (const other of TYPES.filter((t) => t !== type)) {
    for (const [field] of MATERIAL[other]) {
      if (ctx.form.get(field) !== null) throw errors.invalidParameter(`${field} is for ${other} credentials; this one is ${type}`);
    }
  }
  if (type !== 'apn' && ctx.form.get('Sandbox') !== null) throw errors.invalidParameter('Sandbox is for apn credentials only');
  const out: Partial<Record<'certificate' | 'privateKey' | 'apiKey' | 'secret', string>> = {};
  for (const [field, prop] of MATERIAL[type]) {
    const v = validate.text(ctx.form, field, { max: MAX_MATERIAL, required });
    if (v !== undefined && v !== '') out[prop] = v;
  }
  return out;
}

function ownPushCredential(ctx: Ctx, sid: string): PushCredentialRecord {
  const c = ctx.state.pushCredentials.get(sid);
  if (!c || c.accountSid !== ctx.principal.account.sid) throw errors.notFound(ctx.path);
  return c;
}

export const pushCredentialRoutes: Route[] = [
  {
    method: 'GET',
    pattern: new RegExp(`^${PATH}$`),
    handle(ctx) {
      authorize(ctx.principal, 'pushCredentialsRead');
      const own = ctx.principal.account.sid;
      return metaListReply(ctx, {
        path: PATH,
        key: 'credentials',
        items: ctx.state.pushCredentialsOf(own),
        seqOf: (sid) => ctx.state.seqIn(`push:${own}`, sid),
        toJson: (c) => pushJson(ctx, c),
      });
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${PATH}$`),
    handle(ctx) {
      authorize(ctx.principal, 'pushCredentialsCreate');
      const type = pushType(ctx, true)!;
      const friendlyName = validate.friendlyName(ctx.form);
      const material = materialFor(ctx, type, true);
      const sandbox = validate.bool(ctx.form, 'Sandbox');
      const created = ctx.state.addPushCredential(ctx.principal.account.sid, { type, friendlyName, sandbox, ...material });
      return { status: 201, body: pushJson(ctx, created) };
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${PATH}/([^/]+)$`),
    handle(ctx) {
      authorize(ctx.principal, 'pushCredentialsRead');
      return { status: 200, body: pushJson(ctx, ownPushCredential(ctx, ctx.params[0])) };
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${PATH}/([^/]+)$`),
    handle(ctx) {
      authorize(ctx.principal, 'pushCredentialsUpdate');
      const c = ownPushCredential(ctx, ctx.params[0]);
      const type = pushType(ctx, false);
      if (type !== undefined && type !== c.type) {
        throw errors.invalidParameter(`This credential is ${c.type}; its type cannot change (create a ${type} credential instead)`);
      }
      // Everything is checked before anything changes.
      const friendlyName = validate.friendlyName(ctx.form);
      const material = materialFor(ctx, c.type, false);
      const sandbox = validate.bool(ctx.form, 'Sandbox');
      Object.assign(c, material);
      if (friendlyName !== undefined) c.friendlyName = friendlyName;
      if (sandbox !== undefined) c.sandbox = sandbox;
      if (friendlyName !== undefined || sandbox !== undefined || Object.keys(material).length) {
        c.dateUpdated = new Date(Math.max(Date.now(), c.dateCreated.getTime()));
      }
      return { status: 200, body: pushJson(ctx, c) };
    },
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^${PATH}/([^/]+)$`),
    handle(ctx) {
      authorize(ctx.principal, 'pushCredentialsDelete');
      ctx.state.pushCredentials.delete(ownPushCredential(ctx, ctx.params[0]).sid);
      return { status: 204 };
    },
  },
];
