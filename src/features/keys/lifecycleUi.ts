// The editor's side of the key lifecycle (src/services/keyLifecycle.ts): the progress of a create,
// the hand-off of a secret that could not be stored, and the question a lost create answer asks.
import * as vscode from 'vscode';
import type { LifecycleUi } from '../../services/keyLifecycle';
import { handOffUnstoredSecret } from './secretHandoff';

export const lifecycleUi: LifecycleUi = {
  creating: (friendlyName, work) =>
    // Not cancellable once sent: Twilio may create the key even if we stop listening, and its
    // secret exists only in this response.
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Creating API key "{0}"…', friendlyName) }, work),

  handOff: (key, reason, writeToEnv) => handOffUnstoredSecret(key.secret, key.key.friendlyName, reason, writeToEnv),

  async lostAnswer(friendlyName, cause, lost) {
    if (!lost) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Creating "{0}" may have succeeded without an answer ({1}). Refresh the list: a key of that name created now has a secret that cannot be recovered and should be deleted.', friendlyName, cause.message),
      );
      return false;
    }
    const del = vscode.l10n.t('Delete It');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Twilio created the key "{0}" ({1}), but the answer carrying its secret was lost.', friendlyName, lost.map((k) => k.sid).join(', ')),
      { modal: true, detail: vscode.l10n.t('A key secret is sent only once, so this key can never be used. Delete it and create a new one.') },
      del,
    );
    return choice === del;
  },
};
