import * as vscode from 'vscode';
import type { Services } from '../../services/services';
import type { AccountRecord } from '../../services/model';
import type { AccountCredentials } from '../../core/twilio/types';
import { TwilioApiError } from '../../core/twilio/errors';
import { pickAccount } from '../accounts/pickAccount';
import { connectAccount } from '../accounts/connectAccount';
import { agree, Cancelled, errorMessage } from '../../platform/commands';
import { envFilesHolding, hardcodedPlaces, templatePlaces } from './tokenPlaces';
import type { TwilioApi } from '../../services/twilioService';
import { argsOf, consent, field, prefill, type AccountRef, type Args } from '../../core/util/commandArgs';
import { functionsFlows } from '../functions/load';
import type { FunctionsOutcome } from '../functions/functionsSteps';
import { settlementText, settleStoredTokens, StoredTokensCheck, TokenCredentials, withToken } from './settleAuthToken';
import { keepsBoth } from './tokenState';

export interface RotateAuthTokenArgs {
  accountSid?: string;
  /** Start without the modal that says what the rotation does (this extension's own flows and tests only). */
  confirm?: boolean;
  /** Promote without asking once the secondary works (this extension's own flows and tests only). */
  confirmPromote?: boolean;
}

export const rotateAuthTokenArgs = argsOf<RotateAuthTokenArgs>({ accountSid: prefill(field.string), confirm: consent(field.boolean), confirmPromote: consent(field.boolean) });

/** `check`: an earlier promotion's outcome was not known, and asking Twilio settled nothing yet. */
export type AuthTokenRotationStep = 'check' | 'create' | 'store' | 'env' | 'verify' | 'functions' | 'promote' | 'storePromoted' | 'verifyPromotion';

export interface RotateAuthTokenResult {
  accountSid: string;
  /**
   * The secondary became the primary: the old Auth Token no longer works. `'unknown'` when the
   * promotion's answer was lost and no check could tell yet: both tokens stay stored, and Check
   * Auth Token (or the next Rotate Auth Token) settles it.
   */
  promoted: boolean | 'unknown';
  envFilesUpdated: string[];
  envFilesNotUpdated: string[];
  /** Twilio Functions variables given the new token, as "service / environment: KEY" (rotation only). */
  functionsVariablesUpdated?: string[];
  functionsVariablesNotUpdated?: string[];
  /** `path:line` where the old token is still written (code, example files, unsaved editors). */
  stillHardcoded: string[];
  /** The step that failed, when rotation stopped early. */
  stoppedAt?: AuthTokenRotationStep;
  /** Where everything stands, in words, when rotation stopped or promotion was left for later. */
  state?: string;
}

const TITLE = () => vscode.l10n.t('Rotate Auth Token');
const list = (items: string[]) => items.join(', ') || vscode.l10n.t('none');

/**
 * The account whose Auth Token is rotated, with its credentials, or an error that says what is
 * needed: Twilio rotates the token of the account that authenticates, so this needs the account's
 * own Auth Token (not a Main key, not a parent's token).
 */
export async function tokenAccount(s: Services, ref: Args<AccountRef>, title: string): Promise<{ account: AccountRecord; creds: AccountCredentials & { auth: { kind: 'authToken' } } }> {
  if (!ref.accountSid && !s.accounts.roots().some((a) => a.auth === 'authToken') && s.accounts.roots().length) {
    throw new Error(vscode.l10n.t('No account is connected with its Auth Token. Rotating an Auth Token needs that token: use "Update Credentials" to connect an account with it.'));
  }
  const account = await pickAccount(s.accounts, { accountSid: ref.accountSid, prefill: ref.prefill }, title);
  if (account.parentAccountSid) await refuseSubaccount(s, account, account.parentAccountSid);
  if (account.auth !== 'authToken') {
    throw new Error(vscode.l10n.t('"{0}" is connected with a Main API key. Rotating its Auth Token needs the Auth Token itself: connect the account with it ("Update Credentials"), then rotate.', account.label));
  }
  const creds = await s.accounts.requireCredentials(account);
  if (creds.auth.kind !== 'authToken') throw new Error(vscode.l10n.t('The credentials of "{0}" are not an Auth Token.', account.label));
  return { account, creds: creds as AccountCredentials & { auth: { kind: 'authToken' } } };
}

