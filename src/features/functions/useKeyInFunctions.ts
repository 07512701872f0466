import * as vscode from 'vscode';
import type { Services } from '../../services/services';
import { holdsKeySecret, signsInWith, type AccountRecord } from '../../services/model';
import { everyItem, type AccountCredentials, type CallOptions, type EnvironmentRef, type FunctionsEnvironment, type FunctionsService, type FunctionsVariablesWrite } from '../../core/twilio/types';
import { classifyFunctionsVariable } from '../../core/twilio/variableKinds';
import { TwilioApiError } from '../../core/twilio/errors';
import type { TwilioApi } from '../../services/twilioService';
import { knownSecrets, secretOwners } from '../../services/secretOwners';
import { pickAccount } from '../accounts/pickAccount';
import { Cancelled } from '../../platform/commands';
import { envVariableNames } from '../../platform/config';
import type { Args } from '../../core/util/commandArgs';
import type { UseKeyInFunctionsArgs } from './useKeyInFunctionsArgs';
import { placesList } from './holders';

/** What was written, by variable name: never a value. */
export interface UseKeyInFunctionsResult {
  accountSid: string;
  keySid: string;
  serviceSid: string;
  environmentSid: string;
  created: string[];
  updated: string[];
  /** Already held the value: nothing was sent. */
  unchanged: string[];
  /** Not written: the one that failed, then those not tried. */
  notWritten: string[];
  failed?: { key: string; message: string };
}

const TITLE = () => vscode.l10n.t('Use Key in Functions');

/**
 * What the flow starts in another feature: Create API Key, offered when no key secret of the
 * account is held here. Handed in (src/features/functions/register.ts): functions/ never imports
 * keys/, whose rotation and deletion run the Functions steps.
 */
export interface UseKeyInFunctionsOffers {
  createKey(accountSid: string): void;
}

/**
 * Writes a key whose secret this editor holds into a Twilio Functions environment, as the three
 * variables the settings name (`TWILIO_ACCOUNT_SID`, `TWILIO_API_KEY`, `TWILIO_API_SECRET` by
 * default), after a confirmation that names the service, the environment and which variables are
 * created or overwritten. Functions use new values on their next run (no deploy). Another
 * caller's fields only start the pickers where they point (`args.prefill`); the confirmation is
 * asked of every caller.
 */
export async function useKeyInFunctions(s: Services, args: Args<UseKeyInFunctionsArgs>, offers: UseKeyInFunctionsOffers): Promise<UseKeyInFunctionsResult | undefined> {
  const suggested = args.prefill ?? {};
  const account = await pickAccount(s.accounts, { accountSid: args.accountSid, prefill: args.prefill }, TITLE());
  refuseThroughParent(account);
  const key = await pickStoredKey(s, account, { named: args.keySid, suggested: suggested.keySid }, offers);
  const secret = await s.accounts.storedKeySecret(account.accountSid, key.sid);
  if (secret === undefined) throw new Error(noSecretMessage(key.sid));
  s.log.protect(secret);
  const creds = await s.accounts.requireCredentials(account);
  const api = await s.twilio.get();
  const service = await pickService(api, creds, { named: args.serviceSid, suggested: suggested.serviceSid });
  const environment = await pickEnvironment(api, creds, service, { named: args.environmentSid, suggested: suggested.environmentSid });
  const env: EnvironmentRef = { serviceSid: service.sid, environmentSid: environment.sid };
  const names = envVariableNames();
  const values = { [names.accountSid]: account.accountSid, [names.apiKey]: key.sid, [names.apiSecret]: secret };
  const plan = await reading(vscode.l10n.t('Reading the variables of "{0}"…', environment.uniqueName), planWrite(s, api, creds, account, env, values));
  const where = { account, key, service, environment };
  if (!plan.create.length && !plan.overwrite.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} / {1} already uses the key "{2}": nothing to write.', serviceName(service), environment.uniqueName, key.label));
    return result(where, { created: [], updated: [], unchanged: plan.unchanged, notTried: [] });
  }
  if (!(await confirmWrite(where, plan))) return undefined;
  const written = await write(api, creds, env, values, where);
  s.functions.loaded?.forgetVariables(account.accountSid, env);
  s.log.info(`Use Key in Functions: ${key.sid} to ${service.sid}/${environment.sid}: created ${written.created.join(', ') || 'none'}; updated ${written.updated.join(', ') || 'none'}${written.failed ? `; stopped at ${written.failed.key}` : ''}.`);
  return report(where, written);
}

