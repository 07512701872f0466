import * as vscode from 'vscode';
import type { Services } from '../../../services/services';
import { orCancel } from '../../../platform/commands';
import { describePermission, permissionCatalogue, permissionDiff, validatePermissions } from '../permissions';
import { resolveKey } from './keyRef';
import { argsOf, consent, field, prefill, type Args } from '../../../core/util/commandArgs';
import { MAX_PERMISSIONS } from '../../../core/twilio/types';

export interface EditPermissionsArgs {
  accountSid?: string;
  keySid?: string;
  /** The new permissions, instead of the picker. */
  permissions?: string[];
  /** Update without the confirmation (this extension's own flows and tests only). */
  confirm?: boolean;
}

export const editPermissionsArgs = argsOf<EditPermissionsArgs>({
  accountSid: prefill(field.string),
  keySid: prefill(field.string),
  permissions: prefill(field.strings),
  confirm: consent(field.boolean),
});

export interface EditPermissionsResult {
  accountSid: string;
  keySid: string;
  added: string[];
  removed: string[];
  updated: boolean;
}

const TITLE = () => vscode.l10n.t('Edit Permissions');

/**
 * Changes a restricted key's permissions in place (IAM `POST /v1/Keys/{Sid}` with `Policy`): the
 * picker opens with the current permissions selected, the change is shown as added and removed
 * for confirmation, and the key keeps its SID and secret.
 */
export async function editPermissions(s: Services, args: Args<EditPermissionsArgs> = {}): Promise<EditPermissionsResult | undefined> {
  if (args.permissions) {
    const m = validatePermissions(args.permissions);
    if (m) throw new Error(m);
  }
  const { account, key } = await resolveKey(s, args, TITLE());
  if (key.type !== 'restricted') {
    throw new Error(vscode.l10n.t('"{0}" is a {1} key: only restricted keys have permissions to edit.', key.friendlyName || key.sid, key.type));
  }
  const creds = await s.accounts.requireCredentials(account);
  const api = await s.twilio.get();
  // The list carries no policy: ask for the key's current permissions.
  const current = (await api.fetchKey(creds, key.sid)).permissions ?? key.permissions ?? [];
  const name = key.friendlyName || key.sid;

  let next = args.permissions;
  if (!next) {
    // Ticked: the current permissions, or those another caller suggested.
    const currentSet = new Set(args.prefill?.permissions ?? current);
    const catalogue = permissionCatalogue();
    const known = new Set(catalogue.map((p) => p.permission));
    type Item = vscode.QuickPickItem & { permission: string };
    const items: Item[] = [
      // Permissions the key has that the catalogue does not list stay offered (and selected).
      ...current.filter((p) => !known.has(p)).map((p) => ({ label: p, description: describePermission(p), permission: p, picked: true })),
      ...catalogue.map((p) => ({ label: p.permission, description: p.label, detail: p.description, permission: p.permission, picked: currentSet.has(p.permission) })),
    ];
    const picks = orCancel(
      await vscode.window.showQuickPick(items, {
        title: `${TITLE()}: ${name}`,
        placeHolder: vscode.l10n.t('Permissions of the restricted key (at most {0}); the current ones are selected', MAX_PERMISSIONS),
        canPickMany: true,
        matchOnDescription: true,
        matchOnDetail: true,
        ignoreFocusOut: true,
      }),
    );
    next = picks.map((p) => p.permission);
    const m = validatePermissions(next);
    if (m) throw new Error(m);
  }

  const { added, removed } = permissionDiff(current, next);
  const result: EditPermissionsResult = { accountSid: account.accountSid, keySid: key.sid, added, removed, updated: false };
  if (!added.length && !removed.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The permissions of "{0}" are unchanged.', name));
    return result;
  }
  if (!args.confirm) {
    const update = vscode.l10n.t('Update Permissions');
    const lines = [
      ...added.map((p) => `+ ${p}  (${describePermission(p)})`),
      ...removed.map((p) => `− ${p}  (${describePermission(p)})`),
    ];
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Change the permissions of "{0}"? {1} added, {2} removed.', name, added.length, removed.length),
      {
        modal: true,
        detail: `${lines.join('\n')}\n\n${vscode.l10n.t('The key keeps its SID and secret. Code using it loses the removed permissions at once.')}`,
      },
      update,
    );
    if (choice !== update) return result;
  }
  const updated = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Updating the permissions of "{0}"…', name) },
    () => api.updateKeyPermissions(creds, key.sid, next!),
  );
  s.keys.upsert(account.accountSid, updated);
  result.updated = true;
  s.log.info(`Permissions of ${key.sid} updated: +${added.length} −${removed.length}.`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Permissions of "{0}" updated: {1} added, {2} removed.', name, added.length, removed.length));
  return result;
}