/** A subaccount's token is rotated only with its own Auth Token: offer to connect with it, then stop. */
async function refuseSubaccount(s: Services, account: AccountRecord, parentSid: string): Promise<never> {
  const parent = s.accounts.get(parentSid);
  const connect = vscode.l10n.t('Connect with Its Own Auth Token');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('"{0}" is a subaccount managed with the Auth Token of "{1}".', account.label, parent?.label ?? parentSid),
    {
      modal: true,
      detail: vscode.l10n.t('Twilio rotates the Auth Token of the account that authenticates, so a subaccount’s token can only be rotated with the subaccount’s own Auth Token, which this editor does not hold. Connect the subaccount with its own Auth Token (Twilio Console → the subaccount → API keys & tokens), then rotate it.'),
    },
    connect,
  );
  if (choice === connect) await connectAccount(s, { accountSid: account.accountSid, label: account.label, region: account.region ?? 'us1' });
  throw new Cancelled();
}

/** What a promotion breaks, line by line, for the confirmations. */
export function promotionBreaks(): string[] {
  return [
    vscode.l10n.t('Promotion breaks:'),
    vscode.l10n.t('• anything still using the old Auth Token: deployed apps, CI secrets, other machines;'),
    vscode.l10n.t('• webhook signature validation (X-Twilio-Signature) in apps that check it with the old token: Twilio signs with the new one from now on;'),
    vscode.l10n.t('• Twilio Functions and Services with the token embedded may see errors (403) for about a minute while the change propagates.'),
  ];
}

/** What every step of one rotation (or promotion) needs, and the result it builds up. */
interface TokenRotation {
  s: Services;
  account: AccountRecord;
  /** The account's credentials with the current (old) Auth Token. */
  creds: TokenCredentials;
  api: TwilioApi;
  result: RotateAuthTokenResult;
  /** What the Twilio Functions step did, for the confirmation. */
  functions?: FunctionsOutcome;
}

/** Why a rotation stopped: the step, and where things stand in words. */
interface Stop {
  step: AuthTokenRotationStep;
  state: string;
}

/** The secondary this rotation moves to: created now, or stored by an earlier rotation (`reused`). */
interface Secondary {
  token: string;
  reused: boolean;
}

type RotationProgress = vscode.Progress<{ message?: string }>;

/** Reports where a rotation or promotion stopped, in a modal shown once no progress notification is up. */
export type StopReporter = (step: AuthTokenRotationStep, state: string) => Promise<RotateAuthTokenResult>;

/**
 * Rotates an account's Auth Token: create a secondary, store it, update every workspace .env that
 * holds the old token, list where it is still hardcoded, check the secondary authenticates, then
 * (after a modal that says what promotion breaks) promote it, store it as the account's credential
 * and check the old token is refused. Each failing step stops with both tokens as they are and a
 * statement of where things stand; an unpromoted secondary waits in the tree. No modal is shown
 * while a progress notification is up: the .env step (which may ask whether a file git would
 * commit may hold the token) runs between the two notifications of the first phase.
 */
export async function rotateAuthToken(s: Services, args: Args<RotateAuthTokenArgs> = {}): Promise<RotateAuthTokenResult | undefined> {
  const r = await beginRotation(s, args);
  if (!args.confirm && !(await agree(await rotation(r)))) return undefined;
  const stop = stopReporter(r);
  const earlier = await settleEarlierPromotion(r);
  if (earlier?.settlement === 'promoted') return earlierPromotionDone(r, earlier);
  if (earlier && keepsBoth(earlier.settlement)) {
    r.result.promoted = 'unknown';
    return stop('check', settlementText(r.account.label, earlier));
  }
  const secondary = await obtainSecondary(r);
  if (isStop(secondary)) return stop(secondary.step, secondary.state);
  await updateEnvFiles(r, secondary.token);
  const checked = await withRotationProgress(r, (progress) => checkBeforePromotion(r, progress, secondary));
  if (checked) return stop(checked.step, checked.state);
  const functionsStop = await withRotationProgress(r, (progress) => updateFunctionsVariables(r, progress, secondary.token));
  if (functionsStop) return stop(functionsStop.step, functionsStop.state);
  if (!args.confirmPromote && !(await confirmPromotion(r))) return notPromoted(r);
  return promoteStored(s, r.account, r.creds, secondary.token, r.result, stop);
}

