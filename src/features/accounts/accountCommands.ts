import * as vscode from 'vscode';
import type { Services } from '../../services/services';
import { pickAccount } from './pickAccount';
import { connectAccount, connectFields, ConnectArgs } from './connectAccount';
import { agree } from '../../platform/commands';
import { argsOf, consent, field, prefill, type AccountRef, type Args } from '../../core/util/commandArgs';
import { findEnvironmentCredentials, FoundCredentials } from './environmentCredentials';

export interface DisconnectArgs extends AccountRef {
  /** Skip the confirmation (this extension's own flows and tests only). */
  confirm?: boolean;
}

export const disconnectArgs = argsOf<DisconnectArgs>({ accountSid: prefill(field.string), confirm: consent(field.boolean) });

/** Removes an account and every secret stored for it. */
export async function disconnectAccount(s: Services, args: Args<DisconnectArgs> = {}): Promise<boolean> {
  const account = await pickAccount(s.accounts, { accountSid: args.accountSid, prefill: args.prefill }, vscode.l10n.t('Disconnect Account'));
  if (!args.confirm) {
    const stored = account.storedKeySids.length;
    const agreed = await agree({
      message: vscode.l10n.t('Disconnect "{0}" ({1})?', account.label, account.accountSid),
      detail:
        stored > 0
          ? vscode.l10n.t('Its credentials and the {0} key secret(s) stored in this editor are removed from secret storage. Keys on Twilio are not deleted; .env files are not changed.', stored)
          : vscode.l10n.t('Its credentials are removed from secret storage. Keys on Twilio are not deleted; .env files are not changed.'),
      verb: vscode.l10n.t('Disconnect'),
    });
    if (!agreed) return false;
  }
  await s.accounts.disconnect(account.accountSid);
  s.keys.forget(account.accountSid);
  s.log.info(`Disconnected ${account.accountSid}.`);
  return true;
}

/** Update Credentials takes Connect's answers; a tree row names the account. */
export const updateCredentialsArgs = argsOf(connectFields);

/** Re-enters the credentials of an account whose credentials stopped working. */
export async function updateCredentials(s: Services, args: Args<ConnectArgs> = {}): Promise<string | undefined> {
  const account = await pickAccount(s.accounts, { accountSid: args.accountSid, prefill: args.prefill }, vscode.l10n.t('Update Credentials'));
  return connectAccount(s, { label: account.label, region: account.region ?? 'us1', edge: account.edge, ...args, accountSid: account.accountSid });
}

/**
 * Offers to connect credentials found in the environment or a workspace .env file, always asking
 * first. `quiet` is for the automatic offer: no message when nothing is found.
 */
export async function connectFromEnvironment(s: Services, quiet = false): Promise<string | undefined> {
  await s.envIndex.whenReady();
  const found = findEnvironmentCredentials(process.env, s.envIndex.all(), { workspaceTrusted: vscode.workspace.isTrusted }).filter((f) => !s.accounts.get(f.accountSid));
  if (!found.length) {
    if (!quiet) void vscode.window.showInformationMessage(vscode.l10n.t('No Twilio credentials (TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN or TWILIO_API_KEY/TWILIO_API_SECRET) were found in the environment or workspace .env files.'));
    return undefined;
  }
  let chosen: FoundCredentials | undefined = found[0];
  if (found.length > 1 || quiet) {
    const connect = vscode.l10n.t('Connect');
    if (found.length === 1) {
      const choice = await vscode.window.showInformationMessage(
        vscode.l10n.t('Twilio credentials for {0} were found in {1}. Connect this account?', found[0].accountSid, found[0].source),
        connect,
      );
      if (choice !== connect) return undefined;
    } else {
      chosen = (
        await vscode.window.showQuickPick(
          found.map((f) => ({ label: f.accountSid, description: f.source, detail: f.auth === 'authToken' ? 'Auth Token' : `API key ${f.apiKeySid}`, f })),
          { title: vscode.l10n.t('Connect Account from Environment'), placeHolder: vscode.l10n.t('Credentials found: which account?') },
        )
      )?.f;
    }
  } else {
    const connect = vscode.l10n.t('Connect');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('Connect {0} with the credentials found in {1}?', found[0].accountSid, found[0].source),
      connect,
    );
    if (choice !== connect) return undefined;
  }
  if (!chosen) return undefined;
  return connectAccount(s, {
    accountSid: chosen.accountSid,
    label: '', // Twilio's own name for the account, once verified
    authToken: chosen.authToken,
    apiKeySid: chosen.apiKeySid,
    apiKeySecret: chosen.apiKeySecret,
    region: chosen.region ?? 'us1',
    edge: chosen.edge,
  });
}