interface Where {
  account: AccountRecord;
  key: { sid: string; label: string };
  service: FunctionsService;
  environment: FunctionsEnvironment;
}

/** Which variables a write creates, overwrites (saying what they hold now, never the value) or leaves. */
interface Plan {
  create: string[];
  overwrite: string[];
  unchanged: string[];
}

function refuseThroughParent(account: AccountRecord): void {
  if (!account.parentAccountSid) return;
  throw new Error(
    vscode.l10n.t(
      '"{0}" is a subaccount managed with its parent’s Auth Token, which cannot reach its Twilio Functions. Connect the subaccount with its own Auth Token or API key, then use a key there.',
      account.label,
    ),
  );
}

function noSecretMessage(keySid: string): string {
  return vscode.l10n.t('This editor does not hold the secret of key {0}: Twilio shows a key secret only once, when it is created. Use a key created or imported here.', keySid);
}

function serviceName(service: FunctionsService): string {
  return service.friendlyName || service.uniqueName || service.sid;
}

/** What an argument says of a question: `named` answers it (this extension's own callers); `suggested` comes first in its picker. */
interface Named {
  named?: string;
  suggested?: string;
}

/** The key: the one named (its secret must be held here), or a pick among the keys whose secrets are (a suggested one first). */
async function pickStoredKey(s: Services, account: AccountRecord, { named: keySid, suggested }: Named, offers: UseKeyInFunctionsOffers): Promise<{ sid: string; label: string }> {
  const label = (sid: string) => s.keys.find(account.accountSid, sid)?.friendlyName || sid;
  // The first page of keys names them (a key further down is named by its SID).
  await s.keys.load(account.accountSid);
  if (keySid) {
    if (!holdsKeySecret(account, keySid)) throw new Error(noSecretMessage(keySid));
    return { sid: keySid, label: label(keySid) };
  }
  const held = [...new Set([...account.storedKeySids, ...(account.auth === 'apiKey' && account.apiKeySid ? [account.apiKeySid] : [])])];
  const sids = [...held.filter((sid) => sid === suggested), ...held.filter((sid) => sid !== suggested)];
  if (!sids.length) {
    const create = vscode.l10n.t('Create API Key');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('This editor holds no key secret of "{0}". Create a key here first: Twilio shows its secret only then.', account.label), create);
    if (choice === create) offers.createKey(account.accountSid);
    throw new Cancelled();
  }
  const pick = await vscode.window.showQuickPick(
    sids.map((sid) => ({
      label: label(sid),
      description: sid,
      detail: signsInWith(account, sid) ? vscode.l10n.t('The Main key this extension signs in with: it can manage the account. A Standard or Restricted key is safer in deployed code.') : undefined,
      sid,
    })),
    { title: TITLE(), placeHolder: vscode.l10n.t('Which key should the Functions use?'), matchOnDescription: true, ignoreFocusOut: true },
  );
  if (!pick) throw new Cancelled();
  return { sid: pick.sid, label: pick.label };
}

/** The write, under a cancellable progress notification that closes before the outcome is shown. */
function withProgress<T>(title: string, work: (opts: CallOptions) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_p, token) => {
    const ctl = new AbortController();
    token.onCancellationRequested(() => ctl.abort());
    return work({ signal: ctl.signal });
  });
}

/** A quick read (a list, the variables before the confirmation): the status bar shows it, no notification lingers. */
function reading<T>(title: string, work: Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, () => work);
}

