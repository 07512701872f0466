import * as vscode from 'vscode';
import type { Services } from '../../services/services';
import type { AccountRecord } from '../../accounts/model';
import { signsInWith } from '../../accounts/model';
import type { AccountCredentials, CreatedKey } from '../../twilio/types';
import { stripSecret } from '../../twilio/types';
import { TwilioApiError } from '../../twilio/errors';
import { errorMessage } from '../../util/commands';
import { envVariableNames, keyEnvEdits } from '../../util/config';
import { handOffUnstoredSecret } from '../secretHandoff';
import { toKeyRef, resolveKey } from './keyRef';
import { rotatedName } from '../keyNames';
import { replacementEdits } from '../rotationEdits';

export interface RotateKeyArgs {
  accountSid?: string;
  keySid?: string;
  /** Delete the old key without asking once the new one works (keybindings, tests). */
  confirmDelete?: boolean;
}

export type RotationStep = 'create' | 'store' | 'env' | 'verify' | 'delete';

export interface RotateKeyResult {
  accountSid: string;
  oldKeySid: string;
  newKeySid?: string;
  envFilesUpdated: string[];
  envFilesNotUpdated: string[];
  oldKeyDeleted: boolean;
  /** The step that failed, when rotation stopped early. */
  stoppedAt?: RotationStep;
  /** Where everything stands, in words, when rotation stopped or the old key was kept. */
  state?: string;
}

/**
 * Rotates a key: create a replacement of the same type and permissions, store its secret, update
 * every workspace .env that uses the old key, check the new key authenticates, then (after
 * confirmation) delete the old key. Any failing step stops the rotation with both keys kept and a
 * message that says exactly where things stand.
 */