async function beginRotation(s: Services, ref: Args<AccountRef>): Promise<TokenRotation> {
  const { account, creds } = await tokenAccount(s, ref, TITLE());
  const api = await s.twilio.get();
  const result: RotateAuthTokenResult = { accountSid: account.accountSid, promoted: false, envFilesUpdated: [], envFilesNotUpdated: [], stillHardcoded: [] };
  return { s, account, creds, api, result };
}

/** What the modal before a rotation says will happen. */
async function rotation(r: TokenRotation) {
  const waiting = (await r.s.accounts.getSecondaryAuthToken(r.account.accountSid)) !== undefined;
  const { updatable, notUpdatable } = await envFilesHolding(r.s.envIndex, r.creds.auth.authToken);
  const files = [...updatable.map((u) => u.file.label), ...notUpdatable.map((f) => f.label)];
  return {
    message: vscode.l10n.t('Rotate the Auth Token of "{0}" ({1})?', r.account.label, r.account.accountSid),
    detail: [
      waiting
        ? vscode.l10n.t('The secondary Auth Token stored by an earlier rotation is used.')
        : vscode.l10n.t('A secondary Auth Token is created on Twilio and stored in this editor at once.'),
      files.length ? vscode.l10n.t('These .env files holding the current token are switched to it: {0}.', files.join(', ')) : vscode.l10n.t('No .env file of this workspace holds the current token.'),
      vscode.l10n.t('So are the Twilio Functions variables holding it, before it is promoted.'),
      vscode.l10n.t('Once it works, you are asked before it is promoted, which ends the current token.'),
    ].join('\n'),
    verb: vscode.l10n.t('Rotate Auth Token'),
  };
}

/** Report: where the rotation stopped, in a modal (no progress notification is showing). */
function stopReporter(r: TokenRotation): StopReporter {
  return async (step, state) => {
    r.result.stoppedAt = step;
    r.result.state = state;
    r.s.log.warn(`Auth Token rotation of ${r.account.accountSid} stopped at "${step}": ${state}`);
    await vscode.window.showErrorMessage(vscode.l10n.t('Rotation of the Auth Token of "{0}" stopped.', r.account.label), { modal: true, detail: state });
    return r.result;
  };
}

/** A progress notification for work that asks nothing: it closes before any question or outcome. */
function withRotationProgress<T>(r: TokenRotation, work: (progress: RotationProgress) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Rotating the Auth Token of "{0}"', r.account.label) }, work);
}

function isStop(x: object): x is Stop {
  return 'step' in x;
}

/**
 * 0. An earlier promotion whose outcome is not known is settled first: Twilio is asked which of
 * the two stored tokens it accepts. Undefined when there was nothing to settle.
 */
async function settleEarlierPromotion(r: TokenRotation): Promise<StoredTokensCheck | undefined> {
  if (r.s.accounts.authTokenState(r.account.accountSid)?.kind !== 'unknown') return undefined;
  return withRotationProgress(r, (progress) => {
    progress.report({ message: vscode.l10n.t('checking which Auth Token Twilio accepts…') });
    return settleStoredTokens(r.s, r.account, r.creds);
  });
}

/** Report: the earlier promotion had gone through; its token is now stored, so this rotation is done. */
function earlierPromotionDone(r: TokenRotation, check: StoredTokensCheck): RotateAuthTokenResult {
  r.result.promoted = true;
  r.result.state = settlementText(r.account.label, check);
  r.s.log.info(`The earlier promotion of the Auth Token of ${r.account.accountSid} had gone through; its token is now stored.`);
  void vscode.window.showInformationMessage(r.result.state);
  return r.result;
}

