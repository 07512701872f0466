import * as vscode from 'vscode';
import type { Services } from '../../../services/services';
import type { AccountRecord } from '../../../services/model';
import { signsInWith } from '../../../services/model';
import type { AccountCredentials, ApiKey, CreatedKey } from '../../../core/twilio/types';
import { TwilioApiError } from '../../../core/twilio/errors';
import { agree, errorMessage } from '../../../platform/commands';
import { envVariableNames } from '../../../platform/config';
import type { KeySpec, MintedKey } from '../../../services/keyLifecycle';
import { resolveKey } from './keyRef';
import { argsOf, consent, field, prefill, type Args } from '../../../core/util/commandArgs';
import type { DotenvEdit } from '../../../workspace/dotenv/edit';
import type { EnvFileFacts } from '../../../workspace/dotenv/envIndex';
import type { TwilioApi } from '../../../services/twilioService';
import { rotatedName } from '../keyNames';
import { replacementEdits } from '../rotationEdits';
import { functionsFlows } from '../../functions/load';
import type { FunctionsOutcome } from '../../functions/functionsSteps';

export interface RotateKeyArgs {
  accountSid?: string;
  keySid?: string;
  /** Start without the modal that says what the rotation does (this extension's own flows and tests only). */
  confirm?: boolean;
  /** Delete the old key without asking once the new one works (this extension's own flows and tests only). */
  confirmDelete?: boolean;
}

export const rotateKeyArgs = argsOf<RotateKeyArgs>({
  accountSid: prefill(field.string),
  keySid: prefill(field.string),
  confirm: consent(field.boolean),
  confirmDelete: consent(field.boolean),
});

export type RotationStep = 'create' | 'store' | 'env' | 'verify' | 'functions' | 'delete';

export interface RotateKeyResult {
  accountSid: string;
  oldKeySid: string;
  newKeySid?: string;
  envFilesUpdated: string[];
  envFilesNotUpdated: string[];
  /** Twilio Functions variables given the new key, as "service / environment: KEY". */
  functionsVariablesUpdated: string[];
  functionsVariablesNotUpdated: string[];
  /** Why the account's Twilio Functions could not be checked, when they could not. */
  functionsNotChecked?: string;
  oldKeyDeleted: boolean;
  /** The step that failed, when rotation stopped early. */
  stoppedAt?: RotationStep;
  /** Where everything stands, in words, when rotation stopped or the old key was kept. */
  state?: string;
}

/**
 * Rotates a key: create a replacement of the same type and permissions, store its secret, update
 * every workspace .env that uses the old key, check the new key authenticates, give it to the
 * Twilio Functions variables that hold the old key, then (after confirmation) delete the old key.
 * Any failing step stops the rotation with both keys kept and a message that says exactly where
 * things stand. Creating and storing are the key lifecycle's
 * (src/services/keyLifecycle.ts), which hands an unstored secret to the user before the stop is
 * reported. Progress notifications cover only work that asks nothing (create and store; the check;
 * the deletion): the .env step runs between them, because a write into a file git would commit
 * asks first, and no modal (that question, the secret hand-off, the confirmation, a stop) is ever
 * shown under a notification.
 */
export async function rotateKey(s: Services, args: Args<RotateKeyArgs> = {}): Promise<RotateKeyResult | undefined> {
  const { account, key: old } = await resolveKey(s, args, vscode.l10n.t('Rotate API Key'));
  checkRotatable(account, old);
  if (!args.confirm && !(await agree(await rotation(s, old)))) return undefined;
  const r = await beginRotation(s, account, old);
  const spec = await replacementSpec(r);
  if (isStop(spec)) return stopped(r, spec);
  const outcome = await s.lifecycle.mint(account, spec, (minted) => moveToNewKey(r, minted, args.confirmDelete), {
    under: (work) => withRotationProgress(r, (progress) => (progress.report({ message: vscode.l10n.t('creating the replacement key…') }), work())),
    notCreated: (error) => createStop(error, spec.friendlyName),
  });
  return outcome === 'kept' ? keptOldKey(r) : outcome === 'rotated' ? rotated(r) : stopped(r, outcome);
}

