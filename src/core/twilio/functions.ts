// Twilio Functions (Serverless v1, serverless.twilio.com): services, their environments, and the
// environment variables where Functions keep their API keys.
//   listFunctionsServices      GET  /v1/Services
//   listFunctionsEnvironments  GET  /v1/Services/{ServiceSid}/Environments
//   listFunctionsVariables     GET  /v1/Services/{ServiceSid}/Environments/{EnvironmentSid}/Variables
//   createFunctionsVariable    POST …/Variables                 Key, Value
//   updateFunctionsVariable    POST …/Variables/{Sid}           Key and/or Value (same SID)
//   deleteFunctionsVariable    DEL  …/Variables/{Sid}
//   setFunctionsVariables      the list, then an update or create per key whose value differs
//   readFunctionsInventory     every page of the three lists
// Variables come back with their values (Twilio returns them): see FunctionsVariable in types.ts
// for what callers may do with a value. No message built here contains one.
import * as l10n from '@vscode/l10n';
import { Caller, WRITE } from './caller';
import type { TwilioClient } from './client';
import { TwilioApiError } from './errors';
import { everyItem, LibraryPage, listPage, PagedList } from './pages';
import { checkActsOnOwnAccount, date, deleteOnce, requireSid } from './shared';
import type {
  AccountCredentials,
  CallOptions,
  EnvironmentRef,
  FunctionsEnvironment,
  FunctionsInventory,
  FunctionsService,
  FunctionsVariable,
  FunctionsVariablesWrite,
  ListOptions,
  Page,
  VariableRef,
} from './types';
import { checkEnvironmentSid, checkServiceSid, checkVariable, checkVariableSid } from './validation';

interface ServiceFields {
  sid: string;
  uniqueName: string;
  friendlyName: string;
  includeCredentials: boolean;
  domainBase: string;
  dateCreated: Date;
  dateUpdated: Date;
}

interface EnvironmentFields {
  sid: string;
  serviceSid: string;
  uniqueName: string;
  domainSuffix: string | null;
  domainName: string;
  dateCreated: Date;
  dateUpdated: Date;
}

interface VariableFields {
  sid: string;
  serviceSid: string;
  environmentSid: string;
  key: string;
  value: string;
  dateCreated: Date;
  dateUpdated: Date;
}

function toService(s: ServiceFields): FunctionsService {
  return {
    sid: requireSid(s.sid, 'ZS'),
    uniqueName: s.uniqueName ?? '',
    friendlyName: s.friendlyName ?? '',
    // Twilio's default is true: unknown is treated as "the Auth Token is in the Functions' context".
    includeCredentials: s.includeCredentials !== false,
    domainBase: s.domainBase ?? '',
    dateCreated: date(s.dateCreated),
    dateUpdated: date(s.dateUpdated),
  };
}

function toEnvironment(e: EnvironmentFields): FunctionsEnvironment {
  return {
    sid: requireSid(e.sid, 'ZE'),
    serviceSid: requireSid(e.serviceSid, 'ZS'),
    uniqueName: e.uniqueName ?? '',
    domainSuffix: e.domainSuffix ?? '',
    domainName: e.domainName ?? '',
    dateCreated: date(e.dateCreated),
    dateUpdated: date(e.dateUpdated),
  };
}

/** Built field by field; `JSON.stringify` of the result leaves the value out (see FunctionsVariable). */
function toVariable(v: VariableFields): FunctionsVariable {
  if (typeof v.value !== 'string' && v.value !== null && v.value !== undefined) throw new TwilioApiError('unexpectedResponse');
  const variable: FunctionsVariable = {
    sid: requireSid(v.sid, 'ZV'),
    serviceSid: requireSid(v.serviceSid, 'ZS'),
    environmentSid: requireSid(v.environmentSid, 'ZE'),
    key: v.key ?? '',
    value: v.value ?? '',
    dateCreated: date(v.dateCreated),
    dateUpdated: date(v.dateUpdated),
  };
  Object.defineProperty(variable, 'toJSON', {
    enumerable: false,
    value: () => {
      const { value: _value, ...rest } = variable;
      return rest;
    },
  });
  return variable;
}

function checkEnvironmentRef(env: EnvironmentRef): void {
  checkServiceSid(env?.serviceSid);
  checkEnvironmentSid(env.environmentSid);
}

function checkVariableRef(ref: VariableRef): void {
  checkEnvironmentRef(ref);
  checkVariableSid(ref.sid);
}

const variablesOf = (client: TwilioClient, env: EnvironmentRef) => client.serverless.v1.services(env.serviceSid).environments(env.environmentSid).variables;

const SERVICES: PagedList<ServiceFields, FunctionsService> = {
  first: (client, pageSize) => client.serverless.v1.services.page({ pageSize }),
  at: (client, url) => client.serverless.v1.services.getPage(url),
  map: toService,
};

export async function listFunctionsServices(caller: Caller, creds: AccountCredentials, opts?: ListOptions): Promise<Page<FunctionsService>> {
  checkActsOnOwnAccount(creds);
  return listPage(caller, creds, SERVICES, opts);
}