interface Choice<T> {
  /** Every item, all pages; throws when there is none to choose from. */
  load(opts: CallOptions): Promise<T[]>;
  /** What an argument named (SID or unique name), if it did: the answer. */
  named?: string;
  /** What another caller suggested (SID or unique name): first in the pick, still picked by the user. */
  suggested?: string;
  matches(item: T, named: string): boolean;
  notFound(named: string): string;
  item(x: T): vscode.QuickPickItem;
  placeHolder: string;
  /** For the status bar while a named item is looked up. */
  reading: string;
}

/**
 * The item an argument names, or the user's pick. The pick opens at once and fills in when the
 * list arrives; dismissing it cancels the request.
 */
async function chooseOne<T>(c: Choice<T>): Promise<T> {
  const ctl = new AbortController();
  const list = c.load({ signal: ctl.signal });
  list.catch(() => undefined); // a pick dismissed while loading leaves the load to fail unheard
  if (c.named) {
    const named = c.named;
    const found = (await reading(c.reading, list)).find((x) => c.matches(x, named));
    if (!found) throw new Error(c.notFound(named));
    return found;
  }
  type Item = vscode.QuickPickItem & { value: T };
  const first = (x: T) => c.suggested !== undefined && c.matches(x, c.suggested);
  const items: Promise<Item[]> = list.then((all) => [...all.filter(first), ...all.filter((x) => !first(x))].map((value) => ({ ...c.item(value), value })));
  const pick = await vscode.window.showQuickPick<Item>(items, { title: TITLE(), placeHolder: c.placeHolder, matchOnDescription: true, ignoreFocusOut: true });
  if (!pick) {
    ctl.abort();
    throw new Cancelled();
  }
  return pick.value;
}

/** The service named (SID or unique name), or the user's pick. */
function pickService(api: TwilioApi, creds: AccountCredentials, { named, suggested }: Named): Promise<FunctionsService> {
  return chooseOne<FunctionsService>({
    load: async (opts) => {
      const services = await everyItem(api.listFunctionsServices(creds, { ...opts, pageSize: 1000 }), opts);
      if (!services.length) throw new Error(vscode.l10n.t('The account has no Twilio Functions services. Create one in the Twilio Console or with the serverless toolkit (twilio serverless:deploy), then use a key there.'));
      return services;
    },
    named,
    suggested,
    matches: (x, n) => x.sid === n || x.uniqueName === n,
    notFound: (n) => vscode.l10n.t('The account has no Twilio Functions service "{0}".', n),
    item: (service) => ({ label: serviceName(service), description: service.uniqueName !== serviceName(service) ? service.uniqueName : service.sid }),
    placeHolder: vscode.l10n.t('Which Functions service?'),
    reading: vscode.l10n.t('Listing Twilio Functions services…'),
  });
}

/** The environment named (SID or unique name), or the user's pick. */
function pickEnvironment(api: TwilioApi, creds: AccountCredentials, service: FunctionsService, { named, suggested }: Named): Promise<FunctionsEnvironment> {
  return chooseOne<FunctionsEnvironment>({
    load: async (opts) => {
      const environments = await everyItem(api.listFunctionsEnvironments(creds, service.sid, { ...opts, pageSize: 1000 }), opts);
      if (!environments.length) throw new Error(vscode.l10n.t('The Functions service "{0}" has no environments yet: deploy it once, then use a key there.', serviceName(service)));
      return environments;
    },
    named,
    suggested,
    matches: (x, n) => x.sid === n || x.uniqueName === n,
    notFound: (n) => vscode.l10n.t('The Functions service "{0}" has no environment "{1}".', serviceName(service), n),
    item: (environment) => ({ label: environment.uniqueName, description: environment.domainName }),
    placeHolder: vscode.l10n.t('Which environment of "{0}"?', serviceName(service)),
    reading: vscode.l10n.t('Listing the environments of "{0}"…', serviceName(service)),
  });
}

