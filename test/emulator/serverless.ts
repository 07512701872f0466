// Serverless v1 on serverless.twilio.com, the API behind Twilio Functions: Services (ZS…), their
// Environments (ZE…) and each environment's Variables (ZV…). No path names an account: every call
// acts on the account whose credentials authenticate, so another account's services are simply
// not found. Dates are ISO 8601; lists page in `meta` with absolute URLs.
//   /v1/Services                                   GET list, POST create (UniqueName ≤ 50, FriendlyName ≤ 255)
//   /v1/Services/{Sid}                             GET, POST update, DELETE (Sid: the SID or the unique name)
//   /v1/Services/{ServiceSid}/Environments         GET list, POST create (UniqueName ≤ 100, DomainSuffix ≤ 16)
//   /v1/Services/{ServiceSid}/Environments/{Sid}   GET, DELETE
//   …/Environments/{EnvironmentSid}/Variables      GET list, POST create (Key ≤ 128 characters, Value ≤ 450 bytes)
//   …/Variables/{Sid}                              GET, POST update (Key and/or Value), DELETE
// A taken unique name or key is 409 / 20409 (Twilio's generic "Conflict"; the spec names no code).
import { authorize } from './auth';
import { iso8601 } from './ids';
import { metaListReply } from './paging';
import type { EnvironmentRecord, ServiceRecord, VariableRecord } from './records';
import type { Ctx, Route } from './router';
import { errors } from './twilioErrors';
import * as validate from './validate';

const SEG = '([^/]+)';
const SERVICES = '/v1/Services';

export const LIMITS = {
  serviceUniqueName: 50,
  serviceFriendlyName: 255,
  environmentUniqueName: 100,
  domainSuffix: 16,
  variableKey: 128,
  /** In UTF-8 bytes. */
  variableValue: 450,
} as const;

function serviceUrl(ctx: Ctx, sid: string): string {
  return `${ctx.publicOrigin}${SERVICES}/${sid}`;
}

function environmentUrl(ctx: Ctx, e: { serviceSid: string; sid: string }): string {
  return `${serviceUrl(ctx, e.serviceSid)}/Environments/${e.sid}`;
}

function serviceJson(ctx: Ctx, s: ServiceRecord) {
  const url = serviceUrl(ctx, s.sid);
  return {
    sid: s.sid,
    account_sid: s.accountSid,
    friendly_name: s.friendlyName,
    unique_name: s.uniqueName,
    include_credentials: s.includeCredentials,
    ui_editable: s.uiEditable,
    domain_base: s.domainBase,
    date_created: iso8601(s.dateCreated),
    date_updated: iso8601(s.dateUpdated),
    url,
    links: { environments: `${url}/Environments`, functions: `${url}/Functions`, assets: `${url}/Assets`, builds: `${url}/Builds` },
  };
}

function environmentJson(ctx: Ctx, e: EnvironmentRecord) {
  const url = environmentUrl(ctx, e);
  return {
    sid: e.sid,
    account_sid: e.accountSid,
    service_sid: e.serviceSid,
    build_sid: null,
    unique_name: e.uniqueName,
    domain_suffix: e.domainSuffix,
    domain_name: e.domainName,
    date_created: iso8601(e.dateCreated),
    date_updated: iso8601(e.dateUpdated),
    url,
    links: { variables: `${url}/Variables`, deployments: `${url}/Deployments`, logs: `${url}/Logs` },
  };
}

function variableJson(ctx: Ctx, v: VariableRecord) {
  return {
    sid: v.sid,
    account_sid: v.accountSid,
    service_sid: v.serviceSid,
    environment_sid: v.environmentSid,
    key: v.key,
    value: v.value,
    date_created: iso8601(v.dateCreated),
    date_updated: iso8601(v.dateUpdated),
    url: `${environmentUrl(ctx, v)}/Variables/${v.sid}`,
  };
}

function touch(r: { dateCreated: Date; dateUpdated: Date }): void {
  r.dateUpdated = new Date(Math.max(Date.now(), r.dateCreated.getTime()));
}

