import * as vscode from 'vscode';
import type { Services } from '../../../services/services';
import type { AccountRecord } from '../../../services/model';
import type { ApiKey } from '../../../core/twilio/types';
import { pickAccount } from '../../accounts/pickAccount';
import { Cancelled } from '../../../platform/commands';
import { TwilioApiError } from '../../../core/twilio/errors';
import type { Args, KeyRef } from '../../../core/util/commandArgs';

/** Resolves the account and key, asking for whichever is missing (a key another caller suggested comes first). */
export async function resolveKey(
  s: Services,
  ref: Args<KeyRef>,
  title: string,
  opts: { allowMissing?: boolean } = {},
): Promise<{ account: AccountRecord; key: ApiKey; missing?: boolean }> {
  const account = await pickAccount(s.accounts, { accountSid: ref.accountSid, prefill: ref.prefill }, title);
  await s.keys.load(account.accountSid);
  if (ref.keySid) {
    const known = s.keys.find(account.accountSid, ref.keySid);
    if (known) return { account, key: known };
    if (!/^SK[0-9a-fA-F]{32}$/.test(ref.keySid)) throw new Error(vscode.l10n.t('"{0}" is not an API key SID (SK followed by 32 hex characters).', ref.keySid));
    // Not on a loaded page: ask Twilio.
    const creds = await s.accounts.requireCredentials(account);
    try {
      const key = await (await s.twilio.get()).fetchKey(creds, ref.keySid);
      return { account, key };
    } catch (e) {
      // A key deleted elsewhere: callers that tidy up (delete) still get to do so.
      if (opts.allowMissing && TwilioApiError.from(e).kind === 'notFound') {
        return { account, key: { sid: ref.keySid, friendlyName: '', type: 'standard' }, missing: true };
      }
      throw e;
    }
  }
  const keys = s.keys.items(account.accountSid);
  if (!keys.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" has no API keys loaded.', account.label));
    throw new Cancelled();
  }
  const suggested = ref.prefill?.keySid;
  const ordered = [...keys.filter((k) => k.sid === suggested), ...keys.filter((k) => k.sid !== suggested)];
  const pick = await vscode.window.showQuickPick(
    ordered.map((k) => ({ label: k.friendlyName || k.sid, description: `${keyTypeLabel(k.type)} · ${k.sid}`, key: k })),
    { title, placeHolder: vscode.l10n.t('Which key?'), matchOnDescription: true, ignoreFocusOut: true },
  );
  if (!pick) throw new Cancelled();
  return { account, key: pick.key };
}

/** "Main", "Standard" or "Restricted" in the user's language (literal calls, so the l10n export finds them). */
export function keyTypeLabel(type: string): string {
  if (type === 'main') return vscode.l10n.t('Main');
  if (type === 'standard') return vscode.l10n.t('Standard');
  if (type === 'restricted') return vscode.l10n.t('Restricted');
  return type;
}
