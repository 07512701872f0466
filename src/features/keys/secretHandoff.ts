import * as vscode from 'vscode';
import { maskSecret } from '../../core/validation/mask';

/**
 * Last line of defence for a secret Twilio will never show again: when it could not be stored,
 * keep offering to copy it, reveal it or write it to .env until the user says it is saved. The
 * key lifecycle (src/services/keyLifecycle.ts) calls it; `writeToEnv` writes the key's variables
 * to a `.env` the user picks and says whether it did.
 */
export async function handOffUnstoredSecret(secret: string, keyLabel: string, reason: string, writeToEnv: () => Promise<boolean>): Promise<void> {
  const copy = vscode.l10n.t('Copy Secret');
  const reveal = vscode.l10n.t('Reveal Secret');
  const writeEnv = vscode.l10n.t('Write to .env');
  const done = vscode.l10n.t('I Have Saved It');
  for (;;) {
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('The key "{0}" was created, but its secret could not be stored in secret storage.', keyLabel),
      {
        modal: true,
        detail: vscode.l10n.t('{0}\n\nTwilio shows a key secret only once. Save it now: {1}', reason, maskSecret(secret)),
      },
      copy,
      reveal,
      writeEnv,
      done,
    );
    if (choice === copy) {
      await vscode.env.clipboard.writeText(secret);
      void vscode.window.showInformationMessage(vscode.l10n.t('Secret copied to the clipboard.'));
    } else if (choice === reveal) {
      await vscode.window.showInputBox({
        title: vscode.l10n.t('Secret of "{0}"', keyLabel),
        prompt: vscode.l10n.t('Select and copy the secret, then press Escape.'),
        value: secret,
        ignoreFocusOut: true,
      });
    } else if (choice === writeEnv) {
      if (await writeToEnv()) return;
    } else {
      return;
    }
  }
}