/** The caller's service by SID, or (where the spec allows it) by unique name; else 404. */
function ownService(ctx: Ctx, ref: string, byUniqueName: boolean): ServiceRecord {
  const own = ctx.principal.account.sid;
  const bySid = ctx.state.services.get(ref);
  const service = bySid ?? (byUniqueName ? ctx.state.servicesOf(own).find((s) => s.uniqueName === ref) : undefined);
  if (!service || service.accountSid !== own) throw errors.notFound(ctx.path);
  return service;
}

function ownEnvironment(ctx: Ctx, serviceRef: string, sid: string): EnvironmentRecord {
  const service = ownService(ctx, serviceRef, false);
  const env = ctx.state.environments.get(sid);
  if (!env || env.serviceSid !== service.sid) throw errors.notFound(ctx.path);
  return env;
}

function ownVariable(ctx: Ctx, serviceRef: string, envSid: string, sid: string): VariableRecord {
  const env = ownEnvironment(ctx, serviceRef, envSid);
  const variable = ctx.state.variables.get(sid);
  if (!variable || variable.environmentSid !== env.sid) throw errors.notFound(ctx.path);
  return variable;
}

/** Key and Value under Twilio's documented limits; a key must be unique in its environment. */
function variableFields(ctx: Ctx, env: EnvironmentRecord, required: boolean, self?: VariableRecord) {
  const key = validate.text(ctx.form, 'Key', { max: LIMITS.variableKey, required });
  const value = validate.text(ctx.form, 'Value', { max: LIMITS.variableValue, bytes: true, required });
  if (key !== undefined && ctx.state.variablesOf(env.sid).some((v) => v.key === key && v !== self)) {
    throw errors.conflict(`A variable with the key ${key.slice(0, 128)} exists already in this environment`);
  }
  return { key, value };
}

const ENVIRONMENTS = `^${SERVICES}/${SEG}/Environments`;
const VARIABLES = `${ENVIRONMENTS}/${SEG}/Variables`;

