import * as vscode from 'vscode';
import type { Services } from '../../services/services';
import { TwilioApiError } from '../../core/twilio/errors';
import { Cancelled } from '../../platform/commands';
import { AuthTokenRotationStep, promoteStored, promotionBreaks, RotateAuthTokenResult, tokenAccount } from './rotateAuthToken';
import { argsOf, consent, field, prefill, type Args } from '../../core/util/commandArgs';
import { acceptance, settlementText, settleStoredTokens, StoredTokensCheck, TokenCredentials } from './settleAuthToken';
import type { AccountRecord } from '../../services/model';
import type { Settlement } from './tokenState';

export interface SecondaryArgs {
  accountSid?: string;
  /** Skip the confirmation (this extension's own flows and tests only). */
  confirm?: boolean;
}

/** The waiting-secondary row names its account. */
export const secondaryArgs = argsOf<SecondaryArgs>({ accountSid: prefill(field.string), confirm: consent(field.boolean) });

async function waitingSecondary(s: Services, args: Args<SecondaryArgs>, title: string) {
  const { account, creds } = await tokenAccount(s, args, title);
  await settleUnknownFirst(s, account, creds);
  const secondary = await s.accounts.getSecondaryAuthToken(account.accountSid);
  if (!secondary) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No secondary Auth Token of "{0}" is waiting in this editor.', account.label));
    throw new Cancelled();
  }
  return { account, creds, secondary };
}

/**
 * When an earlier promotion's outcome is not known, neither promoting nor deleting the secondary
 * is safe (it may be the live token): Twilio is asked first. The command goes on only when the
 * secondary is found waiting (Twilio accepts both); otherwise the user is told what the check found.
 */
async function settleUnknownFirst(s: Services, account: AccountRecord, creds: TokenCredentials): Promise<void> {
  if (s.accounts.authTokenState(account.accountSid)?.kind !== 'unknown') return;
  const check = await checkingProgress(account, () => settleStoredTokens(s, account, creds));
  if (!check || check.settlement === 'notPromoted') return;
  await tellCheck(account, check);
  throw new Cancelled();
}

function checkingProgress<T>(account: AccountRecord, work: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking which Auth Token of "{0}" Twilio accepts…', account.label) }, work);
}

/** The outcome of a check: information when settled, a modal warning when both tokens stay. */
async function tellCheck(account: AccountRecord, check: StoredTokensCheck): Promise<void> {
  const text = settlementText(account.label, check);
  if (check.settlement === 'unknown' || check.settlement === 'bothRefused') {
    await vscode.window.showWarningMessage(vscode.l10n.t('The Auth Token of "{0}" is not settled.', account.label), { modal: true, detail: text });
  } else {
    void vscode.window.showInformationMessage(text);
  }
}

export interface CheckAuthTokenArgs {
  accountSid?: string;
}

/** Asks nothing and hands out nothing (GET requests only): the account is a starting answer for anyone else. */
export const checkAuthTokenArgs = argsOf<CheckAuthTokenArgs>({ accountSid: prefill(field.string) });

export interface CheckAuthTokenResult {
  accountSid: string;
  /** With a secondary stored, what the check of both tokens settled; without, Twilio's answer to the stored token. */
  outcome: Settlement | 'accepted' | 'refused';
}

/**
 * Check Auth Token: asks Twilio (GET requests only) which of the account's stored Auth Tokens it
 * accepts, and keeps the one that works: after a promotion whose answer was lost, the secondary
 * becomes the credential or waits again; a secondary Twilio refuses is removed. No question is
 * asked: a token is removed only when Twilio refused it and accepted the other in the same check.
 * Returns no token.
 */
