import * as vscode from 'vscode';
import type { Services } from '../../../services/services';
import { signsInWith, type AccountRecord } from '../../../services/model';
import { TwilioApiError } from '../../../core/twilio/errors';
import type { AccountCredentials } from '../../../core/twilio/types';
import { resolveKey } from './keyRef';
import { argsOf, field } from '../../../core/util/commandArgs';
import { envVariableNames } from '../../../platform/config';
import { functionsFlows } from '../../functions/load';

export interface DeleteKeyArgs {
  accountSid?: string;
  keySid?: string;
  /** Skip the confirmation (for keybindings and tests). */
  confirm?: boolean;
  /** Required with `confirm` to delete the key this extension authenticates with. */
  disconnectAccount?: boolean;
  /** Also remove the key's lines from the .env files that reference it. */
  removeFromEnv?: boolean;
}

export const deleteKeyArgs = argsOf<DeleteKeyArgs>({
  accountSid: field.string,
  keySid: field.string,
  confirm: field.boolean,
  disconnectAccount: field.boolean,
  removeFromEnv: field.boolean,
});

/** Revokes a key by deleting it. Returns true when the key is gone. */
export async function deleteKey(s: Services, args: DeleteKeyArgs = {}): Promise<boolean> {
  const { account, key, missing } = await resolveKey(s, args, vscode.l10n.t('Delete API Key'), { allowMissing: true });
  const name = key.friendlyName || key.sid;
  await s.envIndex.whenReady();
  const refs = s.envIndex.referencing(key.sid);
  const isSelf = signsInWith(account, key.sid);

  if (args.confirm && isSelf && !args.disconnectAccount) {
    throw new Error(
      vscode.l10n.t('"{0}" is the key this extension authenticates with for "{1}". Pass disconnectAccount: true to delete it and disconnect the account.', name, account.label),
    );
  }
  if (!args.confirm) {
    const details = [vscode.l10n.t('Anything using this key stops working at once. This cannot be undone.')];
    if (refs.length) details.push(vscode.l10n.t('Referenced in: {0}', refs.map((r) => r.file.label).join(', ')));
    const inFunctions = await checkFunctions(s, account, key.sid, name);
    if (inFunctions) details.push(inFunctions);
    if (isSelf) {
      details.push(vscode.l10n.t('This extension authenticates with this key: after deleting it, "{0}" must be reconnected with other credentials.', account.label));
    }
    const del = isSelf ? vscode.l10n.t('Delete and Disconnect') : vscode.l10n.t('Delete Key');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Delete the API key "{0}" ({1})?', name, key.sid),
      { modal: true, detail: details.join('\n\n') },
      del,
    );
    if (choice !== del) return false;
  }

  const creds = await s.accounts.requireCredentials(account);
  // Read before deleting: it identifies the key's secret lines in .env files afterwards.
  const storedSecret = await s.accounts.getKeySecret(account.accountSid, key.sid);
  const alreadyGone = missing || !(await revoke(s, creds, key.sid, name));
  s.keys.remove(account.accountSid, key.sid);
  await s.accounts.forgetKeySecret(account.accountSid, key.sid);
  s.log.info(`Deleted key ${key.sid} of ${account.accountSid}${alreadyGone ? ' (it was already gone)' : ''}.`);
  if (isSelf) await s.accounts.disconnect(account.accountSid);
  void vscode.window.showInformationMessage(
    alreadyGone
      ? vscode.l10n.t('The key "{0}" had already been deleted; removed it from the list.', name)
      : vscode.l10n.t('Deleted the API key "{0}".', name),
  );

  if (refs.length) {
    let remove = args.removeFromEnv;
    if (remove === undefined) {
      const yes = vscode.l10n.t('Remove Lines');
      remove =
        (await vscode.window.showInformationMessage(
          vscode.l10n.t('Remove the key\'s variables from {0}?', refs.map((r) => r.file.label).join(', ')),
          yes,
        )) === yes;
    }
    if (remove) await removeKeyLines(s, key.sid, storedSecret, refs);
  }
  return true;
}

/** The confirmation's line on Twilio Functions variables still holding the key, read under a progress notification that closes before the modal. */
async function checkFunctions(s: Services, account: AccountRecord, keySid: string, name: string): Promise<string | undefined> {
  const creds = await s.accounts.credentials(account.accountSid);
  if (!creds) return undefined;
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking Twilio Functions for "{0}"…', name) }, () =>
    functionsFlows().keyInFunctionsWarning(s, creds, keySid),
  );
}

/** Deletes the key on Twilio; false when Twilio says it was already gone (404). */
async function revoke(s: Services, creds: AccountCredentials, keySid: string, name: string): Promise<boolean> {
  const api = await s.twilio.get();
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Deleting API key "{0}"…', name), cancellable: true },
      (_p, token) => {
        const ctl = new AbortController();
        token.onCancellationRequested(() => ctl.abort());
        return api.deleteKey(creds, keySid, { signal: ctl.signal });
      },
    );
    return true;
  } catch (e) {
    const err = TwilioApiError.from(e);
    if (err.kind === 'notFound') return false; // deleted elsewhere: just tidy up here
    throw err;
  }
}

/**
 * Removes the variables holding the key's SID and its secret: those whose value is the stored
 * secret, and the configured secret variable when the configured key variable named this key.
 */
async function removeKeyLines(
  s: Services,
  keySid: string,
  secret: string | undefined,
  refs: ReturnType<Services['envIndex']['referencing']>,
): Promise<void> {
  const vars = envVariableNames();
  for (const { file, names } of refs) {
    if (file.error) continue; // a malformed file is never rewritten
    const toRemove = new Set(names);
    for (const a of file.assignments) if (secret !== undefined && a.value === secret) toRemove.add(a.name);
    if (names.includes(vars.apiKey)) toRemove.add(vars.apiSecret);
    const present = [...toRemove].filter((n) => file.assignments.some((a) => a.name === n));
    const outcome = await s.envWriter.write(file.uri, present.map((n) => ({ remove: n })));
    if (outcome.ok) await s.envIndex.refresh(file.uri);
  }
  s.log.info(`Removed variables of ${keySid} from ${refs.length} .env file(s).`);
}