/** 1–2. The secondary stored by an earlier rotation, or a new one, created and stored at once. */
async function obtainSecondary(r: TokenRotation): Promise<Secondary | Stop> {
  const stored = await r.s.accounts.getSecondaryAuthToken(r.account.accountSid);
  if (stored !== undefined) {
    r.s.log.protect(stored);
    return { token: stored, reused: true };
  }
  return withRotationProgress(r, async (progress) => {
    progress.report({ message: vscode.l10n.t('creating a secondary Auth Token…') });
    const created = await createSecondary(r);
    if (typeof created !== 'string') return created;
    progress.report({ message: vscode.l10n.t('storing the secondary Auth Token…') });
    return (await storeSecondary(r, created)) ?? { token: created, reused: false };
  });
}

/** 1. A secondary Auth Token on Twilio; the log never shows it. */
async function createSecondary(r: TokenRotation): Promise<string | Stop> {
  let created: string;
  try {
    created = (await r.api.createSecondaryAuthToken(r.creds)).secondaryAuthToken;
  } catch (e) {
    const err = TwilioApiError.from(e);
    return {
      step: 'create',
      state: err.outcomeUnknown
        ? vscode.l10n.t('Creating the secondary Auth Token failed ({0}), and Twilio may have created one without answering. Nothing uses it and nothing was changed: the current Auth Token still works. Run Rotate Auth Token again: a new secondary replaces the one never received.', err.message)
        : vscode.l10n.t('Creating the secondary Auth Token failed: {0} Nothing was changed: the current Auth Token still works.', err.message),
    };
  }
  r.s.log.protect(created);
  return created;
}

/** 2. The secondary goes to SecretStorage before anything uses it; if it cannot, it is dropped on Twilio. */
async function storeSecondary(r: TokenRotation, created: string): Promise<Stop | undefined> {
  try {
    await r.s.accounts.storeSecondaryAuthToken(r.account.accountSid, created);
    return undefined;
  } catch (e) {
    const dropped = await dropUnstoredSecondary(r);
    return {
      step: 'store',
      state: dropped
        ? vscode.l10n.t('The secondary Auth Token could not be stored in this editor’s secret storage ({0}), so it was deleted again on Twilio. Nothing else was changed: the current Auth Token still works.', errorMessage(e))
        : vscode.l10n.t('The secondary Auth Token could not be stored in this editor’s secret storage ({0}), and deleting it on Twilio failed too. Nothing uses it; the current Auth Token still works. Delete the secondary in the Twilio Console, or run Rotate Auth Token again (a new secondary replaces it).', errorMessage(e)),
    };
  }
}

/** Nothing depends on an unstored secondary yet: delete it on Twilio rather than leave a token no one holds. */
async function dropUnstoredSecondary(r: TokenRotation): Promise<boolean> {
  try {
    return await r.api.deleteSecondaryAuthToken(r.creds);
  } catch (d) {
    r.s.log.error('Deleting the unstored secondary Auth Token failed', d);
    return false;
  }
}

/**
 * 3. Every workspace .env holding the old token now holds the secondary. Outside any progress
 * notification: writing a file git would commit asks first (src/workspace/dotenv/envWriter.ts).
 */
async function updateEnvFiles(r: TokenRotation, secondary: string): Promise<void> {
  const { s, result } = r;
  const { updatable, notUpdatable } = await envFilesHolding(s.envIndex, r.creds.auth.authToken);
  result.envFilesNotUpdated.push(...notUpdatable.map((f) => `${f.label} (${f.reason})`));
  for (const { file, names } of updatable) {
    const outcome = await s.envWriter.write(file.uri, names.map((name) => ({ name, value: secondary })));
    if (outcome.ok) {
      result.envFilesUpdated.push(file.label);
    } else {
      result.envFilesNotUpdated.push(outcome.message ? `${file.label} (${outcome.message})` : file.label);
    }
  }
}