/** Compares the environment's variables with the values to write, in memory; the values read are dropped on return. */
async function planWrite(s: Services, api: TwilioApi, creds: AccountCredentials, account: AccountRecord, env: EnvironmentRef, values: Record<string, string>): Promise<Plan> {
  const current = new Map((await everyItem(api.listFunctionsVariables(creds, env, { pageSize: 1000 }), {})).map((v) => [v.key, v]));
  const known = knownSecrets(await secretOwners(s.accounts));
  const plan: Plan = { create: [], overwrite: [], unchanged: [] };
  for (const [key, value] of Object.entries(values)) {
    const now = current.get(key);
    if (!now) plan.create.push(key);
    else if (now.value === value) plan.unchanged.push(key);
    else {
      const holds = classifyFunctionsVariable(now, known, { accountSid: account.accountSid })?.description ?? vscode.l10n.t('a value that is not a credential');
      plan.overwrite.push(vscode.l10n.t('{0} (now {1})', key, holds));
    }
  }
  return plan;
}

/** The confirmation, always asked: the service, the environment, and what is created and overwritten. */
async function confirmWrite({ key, service, environment }: Where, plan: Plan): Promise<boolean> {
  const button = vscode.l10n.t('Write Variables');
  const detail = [
    vscode.l10n.t('Service: {0} ({1})', serviceName(service), service.sid),
    vscode.l10n.t('Environment: {0} ({1})', environment.uniqueName, environment.domainName || environment.sid),
    vscode.l10n.t('Will create: {0}', placesList(plan.create)),
    vscode.l10n.t('Will overwrite: {0}', placesList(plan.overwrite)),
    plan.unchanged.length ? vscode.l10n.t('Already set: {0}', placesList(plan.unchanged)) : '',
  ].filter(Boolean);
  const after = vscode.l10n.t('Functions in this environment use the new values on their next run, without a deploy. The secret goes to Twilio only; the tree never shows it.');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Write the key "{0}" ({1}) into the Functions environment "{2}" of "{3}"?', key.label, key.sid, environment.uniqueName, serviceName(service)),
    { modal: true, detail: `${detail.join('\n')}\n\n${after}` },
    button,
  );
  return choice === button;
}

async function write(api: TwilioApi, creds: AccountCredentials, env: EnvironmentRef, values: Record<string, string>, { service, environment }: Where): Promise<FunctionsVariablesWrite> {
  try {
    return await withProgress(vscode.l10n.t('Writing variables to {0} / {1}…', serviceName(service), environment.uniqueName), (opts) => api.setFunctionsVariables(creds, env, values, opts));
  } catch (e) {
    // Listing the environment failed before any write.
    throw new Error(vscode.l10n.t('Nothing was written to {0} / {1}: {2}', serviceName(service), environment.uniqueName, TwilioApiError.from(e).message));
  }
}

function result({ account, key, service, environment }: Where, w: Omit<FunctionsVariablesWrite, 'failed'> & { failed?: FunctionsVariablesWrite['failed'] }): UseKeyInFunctionsResult {
  return {
    accountSid: account.accountSid,
    keySid: key.sid,
    serviceSid: service.sid,
    environmentSid: environment.sid,
    created: w.created,
    updated: w.updated,
    unchanged: w.unchanged,
    notWritten: w.failed ? [w.failed.key, ...w.notTried] : [],
    failed: w.failed && { key: w.failed.key, message: w.failed.error.message },
  };
}

/** The outcome; a partial write says exactly which variables were written and which were not. */
function report(where: Where, written: FunctionsVariablesWrite): UseKeyInFunctionsResult {
  const { key, service, environment } = where;
  const place = `${serviceName(service)} / ${environment.uniqueName}`;
  if (!written.failed) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('{0} now uses the key "{1}": created {2}; updated {3}.', place, key.label, placesList(written.created), placesList(written.updated)),
    );
    return result(where, written);
  }
  const { key: failedKey, error } = written.failed;
  void vscode.window.showErrorMessage(vscode.l10n.t('Use Key in Functions stopped: {0} in {1} could not be written.', failedKey, place), {
    modal: true,
    detail: vscode.l10n.t(
      '{0}\n\nWritten: created {1}; updated {2}. NOT written: {3}. Already set: {4}. Until all three hold the key, Functions using them may fail: run Use Key in Functions again to finish.',
      error.message,
      placesList(written.created),
      placesList(written.updated),
      placesList([failedKey, ...written.notTried]),
      placesList(written.unchanged),
    ),
  });
  return result(where, written);
}