/** Steps 3–6 with the new key in hand; a secret that could not be stored stops here, before anything uses it. */
async function moveToNewKey(r: Rotation, minted: MintedKey, confirmDelete: boolean | undefined): Promise<Stop | 'kept' | 'rotated'> {
  const created: CreatedKey = { ...minted.key, secret: minted.secret };
  r.created = created;
  r.result.newKeySid = created.sid;
  if (!minted.stored) return unstoredStop(r, created, minted.storeError);
  // No progress notification here: writing a .env file that git would commit asks first.
  const envStop = await updateEnvFiles(r, created);
  if (envStop) return envStop;
  const verifyStop = await withRotationProgress(r, (progress) => verifyNewKey(r, progress, created));
  if (verifyStop) return verifyStop;
  // Before anything is revoked: a Functions variable that cannot be given the new key stops here.
  const functionsStop = await withRotationProgress(r, (progress) => updateFunctionsVariables(r, progress, created));
  if (functionsStop) return functionsStop;
  if (!confirmDelete && !(await confirmOldKeyDeletion(r))) return 'kept';
  return (await withRotationProgress(r, (progress) => deleteOldKey(r, progress, created))) ?? 'rotated';
}

/** What every step of one rotation needs, and the result it builds up. */
interface Rotation {
  s: Services;
  account: AccountRecord;
  old: ApiKey;
  oldName: string;
  creds: AccountCredentials;
  api: TwilioApi;
  result: RotateKeyResult;
  /** The replacement, once Twilio made it. */
  created?: CreatedKey;
  /** What the Twilio Functions step did, for the confirmation. */
  functions?: FunctionsOutcome;
}

/** Why a rotation stopped: the step, and where things stand in words. */
interface Stop {
  step: RotationStep;
  state: string;
}

type RotationProgress = vscode.Progress<{ message?: string }>;

function checkRotatable(account: AccountRecord, old: ApiKey): void {
  if (old.type === 'main') {
    throw new Error(vscode.l10n.t('Main keys are created only in the Twilio Console: create a new Main key there, then delete this one.'));
  }
  if (signsInWith(account, old.sid)) {
    throw new Error(vscode.l10n.t('This extension authenticates with "{0}": rotate it in the Twilio Console, then use Update Credentials.', old.friendlyName || old.sid));
  }
}

/** What the modal before a rotation says will happen. */
async function rotation(s: Services, old: ApiKey) {
  await s.envIndex.whenReady();
  const files = s.envIndex.referencing(old.sid).map((r) => r.file.label);
  const name = old.friendlyName || old.sid;
  return {
    message: vscode.l10n.t('Rotate the API key "{0}" ({1})?', name, old.sid),
    detail: [
      vscode.l10n.t('A replacement key "{0}" with the same type and permissions is created on Twilio, and its secret stored in this editor.', rotatedName(old.friendlyName)),
      files.length ? vscode.l10n.t('These .env files are switched to it: {0}.', files.join(', ')) : vscode.l10n.t('No .env file of this workspace uses the old key.'),
      vscode.l10n.t('So are the Twilio Functions variables holding the old key, before it is deleted.'),
      vscode.l10n.t('Once the new key works, you are asked before the old key is deleted.'),
    ].join('\n'),
    verb: vscode.l10n.t('Rotate Key'),
  };
}

async function beginRotation(s: Services, account: AccountRecord, old: ApiKey): Promise<Rotation> {
  const creds = await s.accounts.requireCredentials(account);
  const api = await s.twilio.get();
  const result: RotateKeyResult = {
    accountSid: account.accountSid,
    oldKeySid: old.sid,
    envFilesUpdated: [],
    envFilesNotUpdated: [],
    functionsVariablesUpdated: [],
    functionsVariablesNotUpdated: [],
    oldKeyDeleted: false,
  };
  return { s, account, old, oldName: old.friendlyName || old.sid, creds, api, result };
}

/** A progress notification for work that asks nothing: it closes before any question or outcome. */
function withRotationProgress<T>(r: Rotation, work: (progress: RotationProgress) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Rotating "{0}"', r.oldName) }, work);
}

function isStop(x: KeySpec | Stop): x is Stop {
  return 'step' in x;
}