export async function checkAuthToken(s: Services, args: Args<CheckAuthTokenArgs> = {}): Promise<CheckAuthTokenResult | undefined> {
  const { account, creds } = await tokenAccount(s, args, vscode.l10n.t('Check Auth Token'));
  const check = await checkingProgress(account, () => settleStoredTokens(s, account, creds));
  if (check) {
    await tellCheck(account, check);
    return { accountSid: account.accountSid, outcome: check.settlement };
  }
  const only = await checkingProgress(account, async () => acceptance(await s.twilio.get(), creds));
  if (only.answer === 'accepted') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Twilio accepts the stored Auth Token of "{0}".', account.label));
    return { accountSid: account.accountSid, outcome: 'accepted' };
  }
  if (only.answer === 'refused') {
    void vscode.window.showWarningMessage(vscode.l10n.t('Twilio refuses the stored Auth Token of "{0}" ({1}). Use "Update Credentials" with the account’s current Auth Token.', account.label, only.reason ?? ''));
    return { accountSid: account.accountSid, outcome: 'refused' };
  }
  void vscode.window.showWarningMessage(vscode.l10n.t('Could not ask Twilio about the Auth Token of "{0}": {1}', account.label, only.reason ?? ''));
  return { accountSid: account.accountSid, outcome: 'unknown' };
}

/** Promotes the secondary Auth Token left waiting by an earlier rotation (tree or palette). */
export async function promoteSecondaryAuthToken(s: Services, args: Args<SecondaryArgs> = {}): Promise<RotateAuthTokenResult | undefined> {
  const { account, creds, secondary } = await waitingSecondary(s, args, vscode.l10n.t('Promote Secondary Auth Token'));
  if (!args.confirm) {
    const promote = vscode.l10n.t('Promote');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Promote the secondary Auth Token of "{0}"? The old token stops working at once.', account.label),
      {
        modal: true,
        detail: promotionBreaks().join('\n'),
      },
      promote,
    );
    if (choice !== promote) return undefined;
  }
  const result: RotateAuthTokenResult = { accountSid: account.accountSid, promoted: false, envFilesUpdated: [], envFilesNotUpdated: [], stillHardcoded: [] };
  const stop = async (step: AuthTokenRotationStep, state: string) => {
    result.stoppedAt = step;
    result.state = state;
    s.log.warn(`Promotion of the secondary Auth Token of ${account.accountSid} stopped at "${step}": ${state}`);
    await vscode.window.showErrorMessage(vscode.l10n.t('Promotion of the Auth Token of "{0}" stopped.', account.label), { modal: true, detail: state });
    return result;
  };
  return promoteStored(s, account, creds, secondary, result, stop);
}

/** Deletes the waiting secondary Auth Token on Twilio and here; the primary stays as it is. */
export async function deleteSecondaryAuthToken(s: Services, args: Args<SecondaryArgs> = {}): Promise<boolean> {
  const { account, creds } = await waitingSecondary(s, args, vscode.l10n.t('Delete Secondary Auth Token'));
  const secondary = (await s.accounts.getSecondaryAuthToken(account.accountSid))!;
  await s.envIndex.whenReady();
  const users = s.envIndex.referencing(secondary).map((r) => r.file.label);
  if (!args.confirm) {
    const del = vscode.l10n.t('Delete Secondary');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Delete the secondary Auth Token of "{0}"? The current Auth Token stays as it is.', account.label),
      {
        modal: true,
        detail: users.length
          ? vscode.l10n.t('These .env files hold the secondary token and stop working with it: {0}. Put the current Auth Token back in them.', users.join(', '))
          : vscode.l10n.t('Nothing in this workspace’s .env files uses it.'),
      },
      del,
    );
    if (choice !== del) return false;
  }
  const api = await s.twilio.get();
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Deleting the secondary Auth Token of "{0}"…', account.label) }, () =>
      api.deleteSecondaryAuthToken(creds),
    );
  } catch (e) {
    throw TwilioApiError.from(e);
  }
  await s.accounts.forgetSecondaryAuthToken(account.accountSid);
  s.log.info(`Deleted the secondary Auth Token of ${account.accountSid}.`);
  void vscode.window.showInformationMessage(
    users.length
      ? vscode.l10n.t('The secondary Auth Token of "{0}" is deleted. These .env files still hold it and need the current token: {1}', account.label, users.join(', '))
      : vscode.l10n.t('The secondary Auth Token of "{0}" is deleted.', account.label),
  );
  return true;
}
