import * as vscode from 'vscode';
import type { Services } from '../../../services/services';
import { signsInWith } from '../../../services/model';
import { resolveKey } from './keyRef';
import { argsOf, consent, field, prefill, type Args } from '../../../core/util/commandArgs';
import { functionsFlows } from '../../functions/load';

export interface DeleteKeyArgs {
  accountSid?: string;
  keySid?: string;
  /** Skip the confirmation (this extension's own flows and tests only). */
  confirm?: boolean;
  /** Required with `confirm` to delete the key this extension authenticates with. */
  disconnectAccount?: boolean;
  /** Also remove the key's lines from the .env files that reference it. */
  removeFromEnv?: boolean;
}

export const deleteKeyArgs = argsOf<DeleteKeyArgs>({
  accountSid: prefill(field.string),
  keySid: prefill(field.string),
  confirm: consent(field.boolean),
  disconnectAccount: consent(field.boolean),
  removeFromEnv: consent(field.boolean),
});

/** Revokes a key by deleting it (the key lifecycle's retire). Returns true when the key is gone. */
export async function deleteKey(s: Services, args: Args<DeleteKeyArgs> = {}): Promise<boolean> {
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
    const inFunctions = await functionsFlows().checkKeyInFunctions(s, account, key.sid, name);
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

  await s.lifecycle.retire(account, key.sid, {
    missing,
    under: (send) => withDeleteProgress(name, send),
    onGone: async (alreadyGone) => {
      if (isSelf) await s.accounts.disconnect(account.accountSid);
      announceDeleted(name, alreadyGone);
    },
    envLines: args.removeFromEnv === undefined ? askRemoveLines : args.removeFromEnv ? 'remove' : 'keep',
  });
  return true;
}

/** The deletion request under a notification whose Cancel stops it. */
function withDeleteProgress<T>(name: string, send: (signal?: AbortSignal) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Deleting API key "{0}"…', name), cancellable: true },
    (_p, token) => {
      const ctl = new AbortController();
      token.onCancellationRequested(() => ctl.abort());
      return send(ctl.signal);
    },
  );
}

function announceDeleted(name: string, alreadyGone: boolean): void {
  void vscode.window.showInformationMessage(
    alreadyGone
      ? vscode.l10n.t('The key "{0}" had already been deleted; removed it from the list.', name)
      : vscode.l10n.t('Deleted the API key "{0}".', name),
  );
}

/** After the deletion: remove the key's variables from the .env files that reference it? */
async function askRemoveLines(files: string[]): Promise<boolean> {
  const yes = vscode.l10n.t('Remove Lines');
  return (await vscode.window.showInformationMessage(vscode.l10n.t('Remove the key\'s variables from {0}?', files.join(', ')), yes)) === yes;
}
