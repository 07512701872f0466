// Twilio Functions steps of the key and Auth Token flows: find the variables that hold the old
// credential (by SID or fingerprint, across every service and environment of the account) and
// give them the new one before the old is revoked; tell Delete API Key which variables still hold
// a key. Each step reads the account's Functions inventory, keeps what it found without values,
// and drops the inventory. Nothing here asks the user anything: callers run it under a progress
// notification and put its sentences into their confirmations and reports.
import * as vscode from 'vscode';
import type { Services } from '../../services/services';
import type { AccountRecord } from '../../services/model';
import type { AccountCredentials, FunctionsInventory } from '../../core/twilio/types';
import { TwilioApiError } from '../../core/twilio/errors';
import { fingerprint } from '../../core/detection';
import { envVariableNames } from '../../platform/config';
import { keyHolders, keyMentions, placeLabel, placesList, servicesGivenTheToken, tokenHolders, type VariablePlace } from './holders';

/** What a Functions step did: variables as "service / environment: KEY", never values. */
export interface FunctionsOutcome {
  updated: string[];
  notUpdated: string[];
  /** Why the account's Functions could not be read when that cannot change by retrying (a subaccount through its parent, a key without the permission). */
  notChecked?: string;
  /** Set when a variable could not be updated or the Functions could not be read: what went wrong, in a sentence. The flow stops before revoking anything. */
  failure?: string;
  /** Auth Token flows: services Twilio gives the token to itself (Include credentials). */
  givenTheToken?: string[];
}

type Inventory = { inventory: FunctionsInventory } | { notChecked: string } | { failure: string };

/** The account's Functions, or why they cannot be read: for good (not checked) or for now (a failure). */
async function readInventory(s: Services, creds: AccountCredentials): Promise<Inventory> {
  if (creds.parentAccountSid) {
    return { notChecked: vscode.l10n.t('a subaccount managed with its parent’s Auth Token cannot read its own Twilio Functions') };
  }
  try {
    return { inventory: await (await s.twilio.get()).readFunctionsInventory(creds) };
  } catch (e) {
    const err = TwilioApiError.from(e);
    s.log.error(`Reading the Twilio Functions of ${creds.accountSid} failed`, err);
    if (err.kind === 'permissionDenied') return { notChecked: vscode.l10n.t('the credentials may not read Twilio Functions ({0})', err.message) };
    return { failure: vscode.l10n.t('Reading the account’s Twilio Functions failed: {0}', err.message) };
  }
}

/** Writes each variable its new value, in order, stopping at the first that fails. */
async function writeAll(s: Services, creds: AccountCredentials, writes: Array<{ place: VariablePlace; value: string }>, outcome: FunctionsOutcome): Promise<void> {
  const api = await s.twilio.get();
  for (const [i, { place, value }] of writes.entries()) {
    try {
      await api.updateFunctionsVariable(creds, place, { value });
      outcome.updated.push(placeLabel(place));
    } catch (e) {
      const err = TwilioApiError.from(e);
      s.log.error(`Updating the Functions variable ${place.sid} failed`, err);
      outcome.notUpdated.push(...writes.slice(i).map((w) => placeLabel(w.place)));
      outcome.failure = vscode.l10n.t('Updating {0} failed: {1}', placeLabel(place), err.message);
      return;
    }
  }
}

/**
 * Rotate API Key: every variable holding the old key gets the new key (SID and secret) before the
 * old one is deleted. An environment where half the pair cannot be told, or a write that fails,
 * is a failure: the rotation stops with the old key kept.
 */
export async function moveKeyInFunctions(
  s: Services,
  creds: AccountCredentials,
  old: { sid: string },
  created: { sid: string; secret: string },
): Promise<FunctionsOutcome> {
  const outcome: FunctionsOutcome = { updated: [], notUpdated: [] };
  const read = await readInventory(s, creds);
  if (!('inventory' in read)) return { ...outcome, ...read };
  const oldSecret = await s.accounts.storedKeySecret(creds.accountSid, old.sid);
  const holders = keyHolders(read.inventory, { sid: old.sid, secret: oldSecret === undefined ? undefined : { print: fingerprint(oldSecret), fingerprint } }, envVariableNames());
  await writeAll(s, creds, holders.updates.map((u) => ({ place: u, value: u.to === 'sid' ? created.sid : created.secret })), outcome);
  if (holders.incomplete.length) {
    outcome.notUpdated.push(...holders.incomplete.flatMap((i) => i.places.map((p) => vscode.l10n.t('{0} ({1})', placeLabel(p), i.reason))));
    outcome.failure ??= vscode.l10n.t('Some variables hold only half of the old key, so the new key cannot be written there without breaking them: set both its SID and its secret there (Use Key in Functions).');
  }
  if (outcome.updated.length) s.functions.loaded?.forget(creds.accountSid);
  return outcome;
}

/** Rotate Auth Token: every variable holding the old token (by fingerprint) gets the new one before promotion. */
export async function moveTokenInFunctions(s: Services, creds: AccountCredentials & { auth: { kind: 'authToken' } }, newToken: string): Promise<FunctionsOutcome> {
  const outcome: FunctionsOutcome = { updated: [], notUpdated: [] };
  const read = await readInventory(s, creds);
  if (!('inventory' in read)) return { ...outcome, ...read };
  const places = tokenHolders(read.inventory, { print: fingerprint(creds.auth.authToken), fingerprint });
  outcome.givenTheToken = servicesGivenTheToken(read.inventory);
  await writeAll(s, creds, places.map((place) => ({ place, value: newToken })), outcome);
  if (outcome.updated.length) s.functions.loaded?.forget(creds.accountSid);
  return outcome;
}

