import * as vscode from 'vscode';
import type { Services } from '../../../services/services';
import { agree, orCancel } from '../../../platform/commands';
import { keyEnvEdits } from '../../../workspace/dotenv/keyEdits';
import { validateFriendlyName } from '../../../core/validation/credentials';
import { resolveKey } from './keyRef';
import { argsOf, consent, field, prefill, suggestion, type Args, type KeyRef } from '../../../core/util/commandArgs';
import { consoleKeysUrl } from '../../../core/twilio/types';

export interface RenameKeyArgs extends KeyRef {
  friendlyName?: string;
}

export const renameKeyArgs = argsOf<RenameKeyArgs>({ accountSid: prefill(field.string), keySid: prefill(field.string), friendlyName: prefill(field.string) });

/** Renames a key (its friendly name). */
export async function renameKey(s: Services, args: Args<RenameKeyArgs> = {}): Promise<boolean> {
  const given = args.friendlyName;
  if (given !== undefined) {
    const m = validateFriendlyName(given);
    if (m) throw new Error(m);
  }
  const { account, key } = await resolveKey(s, args, vscode.l10n.t('Rename API Key'));
  const friendlyName =
    given ??
    orCancel(
      await vscode.window.showInputBox({
        title: vscode.l10n.t('Rename API Key'),
        prompt: vscode.l10n.t('New name for {0}', key.sid),
        value: suggestion(args, 'friendlyName') ?? key.friendlyName,
        ignoreFocusOut: true,
        validateInput: validateFriendlyName,
      }),
    ).trim();
  if (friendlyName === key.friendlyName) return false;
  const creds = await s.accounts.requireCredentials(account);
  const api = await s.twilio.get();
  const updated = await api.renameKey(creds, key.sid, friendlyName);
  s.keys.upsert(account.accountSid, { ...key, ...updated, type: key.type, permissions: updated.permissions ?? key.permissions });
  s.log.info(`Renamed key ${key.sid}.`);
  return true;
}

export async function copyKeySid(s: Services, ref: Args<KeyRef> = {}): Promise<string> {
  const { key } = await resolveKey(s, ref, vscode.l10n.t('Copy Key SID'));
  await vscode.env.clipboard.writeText(key.sid);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', key.sid), 3000);
  return key.sid;
}

export interface CopyKeySecretArgs extends KeyRef {
  /** Copy without the modal (this extension's own tests only). */
  confirm?: boolean;
}

export const copyKeySecretArgs = argsOf<CopyKeySecretArgs>({ accountSid: prefill(field.string), keySid: prefill(field.string), confirm: consent(field.boolean) });

/**
 * Copies a key's secret when this editor holds it, after a modal the user answers (from the tree
 * too: the clipboard is readable by every app and extension). Returns whether it did (never the secret).
 */
export async function copyKeySecret(s: Services, ref: Args<CopyKeySecretArgs> = {}): Promise<boolean> {
  const { account, key } = await resolveKey(s, ref, vscode.l10n.t('Copy Key Secret'));
  const secret = await s.accounts.storedKeySecret(account.accountSid, key.sid);
  if (!secret) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('The secret of "{0}" is not stored in this editor. Twilio shows a secret only at creation; create a new key or rotate this one.', key.friendlyName || key.sid),
    );
    return false;
  }
  const name = key.friendlyName || key.sid;
  const agreed =
    ref.confirm ||
    (await agree({
      message: vscode.l10n.t('Copy the secret of "{0}" ({1}) to the clipboard?', name, key.sid),
      detail: vscode.l10n.t('Anything that reads the clipboard, another app or another extension, can read the secret there until something else is copied.'),
      verb: vscode.l10n.t('Copy Secret'),
    }));
  if (!agreed) return false;
  await vscode.env.clipboard.writeText(secret);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the secret of {0}', name), 3000);
  return true;
}

export interface WriteKeyToEnvArgs extends KeyRef {
  /** The .env file to write (workspace-relative or absolute), instead of asking. */
  envFile?: string;
  /** Write without the modal that names the file (this extension's own flows and tests only). */
  confirm?: boolean;
}

export const writeKeyToEnvArgs = argsOf<WriteKeyToEnvArgs>({
  accountSid: prefill(field.string),
  keySid: prefill(field.string),
  envFile: consent(field.string),
  confirm: consent(field.boolean),
});

/** Writes the account SID, key SID and (if stored) secret to a .env file, after a modal naming the file. */
export async function writeKeyToEnv(s: Services, args: Args<WriteKeyToEnvArgs> = {}): Promise<string | undefined> {
  const { account, key } = await resolveKey(s, args, vscode.l10n.t('Write Key to .env'));
  const secret = await s.accounts.storedKeySecret(account.accountSid, key.sid);
  let edits = keyEnvEdits(account.accountSid, key.sid, secret ?? '');
  if (!secret) {
    const sidOnly = vscode.l10n.t('Write SIDs Only');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('The secret of "{0}" is not stored in this editor, so only the SIDs can be written.', key.friendlyName || key.sid),
      sidOnly,
    );
    if (choice !== sidOnly) return undefined;
    edits = edits.slice(0, 2);
  }
  const outcome = await s.lifecycle.writeToEnv(edits, { envFile: args.envFile, agreed: args.confirm, subject: vscode.l10n.t('the key "{0}"', key.friendlyName || key.sid) });
  if (!outcome.ok) return undefined;
  void vscode.window.showInformationMessage(vscode.l10n.t('Wrote "{0}" to {1}.', key.friendlyName || key.sid, vscode.workspace.asRelativePath(outcome.uri)));
  return outcome.uri.fsPath;
}

/** Opens the key (or the account's keys) in the Twilio Console. */
export async function openInConsole(s: Services, ref: Args<KeyRef> = {}): Promise<void> {
  const url = consoleKeysUrl(ref.keySid);
  s.log.info(`Opening ${url}`);
  await vscode.env.openExternal(vscode.Uri.parse(url));
}