/** 1. A replacement of the same type, with the same permissions for a restricted key (fetched if the list had none). */
async function replacementSpec(r: Rotation): Promise<KeySpec | Stop> {
  const { api, creds, old } = r;
  const friendlyName = rotatedName(old.friendlyName);
  if (old.type !== 'restricted') return { friendlyName, type: 'standard' };
  try {
    return { friendlyName, type: 'restricted', permissions: old.permissions ?? (await api.fetchKey(creds, old.sid)).permissions ?? [] };
  } catch (e) {
    return createStop(TwilioApiError.from(e), friendlyName);
  }
}

/** 1. Creating the replacement failed: nothing changed (or Twilio made a key whose secret never arrived). */
function createStop(err: TwilioApiError, friendlyName: string): Stop {
  return {
    step: 'create',
    state: err.outcomeUnknown
      ? vscode.l10n.t('Creating the replacement failed ({0}), and Twilio may have created it without answering. The old key is unchanged and still in use. Refresh the list: a key named "{1}" that appears is unusable (its secret was never received) and can be deleted.', err.message, friendlyName)
      : vscode.l10n.t('Creating the replacement failed: {0} Nothing was changed: the old key is still in use.', err.message),
  };
}

/** 2. The new secret could not be stored: the lifecycle hands it to the user; nothing else moves. */
function unstoredStop(r: Rotation, created: CreatedKey, reason: string | undefined): Stop {
  return {
    step: 'store',
    state: vscode.l10n.t('The new key {0} was created but its secret could not be stored ({1}); it was shown to you to save. No .env file was changed and the old key {2} is still in use. Both keys exist.', created.sid, reason ?? '', r.old.sid),
  };
}

/** 3. Every workspace .env that uses the old key now uses the new one; a file that cannot be rewritten stops the rotation. */
async function updateEnvFiles(r: Rotation, created: CreatedKey): Promise<Stop | undefined> {
  const { s, account, old, result } = r;
  await s.envIndex.whenReady();
  const oldSecret = await s.accounts.getKeySecret(account.accountSid, old.sid);
  for (const { file, names } of s.envIndex.referencing(old.sid)) {
    const failure = await updateEnvFile(s, file, replacementEdits(file.assignments, names, oldSecret, created, envVariableNames()));
    if (failure === undefined) result.envFilesUpdated.push(file.label);
    else result.envFilesNotUpdated.push(failure);
  }
  if (!result.envFilesNotUpdated.length) return undefined;
  return {
    step: 'env',
    state: vscode.l10n.t('The new key {0} is created and its secret stored. Updated: {1}. NOT updated: {2}. Fix those files, then write the new key to them with "Write Key to .env". Both keys exist; the old key was not deleted.', created.sid, updatedList(result), result.envFilesNotUpdated.join(', ')),
  };
}

/** Undefined when written; else how to name the file among those not updated. */
async function updateEnvFile(s: Services, file: EnvFileFacts, edits: DotenvEdit[]): Promise<string | undefined> {
  // Never rewrite a file we cannot parse; say which one and why.
  if (file.error) return `${file.label} (${file.error})`;
  const outcome = await s.lifecycle.writeToEnv(edits, { uri: file.uri });
  return outcome.ok ? undefined : file.label;
}

function updatedList(result: RotateKeyResult): string {
  return result.envFilesUpdated.join(', ') || vscode.l10n.t('none');
}

/** 4. The new key authenticates, or the old one is kept. */
async function verifyNewKey(r: Rotation, progress: RotationProgress, created: CreatedKey): Promise<Stop | undefined> {
  progress.report({ message: vscode.l10n.t('checking the new key works…') });
  try {
    const check = await r.api.checkCredentials(keyCredentials(r.account, r.creds, created));
    if (!check.valid) throw new Error(check.reason);
    return undefined;
  } catch (e) {
    return {
      step: 'verify',
      state: vscode.l10n.t('The new key {0} did not authenticate ({1}). .env files updated: {2}. The old key {3} was kept so nothing breaks; revert the .env files or retry the check later.', created.sid, errorMessage(e), updatedList(r.result), r.old.sid),
    };
  }
}