export async function rotateKey(s: Services, arg?: unknown): Promise<RotateKeyResult | undefined> {
  const args = (arg && typeof arg === 'object' && !('kind' in arg) ? arg : {}) as RotateKeyArgs;
  const { account, key: old } = await resolveKey(s, toKeyRef(arg), vscode.l10n.t('Rotate API Key'));
  if (old.type === 'main') {
    throw new Error(vscode.l10n.t('Main keys are created only in the Twilio Console: create a new Main key there, then delete this one.'));
  }
  if (signsInWith(account, old.sid)) {
    throw new Error(vscode.l10n.t('This extension authenticates with "{0}": rotate it in the Twilio Console, then use Update Credentials.', old.friendlyName || old.sid));
  }
  const creds = await s.accounts.requireCredentials(account);
  const api = await s.twilio.get();
  const result: RotateKeyResult = { accountSid: account.accountSid, oldKeySid: old.sid, envFilesUpdated: [], envFilesNotUpdated: [], oldKeyDeleted: false };
  const oldName = old.friendlyName || old.sid;

  const stop = (step: RotationStep, state: string): RotateKeyResult => {
    result.stoppedAt = step;
    result.state = state;
    s.log.warn(`Rotation of ${old.sid} stopped at "${step}": ${state}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Rotation of "{0}" stopped.', oldName), { modal: true, detail: state });
    return result;
  };

  // Shown once the progress notification is gone, so the outcome is not stacked under it.
  let outcome: string | undefined;
  const finished = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Rotating "{0}"', oldName) },
    async (progress) => {
      // 1. Create the replacement.
      progress.report({ message: vscode.l10n.t('creating the replacement key…') });
      let created: CreatedKey;
      try {
        const permissions = old.type === 'restricted' ? old.permissions ?? (await api.fetchKey(creds, old.sid)).permissions ?? [] : undefined;
        const friendlyName = rotatedName(old.friendlyName);
        created = await api.createKey(creds, permissions ? { friendlyName, type: 'restricted', permissions } : { friendlyName, type: 'standard' });
      } catch (e) {
        const err = TwilioApiError.from(e);
        return stop(
          'create',
          err.outcomeUnknown
            ? vscode.l10n.t('Creating the replacement failed ({0}), and Twilio may have created it without answering. The old key is unchanged and still in use. Refresh the list: a key named "{1}" that appears is unusable (its secret was never received) and can be deleted.', err.message, rotatedName(old.friendlyName))
            : vscode.l10n.t('Creating the replacement failed: {0} Nothing was changed: the old key is still in use.', err.message),
        );
      }
      s.log.protect(created.secret);
      result.newKeySid = created.sid;
      s.keys.upsert(account.accountSid, stripSecret(created));

      // 2. Store its secret.
      progress.report({ message: vscode.l10n.t('storing the new secret…') });
      try {
        await s.accounts.storeKeySecret(account.accountSid, created.sid, created.secret);
      } catch (e) {
        await handOffUnstoredSecret(created.secret, created.friendlyName, errorMessage(e), s.envWriter, keyEnvEdits(account.accountSid, created.sid, created.secret));
        return stop(
          'store',
          vscode.l10n.t('The new key {0} was created but its secret could not be stored ({1}); it was shown to you to save. No .env file was changed and the old key {2} is still in use. Both keys exist.', created.sid, errorMessage(e), old.sid),
        );
      }

      // 3. Update every workspace .env that uses the old key.
      progress.report({ message: vscode.l10n.t('updating .env files…') });
      await s.envIndex.whenReady();
      const oldSecret = await s.accounts.getKeySecret(account.accountSid, old.sid);
      for (const { file, names } of s.envIndex.referencing(old.sid)) {
        if (file.error) {
          // Never rewrite a file we cannot parse; say which one and why.
          result.envFilesNotUpdated.push(`${file.label} (${file.error})`);
          continue;
        }
        const edits = replacementEdits(file.assignments, names, oldSecret, created, envVariableNames());
        const outcome = await s.envWriter.write(file.uri, edits);
        if (outcome.ok) {
          result.envFilesUpdated.push(file.label);
          await s.envIndex.refresh(file.uri);
        } else {
          result.envFilesNotUpdated.push(file.label);
        }
      }
      if (result.envFilesNotUpdated.length) {
        return stop(
          'env',
          vscode.l10n.t('The new key {0} is created and its secret stored. Updated: {1}. NOT updated: {2}. Fix those files, then write the new key to them with "Write Key to .env". Both keys exist; the old key was not deleted.', created.sid, result.envFilesUpdated.join(', ') || vscode.l10n.t('none'), result.envFilesNotUpdated.join(', ')),
        );
      }

      // 4. Check that the new key authenticates.
      progress.report({ message: vscode.l10n.t('checking the new key works…') });
      try {
        const check = await api.checkCredentials(keyCredentials(account, creds, created));
        if (!check.valid) throw new Error(check.reason);
      } catch (e) {
        return stop(
          'verify',
          vscode.l10n.t('The new key {0} did not authenticate ({1}). .env files updated: {2}. The old key {3} was kept so nothing breaks; revert the .env files or retry the check later.', created.sid, errorMessage(e), result.envFilesUpdated.join(', ') || vscode.l10n.t('none'), old.sid),
        );
      }

      // 5. Delete the old key, after confirmation.
      if (!args.confirmDelete) {
        const del = vscode.l10n.t('Delete Old Key');
        const choice = await vscode.window.showWarningMessage(
          vscode.l10n.t('The new key works. Delete the old key "{0}" ({1})?', oldName, old.sid),
          {
            modal: true,
            detail: vscode.l10n.t('Updated .env files: {0}. Anything else still using the old key stops working once it is deleted.', result.envFilesUpdated.join(', ') || vscode.l10n.t('none')),
          },
          del,
        );
        if (choice !== del) {
          result.state = vscode.l10n.t('The old key {0} was kept at your request; delete it when nothing uses it any more.', old.sid);
          outcome = vscode.l10n.t('Rotated to "{0}". {1}', created.friendlyName, result.state);
          return result;
        }
      }
      progress.report({ message: vscode.l10n.t('deleting the old key…') });
      try {
        await api.deleteKey(creds, old.sid);
      } catch (e) {
        const err = TwilioApiError.from(e);
        if (err.kind !== 'notFound') {
          return stop(
            'delete',
            vscode.l10n.t('Everything moved to the new key {0}, but deleting the old key {1} failed: {2} Delete it from the tree or the Console.', created.sid, old.sid, err.message),
          );
        }
      }
      result.oldKeyDeleted = true;
      s.keys.remove(account.accountSid, old.sid);
      await s.accounts.forgetKeySecret(account.accountSid, old.sid);
      s.log.info(`Rotated ${old.sid} to ${created.sid}; updated ${result.envFilesUpdated.length} .env file(s); old key deleted.`);
      // The outcome first: a toast shows one line, and the new key is in the tree.
      outcome = vscode.l10n.t('Rotated "{0}": the old key is deleted; {1} .env file(s) now use "{2}" ({3}).', oldName, result.envFilesUpdated.length, created.friendlyName, created.sid);
      return result;
    },
  );
  if (outcome) void vscode.window.showInformationMessage(outcome);
  return finished;
}

/** Credentials of the new key, for the "does it authenticate" check. */
function keyCredentials(account: AccountRecord, creds: AccountCredentials, key: CreatedKey): AccountCredentials {
  return { accountSid: account.accountSid, auth: { kind: 'apiKey', keySid: key.sid, keySecret: key.secret }, region: creds.region, edge: creds.edge };
}
