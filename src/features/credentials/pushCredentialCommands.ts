// Push credentials (Conversations v1): Replace FCM Secret… from a Firebase service-account JSON
// the user picks, and Delete. The JSON holds a private key: it is read through the guarded file
// access, checked, sent to Twilio and dropped; never stored, logged or repeated in a message.
import * as path from 'path';
import * as vscode from 'vscode';
import { TwilioApiError } from '../../core/twilio/errors';
import { MAX_SERVICE_ACCOUNT_JSON, readFcmServiceAccount } from '../../core/twilio/pushCredentialHealth';
import { pickFile, readPickedFile } from './pickedFile';
import { resolvePushCredential, withProgress, type CredentialArgs, type CredentialsContext } from './resolveCredential';

/**
 * Replace FCM Secret…: the FCM credential keeps its SID (every service using it keeps working) and
 * takes the service account's JSON as its secret, after a modal naming the credential, the
 * Firebase project and the service account. Returns whether the secret was replaced.
 */
export async function replaceFcmSecret(c: CredentialsContext, args: CredentialArgs = {}): Promise<boolean> {
  const title = vscode.l10n.t('Replace FCM Secret');
  const { account, credential } = await resolvePushCredential(c, args, title, args.sid ? undefined : (x) => x.type === 'fcm');
  const name = credential.friendlyName || credential.sid;
  if (credential.type !== 'fcm') {
    void vscode.window.showErrorMessage(
      vscode.l10n.t(
        '"{0}" is a {1} credential: only an FCM credential takes a service-account JSON. Create an FCM credential from the JSON in the Twilio Console, use its SID where this one is used, then delete this one.',
        name,
        credential.type.toUpperCase(),
      ),
      { modal: true },
    );
    return false;
  }
  const file = await pickFile(vscode.l10n.t('Choose the Firebase service-account JSON file'), { [vscode.l10n.t('Service-account key (JSON)')]: ['json'], [vscode.l10n.t('All files')]: ['*'] });
  const label = path.basename(file.fsPath);
  let text: string | undefined = await readPickedFile(file, MAX_SERVICE_ACCOUNT_JSON + 1024);
  const read = readFcmServiceAccount(text);
  text = undefined;
  if (!read.ok) {
    c.s.log.warn(`Replace FCM Secret: ${label} refused (${read.legacyServerKey ? 'a legacy server key' : 'not a service-account key'}); nothing was sent.`);
    void vscode.window.showErrorMessage(read.reason, { modal: true, detail: vscode.l10n.t('Nothing was sent to Twilio.') });
    return false;
  }
  const replace = vscode.l10n.t('Replace Secret');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Replace the secret of the FCM credential "{0}" ({1}) of "{2}"?', name, credential.sid, account.label),
    {
      modal: true,
      detail: vscode.l10n.t(
        'With the service account {0} of the Firebase project {1}, from {2}. Every Conversations service using this credential sends with it at once, and the old secret is gone. The file is sent to Twilio and not kept here.',
        read.clientEmail,
        read.projectId,
        label,
      ),
    },
    replace,
  );
  if (choice !== replace) return false;
  const creds = await c.s.accounts.requireCredentials(account);
  const api = await c.s.twilio.get();
  const updated = await withProgress(vscode.l10n.t('Replacing the secret of "{0}"…', name), (signal) => api.updateFcmCredentialSecret(creds, credential.sid, read.json, { signal }));
  c.lists.push.upsert(account.accountSid, updated);
  c.s.log.info(`Replaced the secret of FCM credential ${credential.sid} of ${account.accountSid} (project ${read.projectId}).`);
  void vscode.window.showInformationMessage(vscode.l10n.t('The FCM credential "{0}" now uses the service account of {1}.', name, read.projectId));
  return true;
}

/** Delete, after a modal naming the credential and what stops. Returns whether it is gone. */
export async function deletePushCredential(c: CredentialsContext, args: CredentialArgs = {}): Promise<boolean> {
  const { account, credential } = await resolvePushCredential(c, args, vscode.l10n.t('Delete Push Credential'));
  const name = credential.friendlyName || credential.sid;
  const verb = vscode.l10n.t('Delete Push Credential');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Delete the {0} push credential "{1}" ({2}) of "{3}"?', credential.type.toUpperCase(), name, credential.sid, account.label),
    { modal: true, detail: vscode.l10n.t('Conversations services that send notifications with it stop delivering them at once. This cannot be undone.') },
    verb,
  );
  if (choice !== verb) return false;
  const creds = await c.s.accounts.requireCredentials(account);
  const api = await c.s.twilio.get();
  let alreadyGone = false;
  try {
    await withProgress(vscode.l10n.t('Deleting "{0}"…', name), (signal) => api.deletePushCredential(creds, credential.sid, { signal }));
  } catch (e) {
    const err = TwilioApiError.from(e);
    if (err.kind !== 'notFound') throw err;
    alreadyGone = true;
  }
  c.lists.push.remove(account.accountSid, credential.sid);
  c.s.log.info(`Deleted push credential ${credential.sid} of ${account.accountSid}${alreadyGone ? ' (it was already gone)' : ''}.`);
  void vscode.window.showInformationMessage(
    alreadyGone ? vscode.l10n.t('"{0}" had already been deleted; removed it from the list.', name) : vscode.l10n.t('Deleted "{0}".', name),
  );
  return true;
}