/** 4b. Twilio Functions variables holding the old key get the new one; one that cannot be updated stops the rotation with the old key kept. */
async function updateFunctionsVariables(r: Rotation, progress: RotationProgress, created: CreatedKey): Promise<Stop | undefined> {
  const { outcome, stop } = await functionsFlows().keyRotationStep(r.s, r.creds, r.old, created, progress, updatedList(r.result));
  r.functions = outcome;
  r.result.functionsVariablesUpdated = outcome.updated;
  r.result.functionsVariablesNotUpdated = outcome.notUpdated;
  r.result.functionsNotChecked = outcome.notChecked;
  return stop === undefined ? undefined : { step: 'functions', state: stop };
}

/** 5. A modal question, asked with no progress notification showing. */
async function confirmOldKeyDeletion(r: Rotation): Promise<boolean> {
  const del = vscode.l10n.t('Delete Old Key');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('The new key works. Delete the old key "{0}" ({1})?', r.oldName, r.old.sid),
    {
      modal: true,
      detail: [vscode.l10n.t('Updated .env files: {0}. Anything else still using the old key stops working once it is deleted.', updatedList(r.result)), (r.functions ? functionsFlows().functionsConfirmationLine(r.functions) : '')].filter(Boolean).join('\n'),
    },
    del,
  );
  return choice === del;
}

/** 6. The old key goes, from Twilio, the tree and SecretStorage (the key lifecycle); already gone counts as deleted. */
async function deleteOldKey(r: Rotation, progress: RotationProgress, created: CreatedKey): Promise<Stop | undefined> {
  const { s, account, old } = r;
  progress.report({ message: vscode.l10n.t('deleting the old key…') });
  try {
    await s.lifecycle.retire(account, old.sid, { envLines: 'keep' });
  } catch (e) {
    return {
      step: 'delete',
      state: vscode.l10n.t('Everything moved to the new key {0}, but deleting the old key {1} failed: {2} Delete it from the tree or the Console.', created.sid, old.sid, TwilioApiError.from(e).message),
    };
  }
  r.result.oldKeyDeleted = true;
  return undefined;
}

/** Report: where a rotation stopped, in a modal (no progress notification is showing). */
function stopped(r: Rotation, stop: Stop): RotateKeyResult {
  r.result.stoppedAt = stop.step;
  r.result.state = stop.state;
  r.s.log.warn(`Rotation of ${r.old.sid} stopped at "${stop.step}": ${stop.state}`);
  void vscode.window.showErrorMessage(vscode.l10n.t('Rotation of "{0}" stopped.', r.oldName), { modal: true, detail: stop.state });
  return r.result;
}

/** Report: rotated, the old key kept at the user's request. */
function keptOldKey(r: Rotation): RotateKeyResult {
  const created = r.created!;
  r.result.state = vscode.l10n.t('The old key {0} was kept at your request; delete it when nothing uses it any more.', r.old.sid);
  void vscode.window.showInformationMessage(vscode.l10n.t('Rotated to "{0}". {1}', created.friendlyName, r.result.state));
  return r.result;
}

/** Report: rotated, the old key deleted. The outcome first: a toast shows one line, and the new key is in the tree. */
function rotated(r: Rotation): RotateKeyResult {
  const { result } = r;
  const created = r.created!;
  const functions = result.functionsVariablesUpdated.length;
  r.s.log.info(`Rotated ${r.old.sid} to ${created.sid}; updated ${result.envFilesUpdated.length} .env file(s) and ${functions} Functions variable(s); old key deleted.`);
  void vscode.window.showInformationMessage(
    functions
      ? functionsFlows().keyRotatedMessage(r.oldName, result.envFilesUpdated.length, functions, created)
      : vscode.l10n.t('Rotated "{0}": the old key is deleted; {1} .env file(s) now use "{2}" ({3}).', r.oldName, result.envFilesUpdated.length, created.friendlyName, created.sid),
  );
  return result;
}

/** Credentials of the new key, for the "does it authenticate" check. */
function keyCredentials(account: AccountRecord, creds: AccountCredentials, key: CreatedKey): AccountCredentials {
  return { accountSid: account.accountSid, auth: { kind: 'apiKey', keySid: key.sid, keySecret: key.secret }, region: creds.region, edge: creds.edge };
}
