import * as vscode from 'vscode';
import * as fs from 'fs';
import * as os from 'os';
import type { Services } from '../../services/services';
import { configPath, parseCliConfig, CliProfile } from './cliConfig';
import { connectAccount } from '../accounts/connectAccount';
import { orCancel } from '../../platform/commands';
import { TwilioApiError } from '../../core/twilio/errors';
import { argsOf, consent, field, prefill, type Args } from '../../core/util/commandArgs';

export interface ImportProfilesArgs {
  /** The twilio-cli config.json to read (default: $TWILIO_CONFIG_DIR or ~/.twilio-cli). */
  configPath?: string;
  /** Profile ids to import without asking. */
  profiles?: string[];
}

/** Which file is read is for this extension's own tests only; another caller may suggest profiles, which are ticked. */
export const importProfilesArgs = argsOf<ImportProfilesArgs>({ configPath: consent(field.string), profiles: prefill(field.strings) });

export interface ImportedProfile {
  id: string;
  outcome: 'connected' | 'keyStored' | 'skipped';
  reason?: string;
}

/**
 * Imports twilio-cli profiles: each profile's API key secret goes to SecretStorage, under its
 * account (connecting the account when the key can manage keys, i.e. a Main key, or after asking
 * for the account's credentials). The CLI's file is only ever read.
 */
export async function importCliProfiles(s: Services, args: Args<ImportProfilesArgs> = {}): Promise<ImportedProfile[] | undefined> {
  const file = args.configPath ?? configPath(process.env, os.homedir());
  let text: string;
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    void vscode.window.showWarningMessage(
      missing
        ? vscode.l10n.t('No twilio-cli configuration at {0}. Log in with "twilio login" first, or set TWILIO_CONFIG_DIR.', file)
        : vscode.l10n.t('Could not read {0}: {1}', file, (e as Error).message),
    );
    return undefined;
  }
  const parsed = parseCliConfig(text);
  if (!parsed.ok) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} could not be read as a twilio-cli configuration: {1}', file, parsed.message));
    return undefined;
  }
  const profiles = parsed.config.profiles;
  if (!profiles.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} lists no profiles.', file));
    return [];
  }
  let chosen: CliProfile[];
  if (args.profiles) {
    chosen = profiles.filter((p) => args.profiles!.includes(p.id));
  } else {
    const picks = orCancel(
      await vscode.window.showQuickPick(
        profiles.map((p) => ({
          label: p.id + (p.active ? ' ' + vscode.l10n.t('(active)') : ''),
          description: [p.accountSid, p.region, p.edge].filter(Boolean).join(' · '),
          detail: p.problems.length ? p.problems.join(' ') : p.apiKey ? vscode.l10n.t('API key {0}', p.apiKey) : undefined,
          picked: args.prefill?.profiles ? args.prefill.profiles.includes(p.id) : p.active && p.secretInFile,
          profile: p,
        })),
        { title: vscode.l10n.t('Import twilio-cli Profiles'), placeHolder: vscode.l10n.t('Profiles to import (the CLI\'s file is not changed)'), canPickMany: true, ignoreFocusOut: true },
      ),
    );
    chosen = picks.map((p) => p.profile);
  }
  const results: ImportedProfile[] = [];
  for (const p of chosen) results.push(await importOne(s, p));
  const done = results.filter((r) => r.outcome !== 'skipped').length;
  const skipped = results.filter((r) => r.outcome === 'skipped');
  void vscode.window.showInformationMessage(
    skipped.length
      ? vscode.l10n.t('Imported {0} profile(s); skipped {1}: {2}', done, skipped.length, skipped.map((r) => `${r.id} (${r.reason})`).join('; '))
      : vscode.l10n.t('Imported {0} profile(s).', done),
  );
  return results;
}

async function importOne(s: Services, p: CliProfile): Promise<ImportedProfile> {
  if (!p.accountSid || !p.apiKey || !p.apiSecret || !p.secretInFile) {
    return { id: p.id, outcome: 'skipped', reason: p.problems[0] ?? vscode.l10n.t('its key secret is not in the file') };
  }
  s.log.protect(p.apiSecret);
  const creds = { accountSid: p.accountSid, auth: { kind: 'apiKey' as const, keySid: p.apiKey, keySecret: p.apiSecret }, region: p.region, edge: p.edge };
  const api = await s.twilio.get();
  let check;
  try {
    check = await api.checkCredentials(creds);
  } catch (e) {
    return { id: p.id, outcome: 'skipped', reason: TwilioApiError.from(e).message };
  }
  if (!check.valid) return { id: p.id, outcome: 'skipped', reason: check.reason };
  if (!s.accounts.get(p.accountSid)) {
    if (check.canManageKeys) {
      await connectAccount(s, { label: `twilio-cli: ${p.id}`, accountSid: p.accountSid, apiKeySid: p.apiKey, apiKeySecret: p.apiSecret, region: p.region ?? 'us1', edge: p.edge });
      return { id: p.id, outcome: s.accounts.get(p.accountSid) ? 'connected' : 'skipped', reason: s.accounts.get(p.accountSid) ? undefined : vscode.l10n.t('not connected') };
    }
    // A Standard key (what `twilio login` creates) cannot list keys: the account needs its own credentials.
    const connect = vscode.l10n.t('Connect Account');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('Profile "{0}" uses a Standard key, which cannot manage keys. Connect account {1} with its Auth Token or a Main key, and the profile\'s key secret is stored under it.', p.id, p.accountSid),
      connect,
    );
    if (choice !== connect) return { id: p.id, outcome: 'skipped', reason: vscode.l10n.t('the account is not connected') };
    const sid = await connectAccount(s, { label: `twilio-cli: ${p.id}`, accountSid: p.accountSid, region: p.region, edge: p.edge });
    if (!sid) return { id: p.id, outcome: 'skipped', reason: vscode.l10n.t('the account is not connected') };
  }
  await s.accounts.storeKeySecret(p.accountSid, p.apiKey, p.apiSecret);
  s.log.info(`Imported the key ${p.apiKey} of twilio-cli profile "${p.id}".`);
  return { id: p.id, outcome: 'keyStored' };
}
