// Public keys (Public Key Client Validation) and AWS credentials of an account (Accounts v1):
// Add Public Key…, Rename, Delete. The PEM file is read through the guarded file access and
// checked here before anything is sent: a private key is refused and never leaves the machine.
import * as crypto from 'crypto';
import * as path from 'path';
import * as vscode from 'vscode';
import { orCancel } from '../../platform/commands';
import { TwilioApiError } from '../../core/twilio/errors';
import { checkPublicKeyPem, MAX_PUBLIC_KEY_PEM } from '../../core/twilio/publicKeyPem';
import type { AccountCredential } from '../../core/twilio/types';
import { validateFriendlyName } from '../../core/validation/credentials';
import { suggestion, type Args } from '../../core/util/commandArgs';
import { pickFile, readPickedFile } from './pickedFile';
import { credentialAccount, resolveAccountCredential, withProgress, type CredentialArgs, type CredentialRef, type CredentialsContext } from './resolveCredential';

export interface AddPublicKeyArgs {
  accountSid?: string;
  /** A starting name for the name prompt (the prompt is always shown). */
  friendlyName?: string;
}

export interface RenameAccountCredentialArgs extends CredentialRef {
  /** A starting name for the name prompt (the prompt is always shown). */
  friendlyName?: string;
}

/** `SHA256:…` of the key's DER form, as `ssh-keygen -l` prints fingerprints: enough to recognise it. */
function keyFingerprint(pem: string): string {
  const der = crypto.createPublicKey(pem).export({ type: 'spki', format: 'der' });
  return 'SHA256:' + crypto.createHash('sha256').update(der).digest('base64').replace(/={1,2}$/, '');
}

/**
 * Add Public Key…: a PEM file the user picks, checked to be an RSA-2048 public key (a private key
 * is refused with a clear message and never sent), a name, then a modal naming the file, the key's
 * fingerprint and the account. Returns the new credential's SID.
 */
export async function addPublicKey(c: CredentialsContext, args: Args<AddPublicKeyArgs> = {}): Promise<string | undefined> {
  const title = vscode.l10n.t('Add Public Key');
  const account = await credentialAccount(c.s, args, title);
  const file = await pickFile(vscode.l10n.t('Choose the PEM file of the public key'), { [vscode.l10n.t('PEM public keys')]: ['pem', 'pub', 'key', 'txt'], [vscode.l10n.t('All files')]: ['*'] });
  const label = path.basename(file.fsPath);
  // A little over the largest public key, so a bigger file gets the check's own message.
  const text = await readPickedFile(file, MAX_PUBLIC_KEY_PEM + 1024);
  const check = checkPublicKeyPem(text);
  if (!check.ok) {
    c.s.log.warn(`Add Public Key: ${label} refused (${check.privateKey ? 'it holds a private key' : 'not an RSA-2048 public key'}); nothing was sent.`);
    void vscode.window.showErrorMessage(check.reason, { modal: true, detail: vscode.l10n.t('Nothing was sent to Twilio.') });
    return undefined;
  }
  const friendlyName = orCancel(
    await vscode.window.showInputBox({
      title,
      prompt: vscode.l10n.t('A name for this public key in "{0}"', account.label),
      value: suggestion(args, 'friendlyName') ?? label.replace(/\.[^.]+$/, ''),
      ignoreFocusOut: true,
      validateInput: validateFriendlyName,
    }),
  ).trim();
  const fingerprint = keyFingerprint(check.pem);
  const add = vscode.l10n.t('Add Public Key');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Add the public key from {0} to "{1}" as "{2}"?', label, account.label, friendlyName),
    {
      modal: true,
      detail: vscode.l10n.t(
        'RSA {0}-bit public key, {1}. Twilio will accept requests signed with its private key for this account (Public Key Client Validation). Only the public key is sent.',
        check.bits,
        fingerprint,
      ),
    },
    add,
  );
  if (choice !== add) return undefined;
  const creds = await c.s.accounts.requireCredentials(account);
  const api = await c.s.twilio.get();
  const created = await withProgress(vscode.l10n.t('Adding the public key "{0}"…', friendlyName), (signal) => api.createPublicKey(creds, { publicKeyPem: check.pem, friendlyName }, { signal }));
  c.lists.accountCredentials.upsert(account.accountSid, created);
  c.s.log.info(`Added public key ${created.sid} (${fingerprint}) to ${account.accountSid}.`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Added the public key "{0}" ({1}) to "{2}".', friendlyName, created.sid, account.label));
  return created.sid;
}