/** 4–5, under the progress notification: where the old token is still written, then whether the secondary works. */
async function checkBeforePromotion(r: TokenRotation, progress: RotationProgress, secondary: Secondary): Promise<Stop | undefined> {
  progress.report({ message: vscode.l10n.t('looking for the old token in the workspace…') });
  r.result.stillHardcoded = await hardcodedPlaces(r.creds.auth.authToken, new Set(r.s.envIndex.all().map((f) => f.uri.toString())));
  r.result.envFilesNotUpdated.push(...templatePlaces(r.result.stillHardcoded));
  const envStop = envFilesStop(r.result);
  if (envStop) return envStop;
  progress.report({ message: vscode.l10n.t('checking the secondary Auth Token works…') });
  return verifySecondary(r, secondary);
}

/**
 * A .env file that holds the old token and was not updated, or an example or template file that
 * holds it, stops the rotation before anything is promoted: promotion would leave the dead token
 * there (a template is committed and copied, and never receives a value from this extension).
 */
function envFilesStop(result: RotateAuthTokenResult): Stop | undefined {
  if (!result.envFilesNotUpdated.length) return undefined;
  return {
    step: 'env',
    state: vscode.l10n.t('The secondary Auth Token is created and stored here; both tokens work. Updated: {0}. NOT updated: {1}. Fix those files and run Rotate Auth Token again (it continues with the same secondary), or delete the secondary from the tree.', list(result.envFilesUpdated), list(result.envFilesNotUpdated)),
  };
}

/** 5. The secondary authenticates, or nothing is promoted. */
async function verifySecondary(r: TokenRotation, { token, reused }: Secondary): Promise<Stop | undefined> {
  try {
    const check = await r.api.checkCredentials(withToken(r.creds, token));
    if (!check.valid) throw new Error(check.reason);
    return undefined;
  } catch (e) {
    const updated = list(r.result.envFilesUpdated);
    return {
      step: 'verify',
      state: reused
        ? vscode.l10n.t('The secondary Auth Token stored earlier did not authenticate ({0}); it may have been deleted or replaced elsewhere. .env files now holding it: {1}. The current Auth Token still works: delete the secondary from the tree, then rotate again.', errorMessage(e), updated)
        : vscode.l10n.t('The secondary Auth Token did not authenticate ({0}). .env files now holding it: {1}. Nothing was promoted: the current Auth Token still works. Try again later, or delete the secondary from the tree.', errorMessage(e), updated),
    };
  }
}

/** 5b. Twilio Functions variables holding the old token get the secondary; one that cannot be updated stops the rotation before promotion. */
async function updateFunctionsVariables(r: TokenRotation, progress: RotationProgress, secondary: string): Promise<Stop | undefined> {
  const { outcome, stop } = await functionsFlows().tokenRotationStep(r.s, r.creds, secondary, progress, list(r.result.envFilesUpdated));
  r.functions = outcome;
  r.result.functionsVariablesUpdated = outcome.updated;
  r.result.functionsVariablesNotUpdated = outcome.notUpdated;
  return stop === undefined ? undefined : { step: 'functions', state: stop };
}

/** 6. What promotion breaks, asked in a modal with no progress notification showing. */
async function confirmPromotion(r: TokenRotation): Promise<boolean> {
  const promote = vscode.l10n.t('Promote');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('The new Auth Token of "{0}" works. Promote it? The old token stops working at once.', r.account.label),
    {
      modal: true,
      detail: [vscode.l10n.t('.env files updated: {0}.', list(r.result.envFilesUpdated)), (r.functions ? functionsFlows().functionsConfirmationLine(r.functions) : ''), stillUsingOldToken(r.result.stillHardcoded), ...promotionBreaks()].filter(Boolean).join('\n'),
    },
    promote,
  );
  return choice === promote;
}

/** The confirmation's line on the places that still hold the old token (ten at most). */
function stillUsingOldToken(places: string[]): string {
  if (!places.length) return vscode.l10n.t('No other place in this workspace holds the old token.');
  const more = places.length > 10 ? vscode.l10n.t(' and {0} more', places.length - 10) : '';
  return vscode.l10n.t('Still using the old token (update them first): {0}.', places.slice(0, 10).join(', ') + more);
}

