// Twilio Functions steps of the key and Auth Token flows: find the variables that hold the old
// credential (by SID or fingerprint, across every service and environment of the account) and
// give them the new one before the old is revoked; tell Delete API Key which variables still hold
// a key. Each step reads the account's Functions inventory, keeps what it found without values,
// and drops the inventory. Nothing here asks the user anything: callers run it under a progress
// notification and put its sentences into their confirmations and reports.
import * as vscode from 'vscode';
import type { Services } from '../../services/services';
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
  if (outcome.updated.length) s.functions.forget(creds.accountSid);
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
  if (outcome.updated.length) s.functions.forget(creds.accountSid);
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