export const serverlessRoutes: Route[] = [
  {
    method: 'GET',
    pattern: new RegExp(`^${SERVICES}$`),
    handle(ctx) {
      authorize(ctx.principal, 'servicesRead');
      const own = ctx.principal.account.sid;
      return metaListReply(ctx, {
        path: SERVICES,
        key: 'services',
        items: ctx.state.servicesOf(own),
        seqOf: (sid) => ctx.state.seqIn(`services:${own}`, sid),
        toJson: (s) => serviceJson(ctx, s),
      });
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${SERVICES}$`),
    handle(ctx) {
      authorize(ctx.principal, 'servicesCreate');
      const own = ctx.principal.account.sid;
      const uniqueName = validate.text(ctx.form, 'UniqueName', { max: LIMITS.serviceUniqueName, required: true })!;
      const friendlyName = validate.text(ctx.form, 'FriendlyName', { max: LIMITS.serviceFriendlyName, required: true })!;
      const includeCredentials = validate.bool(ctx.form, 'IncludeCredentials');
      const uiEditable = validate.bool(ctx.form, 'UiEditable');
      if (ctx.state.servicesOf(own).some((s) => s.uniqueName === uniqueName)) {
        throw errors.conflict(`A service with the unique name ${uniqueName} exists already`);
      }
      const service = ctx.state.addService(own, { uniqueName, friendlyName, includeCredentials });
      if (uiEditable !== undefined) service.uiEditable = uiEditable;
      return { status: 201, body: serviceJson(ctx, service) };
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${SERVICES}/${SEG}$`),
    handle(ctx) {
      authorize(ctx.principal, 'servicesRead');
      return { status: 200, body: serviceJson(ctx, ownService(ctx, ctx.params[0], true)) };
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${SERVICES}/${SEG}$`),
    handle(ctx) {
      authorize(ctx.principal, 'servicesUpdate');
      const service = ownService(ctx, ctx.params[0], true);
      const friendlyName = validate.text(ctx.form, 'FriendlyName', { max: LIMITS.serviceFriendlyName });
      const includeCredentials = validate.bool(ctx.form, 'IncludeCredentials');
      const uiEditable = validate.bool(ctx.form, 'UiEditable');
      if (friendlyName !== undefined) service.friendlyName = friendlyName;
      if (includeCredentials !== undefined) service.includeCredentials = includeCredentials;
      if (uiEditable !== undefined) service.uiEditable = uiEditable;
      if (friendlyName !== undefined || includeCredentials !== undefined || uiEditable !== undefined) touch(service);
      return { status: 200, body: serviceJson(ctx, service) };
    },
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^${SERVICES}/${SEG}$`),
    handle(ctx) {
      authorize(ctx.principal, 'servicesDelete');
      ctx.state.deleteService(ownService(ctx, ctx.params[0], true).sid);
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`${ENVIRONMENTS}$`),
    handle(ctx) {
      authorize(ctx.principal, 'environmentsRead');
      const service = ownService(ctx, ctx.params[0], false);
      return metaListReply(ctx, {
        path: `${SERVICES}/${service.sid}/Environments`,
        key: 'environments',
        items: ctx.state.environmentsOf(service.sid),
        seqOf: (sid) => ctx.state.seqIn(`environments:${service.sid}`, sid),
        toJson: (e) => environmentJson(ctx, e),
      });
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`${ENVIRONMENTS}$`),
    handle(ctx) {
      authorize(ctx.principal, 'environmentsCreate');
      const service = ownService(ctx, ctx.params[0], false);
      const uniqueName = validate.text(ctx.form, 'UniqueName', { max: LIMITS.environmentUniqueName, required: true })!;
      const domainSuffix = validate.text(ctx.form, 'DomainSuffix', { max: LIMITS.domainSuffix });
      if (ctx.state.environmentsOf(service.sid).some((e) => e.uniqueName === uniqueName)) {
        throw errors.conflict(`An environment with the unique name ${uniqueName} exists already in this service`);
      }
      const env = ctx.state.addEnvironment(service.sid, { uniqueName, domainSuffix: domainSuffix || null });
      return { status: 201, body: environmentJson(ctx, env) };
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`${ENVIRONMENTS}/${SEG}$`),
    handle(ctx) {
      authorize(ctx.principal, 'environmentsRead');
      return { status: 200, body: environmentJson(ctx, ownEnvironment(ctx, ctx.params[0], ctx.params[1])) };
    },
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`${ENVIRONMENTS}/${SEG}$`),
    handle(ctx) {
      authorize(ctx.principal, 'environmentsDelete');
      ctx.state.deleteEnvironment(ownEnvironment(ctx, ctx.params[0], ctx.params[1]).sid);
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`${VARIABLES}$`),
    handle(ctx) {
      authorize(ctx.principal, 'variablesRead');
      const env = ownEnvironment(ctx, ctx.params[0], ctx.params[1]);
      return metaListReply(ctx, {
        path: `${SERVICES}/${env.serviceSid}/Environments/${env.sid}/Variables`,
        key: 'variables',
        items: ctx.state.variablesOf(env.sid),
        seqOf: (sid) => ctx.state.seqIn(`variables:${env.sid}`, sid),
        toJson: (v) => variableJson(ctx, v),
      });
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`${VARIABLES}$`),
    handle(ctx) {
      authorize(ctx.principal, 'variablesCreate');
      const env = ownEnvironment(ctx, ctx.params[0], ctx.params[1]);
      const { key, value } = variableFields(ctx, env, true);
      return { status: 201, body: variableJson(ctx, ctx.state.addVariable(env.sid, key!, value!)) };
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`${VARIABLES}/${SEG}$`),
    handle(ctx) {
      authorize(ctx.principal, 'variablesRead');
      return { status: 200, body: variableJson(ctx, ownVariable(ctx, ctx.params[0], ctx.params[1], ctx.params[2])) };
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`${VARIABLES}/${SEG}$`),
    handle(ctx) {
      authorize(ctx.principal, 'variablesUpdate');
      const variable = ownVariable(ctx, ctx.params[0], ctx.params[1], ctx.params[2]);
      const { key, value } = variableFields(ctx, ctx.state.environments.get(variable.environmentSid)!, false, variable);
      if (key !== undefined) variable.key = key;
      if (value !== undefined) variable.value = value;
      if (key !== undefined || value !== undefined) touch(variable);
      return { status: 200, body: variableJson(ctx, variable) };
    },
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`${VARIABLES}/${SEG}$`),
    handle(ctx) {
      authorize(ctx.principal, 'variablesDelete');
      ctx.state.variables.delete(ownVariable(ctx, ctx.params[0], ctx.params[1], ctx.params[2]).sid);
      return { status: 204 };
    },
  },
];