/** Report: not promoted at the user's request; the secondary waits in the tree. */
function notPromoted(r: TokenRotation): RotateAuthTokenResult {
  r.result.state = vscode.l10n.t('Not promoted: both tokens work, and the secondary is stored here. Promote it or delete it later from the tree (under the account).');
  void vscode.window.showInformationMessage(r.result.state);
  return r.result;
}

/**
 * Promotes the stored secondary and makes it the account's credential, then checks the old token
 * is refused and the new one works. Shared by the rotation and the tree's "Promote" command, each
 * with its own report of a stop.
 */
export async function promoteStored(s: Services, account: AccountRecord, creds: TokenCredentials, secondary: string, result: RotateAuthTokenResult, stop: StopReporter): Promise<RotateAuthTokenResult> {
  const r: TokenRotation = { s, account, creds, api: await s.twilio.get(), result };
  const stopped = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Promoting the new Auth Token of "{0}"', account.label) },
    (progress) => promoteAndCheck(r, progress, secondary),
  );
  if (stopped) return stop(stopped.step, stopped.state);
  rotated(r);
  return result;
}

/** 7–9, under the progress notification. */
async function promoteAndCheck(r: TokenRotation, progress: RotationProgress, secondary: string): Promise<Stop | undefined> {
  progress.report({ message: vscode.l10n.t('promoting…') });
  const promoted = await promote(r, secondary);
  if (isStop(promoted)) return promoted;
  r.result.promoted = true;
  // A lost answer settled by a check: the check stored the new token and showed the old one refused.
  if (promoted.settled) return undefined;
  progress.report({ message: vscode.l10n.t('storing the new Auth Token…') });
  const storeStop = await storePromoted(r);
  if (storeStop) return storeStop;
  progress.report({ message: vscode.l10n.t('checking the old token is refused…') });
  return verifyPromotion(r, secondary);
}

/**
 * 7. The secondary becomes the primary. When the request fails, Twilio is asked which stored token
 * it accepts now (the request may have been carried out although its answer was lost, or refused
 * because an earlier one was): `settled` when that check found the promotion done and stored it.
 * When the check gets no answer, both tokens stay stored, marked "not known yet".
 */
async function promote(r: TokenRotation, secondary: string): Promise<{ settled: boolean } | Stop> {
  try {
    const promoted = await r.api.promoteSecondaryAuthToken(r.creds);
    if (promoted.authToken !== secondary) throw new TwilioApiError('unexpectedResponse');
    return { settled: false };
  } catch (e) {
    const err = TwilioApiError.from(e);
    r.s.log.warn(`Promoting the secondary Auth Token of ${r.account.accountSid} failed (${err.kind}${err.outcomeUnknown ? ', outcome unknown' : ''}); asking Twilio which token it accepts.`);
    const check = (await settleStoredTokens(r.s, r.account, r.creds)) ?? { settlement: 'unknown', reason: err.message };
    if (check.settlement === 'promoted') return { settled: true };
    if (keepsBoth(check.settlement)) r.result.promoted = 'unknown';
    const step = 'promote';
    if (check.settlement === 'notPromoted') {
      return {
        step,
        state: err.outcomeUnknown
          ? vscode.l10n.t('The answer to the promotion was lost ({0}) and Twilio still accepts the old token, so it did not happen. Both tokens work; promote again from the tree.', err.message)
          : vscode.l10n.t('Promoting failed: {0} Both tokens still work; the secondary is stored here. Promote it again or delete it from the tree.', err.message),
      };
    }
    const lost = err.outcomeUnknown
      ? vscode.l10n.t('The answer to the promotion was lost ({0}).', err.message)
      : vscode.l10n.t('Promoting failed: {0}', err.message);
    return { step, state: `${lost} ${settlementText(r.account.label, check)}` };
  }
}

/**
 * 8. The promoted token becomes the account's credential; the secondary slot is emptied (in that
 * order, so one stored token is the live one at every moment). If storing fails, both stay stored
 * and the account is marked for a check, which stores the token Twilio accepts.
 */