export async function listFunctionsEnvironments(caller: Caller, creds: AccountCredentials, serviceSid: string, opts?: ListOptions): Promise<Page<FunctionsEnvironment>> {
  checkServiceSid(serviceSid);
  checkActsOnOwnAccount(creds);
  const environments = (client: TwilioClient) => client.serverless.v1.services(serviceSid).environments;
  return listPage<EnvironmentFields, FunctionsEnvironment>(caller, creds, {
    first: (client, pageSize) => environments(client).page({ pageSize }),
    at: (client, url) => environments(client).getPage(url),
    map: toEnvironment,
  }, opts);
}

export async function listFunctionsVariables(caller: Caller, creds: AccountCredentials, env: EnvironmentRef, opts?: ListOptions): Promise<Page<FunctionsVariable>> {
  checkEnvironmentRef(env);
  checkActsOnOwnAccount(creds);
  return listPage<VariableFields, FunctionsVariable>(caller, creds, {
    first: (client, pageSize) => variablesOf(client, env).page({ pageSize }) as Promise<LibraryPage<VariableFields>>,
    at: (client, url) => variablesOf(client, env).getPage(url) as Promise<LibraryPage<VariableFields>>,
    map: toVariable,
  }, opts);
}

export async function createFunctionsVariable(caller: Caller, creds: AccountCredentials, env: EnvironmentRef, key: string, value: string, opts?: CallOptions): Promise<FunctionsVariable> {
  checkEnvironmentRef(env);
  if (key === undefined || value === undefined) throw new TwilioApiError('invalidRequest', l10n.t('A Functions variable needs a name and a value.'));
  checkVariable({ key, value });
  checkActsOnOwnAccount(creds);
  return caller.run(creds, opts, WRITE, async (client) => toVariable(await variablesOf(client, env).create({ key, value })));
}

/** Changes a variable's value and/or name in place: its SID stays, and Functions see the new value on their next run. */
export async function updateFunctionsVariable(
  caller: Caller,
  creds: AccountCredentials,
  ref: VariableRef,
  change: { key?: string; value?: string },
  opts?: CallOptions,
): Promise<FunctionsVariable> {
  checkVariableRef(ref);
  if (change?.key === undefined && change?.value === undefined) throw new TwilioApiError('invalidRequest', l10n.t('Nothing to change: give the variable a new name or value.'));
  checkVariable(change);
  checkActsOnOwnAccount(creds);
  const params: { key?: string; value?: string } = {};
  if (change.key !== undefined) params.key = change.key;
  if (change.value !== undefined) params.value = change.value;
  return caller.run(creds, opts, WRITE, async (client) => toVariable(await variablesOf(client, ref)(ref.sid).update(params)));
}

export async function deleteFunctionsVariable(caller: Caller, creds: AccountCredentials, ref: VariableRef, opts?: CallOptions): Promise<void> {
  checkVariableRef(ref);
  checkActsOnOwnAccount(creds);
  return caller.run(creds, opts, WRITE, (client, call) => deleteOnce(call, () => variablesOf(client, ref)(ref.sid).remove()));
}

/**
 * Gives each key its value in one environment: lists the environment's variables, then updates each
 * existing key whose value differs and creates each missing one, in the order given. Stops at the
 * first write that fails and reports it with the keys not tried; a failure to list throws.
 */
export async function setFunctionsVariables(
  caller: Caller,
  creds: AccountCredentials,
  env: EnvironmentRef,
  values: Record<string, string>,
  opts?: CallOptions,
): Promise<FunctionsVariablesWrite> {
  checkEnvironmentRef(env);
  const entries = Object.entries(values ?? {});
  for (const [key, value] of entries) checkVariable({ key, value });
  checkActsOnOwnAccount(creds);
  const existing = new Map((await everyItem(listFunctionsVariables(caller, creds, env, { ...opts, pageSize: 1000 }), opts)).map((v) => [v.key, v]));
  const result: FunctionsVariablesWrite = { created: [], updated: [], unchanged: [], notTried: [] };
  for (const [i, [key, value]] of entries.entries()) {
    const current = existing.get(key);
    if (current && current.value === value) {
      result.unchanged.push(key);
      continue;
    }
    try {
      if (current) await updateFunctionsVariable(caller, creds, current, { value }, opts);
      else await createFunctionsVariable(caller, creds, env, key, value, opts);
      (current ? result.updated : result.created).push(key);
    } catch (e) {
      result.failed = { key, error: TwilioApiError.from(e) };
      result.notTried = entries.slice(i + 1).map(([k]) => k);
      break;
    }
  }
  return result;
}

/** Every service, environment and variable of the account (each page one call with `opts`). */
export async function readFunctionsInventory(caller: Caller, creds: AccountCredentials, opts?: CallOptions): Promise<FunctionsInventory> {
  const all: ListOptions = { ...opts, pageSize: 1000 };
  const services = await everyItem(listFunctionsServices(caller, creds, all), opts);
  const inventory: FunctionsInventory = { services: [] };
  for (const service of services) {
    const environments = await everyItem(listFunctionsEnvironments(caller, creds, service.sid, all), opts);
    const entry: FunctionsInventory['services'][number] = { service, environments: [] };
    for (const environment of environments) {
      const variables = await everyItem(listFunctionsVariables(caller, creds, { serviceSid: service.sid, environmentSid: environment.sid }, all), opts);
      entry.environments.push({ environment, variables });
    }
    inventory.services.push(entry);
  }
  return inventory;
}