/**
 * Delete API Key: the line its confirmation adds about Twilio Functions, naming every variable that
 * still holds the key (SID or secret), or saying they could not be checked; undefined when none does.
 */
export async function keyInFunctionsWarning(s: Services, creds: AccountCredentials, keySid: string): Promise<string | undefined> {
  const read = await readInventory(s, creds);
  if ('notChecked' in read) return vscode.l10n.t('Twilio Functions were not checked: {0}.', read.notChecked);
  if ('failure' in read) return vscode.l10n.t('Twilio Functions could not be checked for this key. {0}', read.failure);
  const secret = await s.accounts.storedKeySecret(creds.accountSid, keySid);
  const places = keyMentions(read.inventory, { sid: keySid, secret: secret === undefined ? undefined : { print: fingerprint(secret), fingerprint } });
  if (!places.length) return undefined;
  return vscode.l10n.t('Twilio Functions variables still holding this key (their Functions stop working): {0}.', placesList(places.map(placeLabel)));
}

/** The confirmation's line on Twilio Functions, beside the .env files. */
export function functionsConfirmationLine(outcome: FunctionsOutcome): string {
  if (outcome.notChecked) return vscode.l10n.t('Twilio Functions were not checked ({0}): any variable holding the old credential stops working.', outcome.notChecked);
  const updated = outcome.updated.length
    ? vscode.l10n.t('Twilio Functions variables updated: {0}.', placesList(outcome.updated))
    : vscode.l10n.t('No Twilio Functions variable held the old credential.');
  const given = outcome.givenTheToken?.length
    ? ` ${vscode.l10n.t('Twilio gives the Auth Token itself to the Functions of {0} and switches them at promotion.', placesList(outcome.givenTheToken, 5))}`
    : '';
  return updated + given;
}

/** Where things stand after a Functions step stopped a flow: what was updated and what was not. */
export function functionsStopLine(outcome: FunctionsOutcome): string {
  return vscode.l10n.t('{0} Twilio Functions variables updated: {1}. NOT updated: {2}.', outcome.failure ?? '', placesList(outcome.updated), placesList(outcome.notUpdated)).trim();
}

/** A rotation's Functions step, run under its progress notification: what it did, and where things stand when it stops the rotation. */
export interface FunctionsRotationStep {
  outcome: FunctionsOutcome;
  /** Set when a variable could not be given the new credential: the rotation stops here, nothing revoked. */
  stop?: string;
}

type Progress = vscode.Progress<{ message?: string }>;

/** Rotate API Key's step 4b; `envUpdated` lists the .env files updated, for the sentence. */
export async function keyRotationStep(
  s: Services,
  creds: AccountCredentials,
  old: { sid: string },
  created: { sid: string; secret: string },
  progress: Progress,
  envUpdated: string,
): Promise<FunctionsRotationStep> {
  progress.report({ message: vscode.l10n.t('updating Twilio Functions variables…') });
  const outcome = await moveKeyInFunctions(s, creds, old, created);
  if (!outcome.failure) return { outcome };
  return {
    outcome,
    stop: vscode.l10n.t('{0} The new key {1} is created, its secret stored and checked; .env files updated: {2}. The old key {3} was NOT deleted and still works: finish with "Use Key in Functions" (the new key) where it is still used, then delete the old key.', functionsStopLine(outcome), created.sid, envUpdated, old.sid),
  };
}

/** Rotate Auth Token's step 5b; `envUpdated` lists the .env files updated, for the sentence. */
export async function tokenRotationStep(s: Services, creds: AccountCredentials & { auth: { kind: 'authToken' } }, secondary: string, progress: Progress, envUpdated: string): Promise<FunctionsRotationStep> {
  progress.report({ message: vscode.l10n.t('updating Twilio Functions variables…') });
  const outcome = await moveTokenInFunctions(s, creds, secondary);
  if (!outcome.failure) return { outcome };
  return {
    outcome,
    stop: vscode.l10n.t('{0} The secondary Auth Token is created, stored and checked; .env files updated: {1}. Nothing was promoted: the old token still works. Run Rotate Auth Token again to continue with the same secondary, or delete the secondary from the tree.', functionsStopLine(outcome), envUpdated),
  };
}

/** Delete API Key's line on the Functions variables still holding the key, read under a progress notification that closes before the modal. */
export async function checkKeyInFunctions(s: Services, account: AccountRecord, keySid: string, name: string): Promise<string | undefined> {
  const creds = await s.accounts.credentials(account.accountSid);
  if (!creds) return undefined;
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking Twilio Functions for "{0}"…', name) }, () => keyInFunctionsWarning(s, creds, keySid));
}

/** Rotate API Key's outcome when Functions variables were switched too. */
export function keyRotatedMessage(oldName: string, envFiles: number, functions: number, created: { friendlyName: string; sid: string }): string {
  return vscode.l10n.t('Rotated "{0}": the old key is deleted; {1} .env file(s) and {2} Twilio Functions variable(s) now use "{3}" ({4}).', oldName, envFiles, functions, created.friendlyName, created.sid);
}