async function storePromoted(r: TokenRotation): Promise<Stop | undefined> {
  try {
    await r.s.accounts.adoptSecondaryAuthToken(r.account.accountSid);
    return undefined;
  } catch (e) {
    await r.s.accounts.markAuthTokenUnknown(r.account.accountSid).catch(() => undefined);
    return {
      step: 'storePromoted',
      state: vscode.l10n.t('The new Auth Token is promoted (the old one no longer works), but storing it as the account’s credential failed ({0}). It is still stored here as the secondary token, beside the old one: run "Check Auth Token" on the account once secret storage works again, and it becomes the account’s credential.', errorMessage(e)),
    };
  }
}

/** 9. Twilio accepts the new token and refuses the old one. */
async function verifyPromotion(r: TokenRotation, secondary: string): Promise<Stop | undefined> {
  const step = 'verifyPromotion';
  try {
    const [fresh, old] = [await r.api.checkCredentials(withToken(r.creds, secondary)), await r.api.checkCredentials(r.creds)];
    if (!fresh.valid) {
      return { step, state: vscode.l10n.t('The new Auth Token is promoted and stored, but Twilio did not accept it just now ({0}). Changes can take a minute to reach every Twilio service: refresh the account in a minute.', fresh.reason) };
    }
    if (old.valid) {
      return { step, state: vscode.l10n.t('The new Auth Token is promoted and stored, but Twilio still accepted the old token just now. Changes can take a minute to reach every Twilio service; check again shortly, and treat the old token as live until then.') };
    }
    return undefined;
  } catch (e) {
    return { step, state: vscode.l10n.t('The new Auth Token is promoted and stored, but checking it failed ({0}). Refresh the account to check again.', errorMessage(e)) };
  }
}

/** Report: rotated, the old token refused; where it is still written, a button lists those places. */
function rotated(r: TokenRotation): void {
  const { account, result } = r;
  r.s.log.info(`Rotated the Auth Token of ${account.accountSid}; updated ${result.envFilesUpdated.length} .env file(s); the old token is refused.`);
  const outcome = result.stillHardcoded.length
    ? vscode.l10n.t('The Auth Token of "{0}" is rotated: the old token is refused; {1} .env file(s) updated. It is still written in {2} place(s): {3}', account.label, result.envFilesUpdated.length, result.stillHardcoded.length, result.stillHardcoded.slice(0, 5).join(', '))
    : vscode.l10n.t('The Auth Token of "{0}" is rotated: the old token is refused; {1} .env file(s) updated.', account.label, result.envFilesUpdated.length);
  void announce(outcome, result.stillHardcoded);
}

/** The outcome; where the old token is still written, a button lists those places to open. */
async function announce(outcome: string, places: string[]): Promise<void> {
  if (!places.length) {
    void vscode.window.showInformationMessage(outcome);
    return;
  }
  const show = vscode.l10n.t('Show Places');
  if ((await vscode.window.showWarningMessage(outcome, show)) !== show) return;
  const folders = vscode.workspace.workspaceFolders ?? [];
  const pick = await vscode.window.showQuickPick(
    places.map((p) => ({ label: p })),
    { title: vscode.l10n.t('Where the old Auth Token is still written'), placeHolder: vscode.l10n.t('Replace it with an environment variable or an API key') },
  );
  const m = pick && /^(.*):(\d+)$/.exec(pick.label);
  if (!m || !folders.length) return;
  // With several folders the label starts with the folder's name (as asRelativePath wrote it).
  const named = folders.length > 1 ? folders.find((f) => m[1].startsWith(`${f.name}/`)) : undefined;
  const uri = named ? vscode.Uri.joinPath(named.uri, m[1].slice(named.name.length + 1)) : vscode.Uri.joinPath(folders[0].uri, m[1]);
  const line = Math.max(0, Number(m[2]) - 1);
  try {
    await vscode.window.showTextDocument(uri, { selection: new vscode.Range(line, 0, line, 0) });
  } catch {
    void vscode.window.showWarningMessage(vscode.l10n.t('Could not open {0}.', pick.label));
  }
}
