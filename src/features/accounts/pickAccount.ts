import * as vscode from 'vscode';
import type { AccountStore } from '../../services/accountStore';
import type { AccountRecord } from '../../services/model';
import { Cancelled } from '../../platform/commands';
import { Command } from '../../core/util/commandIds';
import type { AccountRef, Args } from '../../core/util/commandArgs';

/**
 * The account a command acts on: the one named, the only one, or the user's pick (an account
 * another caller suggested comes first). Offers to connect when there is none. A subaccount named
 * by its row is recorded if it is not yet (its row may never have been expanded).
 */
export async function pickAccount(accounts: AccountStore, named?: string | Args<AccountRef>, title?: string): Promise<AccountRecord> {
  const { accountSid, subaccount, prefill } = typeof named === 'string' ? { accountSid: named, subaccount: undefined, prefill: undefined } : (named ?? {});
  if (accountSid) {
    const record = accounts.get(accountSid) ?? (subaccount && accounts.get(subaccount.parentSid) ? await accounts.ensureSubaccount(subaccount.parentSid, { sid: accountSid, friendlyName: subaccount.friendlyName }) : undefined);
    if (!record) throw new Error(vscode.l10n.t('No connected account has the SID {0}.', accountSid));
    return record;
  }
  const list = accounts.roots();
  if (list.length === 1) return list[0];
  if (!list.length) {
    const connect = vscode.l10n.t('Connect Account');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Connect a Twilio account first.'), connect);
    if (choice === connect) void vscode.commands.executeCommand(Command.connectAccount);
    throw new Cancelled();
  }
  const suggested = prefill?.accountSid;
  const ordered = [...list.filter((a) => a.accountSid === suggested), ...list.filter((a) => a.accountSid !== suggested)];
  const pick = await vscode.window.showQuickPick(
    ordered.map((a) => ({ label: a.label, description: a.accountSid, detail: a.friendlyName, account: a })),
    { title, placeHolder: vscode.l10n.t('Which account?'), ignoreFocusOut: true },
  );
  if (!pick) throw new Cancelled();
  return pick.account;
}
