import * as vscode from 'vscode';
import type { AccountStore } from './accountStore';
import type { AccountRecord } from './model';
import { Cancelled } from '../util/commands';
import { Command } from '../util/commandIds';

/**
 * The account a command acts on: the one named, the only one, or the user's pick.
 * Offers to connect when there is none.
 */
export async function pickAccount(accounts: AccountStore, accountSid?: string, title?: string): Promise<AccountRecord> {
  if (accountSid) {
    const record = accounts.get(accountSid);
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
  const pick = await vscode.window.showQuickPick(
    list.map((a) => ({ label: a.label, description: a.accountSid, detail: a.friendlyName, account: a })),
    { title, placeHolder: vscode.l10n.t('Which account?'), ignoreFocusOut: true },
  );
  if (!pick) throw new Cancelled();
  return pick.account;
}