export async function renameAccountCredential(c: CredentialsContext, args: Args<RenameAccountCredentialArgs> = {}): Promise<boolean> {
  const title = vscode.l10n.t('Rename Credential');
  const { account, credential } = await resolveAccountCredential(c, args, title);
  const friendlyName = orCancel(
    await vscode.window.showInputBox({
      title,
      prompt: vscode.l10n.t('New name for {0}', credential.sid),
      value: suggestion(args, 'friendlyName') ?? credential.friendlyName,
      ignoreFocusOut: true,
      validateInput: validateFriendlyName,
    }),
  ).trim();
  if (friendlyName === credential.friendlyName) return false;
  const creds = await c.s.accounts.requireCredentials(account);
  const api = await c.s.twilio.get();
  const updated = await api.renameAccountCredential(creds, { kind: credential.kind, sid: credential.sid }, friendlyName);
  c.lists.accountCredentials.upsert(account.accountSid, updated);
  c.s.log.info(`Renamed ${credential.kind} credential ${credential.sid} of ${account.accountSid}.`);
  return true;
}

function deleteConsequence(credential: AccountCredential): { verb: string; detail: string } {
  return credential.kind === 'publicKey'
    ? {
        verb: vscode.l10n.t('Delete Public Key'),
        detail: vscode.l10n.t('Requests signed with its private key are refused from then on (Public Key Client Validation). This cannot be undone.'),
      }
    : {
        verb: vscode.l10n.t('Delete AWS Credentials'),
        detail: vscode.l10n.t('Twilio features that write to S3 with these credentials stop at once. The AWS key itself stays valid in AWS: deactivate it there too. This cannot be undone.'),
      };
}

/** Delete, after a modal that names the credential and what stops working. Returns whether it is gone. */
export async function deleteAccountCredential(c: CredentialsContext, args: CredentialArgs = {}): Promise<boolean> {
  const title = vscode.l10n.t('Delete Credential');
  const { account, credential } = await resolveAccountCredential(c, args, title);
  const name = credential.friendlyName || credential.sid;
  const { verb, detail } = deleteConsequence(credential);
  const question =
    credential.kind === 'publicKey'
      ? vscode.l10n.t('Delete the public key "{0}" ({1}) of "{2}"?', name, credential.sid, account.label)
      : vscode.l10n.t('Delete the AWS credentials "{0}" ({1}) of "{2}"?', name, credential.sid, account.label);
  if ((await vscode.window.showWarningMessage(question, { modal: true, detail }, verb)) !== verb) return false;
  const creds = await c.s.accounts.requireCredentials(account);
  const api = await c.s.twilio.get();
  let alreadyGone = false;
  try {
    await withProgress(vscode.l10n.t('Deleting "{0}"…', name), (signal) => api.deleteAccountCredential(creds, { kind: credential.kind, sid: credential.sid }, { signal }));
  } catch (e) {
    const err = TwilioApiError.from(e);
    if (err.kind !== 'notFound') throw err;
    alreadyGone = true;
  }
  c.lists.accountCredentials.remove(account.accountSid, credential.sid);
  c.s.log.info(`Deleted ${credential.kind} credential ${credential.sid} of ${account.accountSid}${alreadyGone ? ' (it was already gone)' : ''}.`);
  void vscode.window.showInformationMessage(
    alreadyGone ? vscode.l10n.t('"{0}" had already been deleted; removed it from the list.', name) : vscode.l10n.t('Deleted "{0}".', name),
  );
  return true;
}
