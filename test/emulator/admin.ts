// The admin endpoint, for a process that cannot call the in-process API (e.g. a VS Code extension
// host under test). Loopback only, like the emulator itself, and unauthenticated: it is a test tool.
//   GET    /__emulator/state     accounts with their keys, Functions services (environments, variables),
//                                account credentials and push credentials (secrets included: they are
//                                generated per run, or the test's own)
//   POST   /__emulator/seed      as in --seed, plus top-level "services", "accountCredentials",
//                                "pushCredentials" naming an existing accountSid; answers with what it made
//   POST   /__emulator/config    {"keyLimit": N, "v2010KeyCreationDenied": true|false}
//   POST   /__emulator/reset     back to the start state; clears faults and the log
//   GET    /__emulator/faults    pending faults;  POST adds one (FaultSpec JSON);  DELETE clears
//   GET    /__emulator/requests  the request log; DELETE clears it
import type * as http from 'http';
import type { Emulator } from './server';
import type { AccountCredentialRecord, EnvironmentRecord, PushCredentialRecord, ServiceRecord, VariableRecord } from './records';
import type { AccountRecord, KeyRecord, SeedResult } from './state';

function json(res: http.ServerResponse, status: number, body?: unknown): void {
  const text = body === undefined ? undefined : JSON.stringify(body);
  res.writeHead(status, text === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(text);
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : {};
}

function describeAccount(emu: Emulator, a: AccountRecord) {
  const key = (k: KeyRecord) => ({
    sid: k.sid,
    secret: k.secret,
    friendlyName: k.friendlyName,
    type: k.type,
    permissions: k.policy?.allow,
    dateCreated: k.dateCreated.toISOString(),
  });
  return {
    sid: a.sid,
    authToken: a.authToken,
    secondaryAuthToken: a.secondaryAuthToken ?? null,
    friendlyName: a.friendlyName,
    status: a.status,
    ownerAccountSid: a.ownerAccountSid,
    keyLimit: emu.state.keyLimitOf(a.sid),
    keys: emu.state.keysOf(a.sid).map(key),
    services: emu.state.servicesOf(a.sid).map((s) => describeService(emu, s)),
    accountCredentials: [...emu.state.accountCredentialsOf(a.sid, 'publicKey'), ...emu.state.accountCredentialsOf(a.sid, 'aws')].map(describeAccountCredential),
    pushCredentials: emu.state.pushCredentialsOf(a.sid).map(describePushCredential),
  };
}

const dates = (r: { dateCreated: Date; dateUpdated: Date }) => ({ dateCreated: r.dateCreated.toISOString(), dateUpdated: r.dateUpdated.toISOString() });

function describeVariable(v: VariableRecord) {
  return { sid: v.sid, key: v.key, value: v.value, ...dates(v) };
}

function describeEnvironment(emu: Emulator, e: EnvironmentRecord) {
  return { sid: e.sid, serviceSid: e.serviceSid, uniqueName: e.uniqueName, domainName: e.domainName, ...dates(e), variables: emu.state.variablesOf(e.sid).map(describeVariable) };
}

function describeService(emu: Emulator, s: ServiceRecord) {
  return {
    sid: s.sid,
    accountSid: s.accountSid,
    uniqueName: s.uniqueName,
    friendlyName: s.friendlyName,
    includeCredentials: s.includeCredentials,
    ...dates(s),
    environments: emu.state.environmentsOf(s.sid).map((e) => describeEnvironment(emu, e)),
  };
}

function describeAccountCredential(c: AccountCredentialRecord) {
  return { sid: c.sid, kind: c.kind, accountSid: c.accountSid, friendlyName: c.friendlyName, material: c.material, ...dates(c) };
}

function describePushCredential(c: PushCredentialRecord) {
  const { seq: _seq, dateCreated: _c, dateUpdated: _u, ...rest } = c;
  return { ...rest, ...dates(c) };
}

function describeSeed(emu: Emulator, r: SeedResult) {
  return {
    accounts: r.accounts.map((a) => describeAccount(emu, a)),
    services: r.services.map((s) => describeService(emu, s)),
    environments: r.environments.map((e) => describeEnvironment(emu, e)),
    variables: r.variables.map(describeVariable),
    accountCredentials: r.accountCredentials.map(describeAccountCredential),
    pushCredentials: r.pushCredentials.map(describePushCredential),
  };
}

export async function handleAdmin(emu: Emulator, req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
  const route = `${req.method} ${url.pathname.replace(/\/$/, '')}`;
  try {
    switch (route) {
      case 'GET /__emulator/state':
        return json(res, 200, {
          keyLimit: emu.state.keyLimit,
          accounts: [...emu.state.accounts.values()].map((a) => describeAccount(emu, a)),
        });
      case 'POST /__emulator/seed': {
        return json(res, 201, describeSeed(emu, emu.state.seedAll((await readJson(req)) as never)));
      }
      case 'POST /__emulator/config': {
        const { keyLimit, v2010KeyCreationDenied } = (await readJson(req)) as { keyLimit?: unknown; v2010KeyCreationDenied?: unknown };
        if (keyLimit !== undefined) {
          if (!Number.isInteger(keyLimit) || (keyLimit as number) < 0) throw new TypeError('keyLimit must be a non-negative integer');
        }
        if (v2010KeyCreationDenied !== undefined && typeof v2010KeyCreationDenied !== 'boolean') {
          throw new TypeError('v2010KeyCreationDenied must be true or false');
        }
        if (keyLimit !== undefined) emu.state.keyLimit = keyLimit as number;
        if (v2010KeyCreationDenied !== undefined) emu.state.v2010KeyCreationDenied = v2010KeyCreationDenied;
        return json(res, 200, { keyLimit: emu.state.keyLimit, v2010KeyCreationDenied: emu.state.v2010KeyCreationDenied });
      }
      case 'POST /__emulator/reset':
        emu.reset();
        return json(res, 204);
      case 'GET /__emulator/faults':
        return json(res, 200, { faults: emu.faults.list() });
      case 'POST /__emulator/faults':
        return json(res, 201, emu.faults.add((await readJson(req)) as never));
      case 'DELETE /__emulator/faults':
        emu.faults.clear();
        return json(res, 204);
      case 'GET /__emulator/requests':
        return json(res, 200, { requests: emu.requests });
      case 'DELETE /__emulator/requests':
        emu.clearRequests();
        return json(res, 204);
      default:
        return json(res, 404, { error: `no admin route ${route}` });
    }
  } catch (e) {
    // Bad input from the test driving us: say what was wrong.
    return json(res, 400, { error: (e as Error).message });
  }
}
