import * as vscode from 'vscode';
import * as os from 'os';
import type { Services } from '../../../services/services';
import { pickAccount } from '../../accounts/pickAccount';
import { errorMessage } from '../../../platform/commands';
import { runSteps, StepPrompts } from '../../../platform/multiStepInput';
import type { AccountRecord } from '../../../services/model';
import { CREATE_KEY_STEPS, CreateKeyArgs, CreateKeyState, CreateKeyStepName, createKeyState } from './keySteps';
import { keyEnvEdits } from '../../../workspace/dotenv/keyEdits';
import { validateFriendlyName } from '../../../core/validation/credentials';
import { permissionCatalogue, validatePermissions } from '../permissions';
import { handOffUnstoredSecret } from '../secretHandoff';
import type { ApiKey, CreatedKey } from '../../../core/twilio/types';
import { TwilioApiError } from '../../../core/twilio/errors';
import { Command } from '../../../core/util/commandIds';
import { argsOf, field } from '../../../core/util/commandArgs';
import { MAX_FRIENDLY_NAME, MAX_PERMISSIONS, restrictedKeysAvailable, stripSecret } from '../../../core/twilio/types';
import { defaultKeyName } from '../keyNames';

export type { CreateKeyArgs };

export const createKeyArgs = argsOf<CreateKeyArgs>({
  accountSid: field.string,
  friendlyName: field.string,
  type: field.oneOf('standard', 'restricted'),
  permissions: field.strings,
  envFile: field.string,
  then: field.oneOf('env', 'copy', 'done'),
});

export interface CreateKeyResult {
  accountSid: string;
  keySid: string;
  secretStored: boolean;
  envFile?: string;
}

const TITLE = () => vscode.l10n.t('Create API Key');

/** Creates a key; its secret goes to SecretStorage at once and is never lost on any path. */
export async function createKey(s: Services, args: CreateKeyArgs = {}): Promise<CreateKeyResult | undefined> {
  if (args.friendlyName !== undefined) {
    const m = validateFriendlyName(args.friendlyName);
    if (m) throw new Error(m);
  }
  if (args.type && args.type !== 'standard' && args.type !== 'restricted') throw new Error(vscode.l10n.t('type must be "standard" or "restricted".'));
  if (args.permissions) {
    const m = validatePermissions(args.permissions);
    if (m) throw new Error(m);
  }
  const account = await pickAccount(s.accounts, args, TITLE());
  // Restricted keys exist in US1 only: elsewhere say so instead of offering a choice that fails.
  if (!restrictedKeysAvailable(account.region) && (args.type === 'restricted' || args.permissions)) {
    throw new Error(restrictedUnavailable(account.region));
  }
  const { friendlyName, type, permissions } = await askKeyDetails(account, args);

  const creds = await s.accounts.requireCredentials(account);
  const api = await s.twilio.get();
  // Not cancellable once sent: Twilio may create the key even if we stop listening, and its
  // secret exists only in this response.
  const askedAt = Date.now();
  let key: CreatedKey;
  try {
    key = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Creating API key "{0}"…', friendlyName) },
      () => api.createKey(creds, type === 'restricted' ? { friendlyName, type, permissions } : { friendlyName, type: 'standard' }),
    );
  } catch (e) {
    const err = TwilioApiError.from(e);
    if (err.outcomeUnknown && (await reconcileLostCreate(s, account.accountSid, friendlyName, askedAt, err))) return undefined;
    throw err;
  }
  s.log.protect(key.secret);
  s.keys.upsert(account.accountSid, stripSecret(key));
  const edits = keyEnvEdits(account.accountSid, key.sid, key.secret);

  let secretStored = true;
  try {
    await s.accounts.storeKeySecret(account.accountSid, key.sid, key.secret);
  } catch (e) {
    secretStored = false;
    s.log.error(`Storing the secret of ${key.sid} failed`, e);
    await handOffUnstoredSecret(key.secret, friendlyName, errorMessage(e), s.envWriter, edits);
  }
  s.log.info(`Created ${type} key ${key.sid} "${friendlyName}" on ${account.accountSid}; secret ${secretStored ? 'stored in SecretStorage' : 'NOT stored'}.`);

  let envFile: string | undefined;
  if (secretStored) {
    const then = args.envFile ? 'env' : args.then ?? (await askWhatNext(friendlyName));
    if (then === 'env') {
      const outcome = await s.envWriter.pickAndWrite(edits, { envFile: args.envFile });
      if (outcome.ok) {
        envFile = outcome.uri.fsPath;
        void s.envIndex.refresh(outcome.uri);
        void vscode.window.showInformationMessage(vscode.l10n.t('Key "{0}" written to {1}.', friendlyName, vscode.workspace.asRelativePath(outcome.uri)));
      }
    } else if (then === 'copy') {
      await vscode.env.clipboard.writeText(key.secret);
      void vscode.window.showInformationMessage(vscode.l10n.t('Secret of "{0}" copied. It stays available from the key\'s context menu.', friendlyName));
    }
  }
  return { accountSid: account.accountSid, keySid: key.sid, secretStored, envFile };
}

/**
 * The create request was sent but its answer never arrived: Twilio may have made the key. Look
 * for a key of that name created since we asked; its secret is lost for good, so offer to delete it.
 */
async function reconcileLostCreate(s: Services, accountSid: string, friendlyName: string, askedAt: number, cause: TwilioApiError): Promise<boolean> {
  const creds = await s.accounts.credentials(accountSid);
  if (!creds) return false;
  let orphans: ApiKey[] = [];
  try {
    const api = await s.twilio.get();
    let page = await api.listKeys(creds, { pageSize: 1000 });
    const found = (p: typeof page) =>
      p.keys.filter((k) => k.friendlyName === friendlyName && (!k.dateCreated || k.dateCreated.getTime() >= askedAt - 60_000));
    orphans = found(page);
    while (!orphans.length && page.hasMore) {
      page = await page.next();
      orphans = found(page);
    }
  } catch (e) {
    s.log.error('Looking for a key whose creation answer was lost failed', e);
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Creating "{0}" may have succeeded without an answer ({1}). Refresh the list: a key of that name created now has a secret that cannot be recovered and should be deleted.', friendlyName, cause.message),
    );
    return true;
  }
  if (!orphans.length) {
    s.log.info(`The answer to creating "${friendlyName}" was lost, and no such key exists: nothing was created.`);
    return false;
  }
  for (const k of orphans) s.keys.upsert(accountSid, k);
  const del = vscode.l10n.t('Delete It');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Twilio created the key "{0}" ({1}), but the answer carrying its secret was lost.', friendlyName, orphans.map((k) => k.sid).join(', ')),
    {
      modal: true,
      detail: vscode.l10n.t('A key secret is sent only once, so this key can never be used. Delete it and create a new one.'),
    },
    del,
  );
  if (choice === del) {
    for (const k of orphans) await vscode.commands.executeCommand(Command.deleteKey, { accountSid, keySid: k.sid, confirm: true });
  }
  return true;
}

/** Why a Restricted key cannot be offered for an account in `region`. */
export function restrictedUnavailable(region: string | undefined): string {
  return vscode.l10n.t('Key type: Standard. Restricted keys exist only in Twilio’s United States (US1) region, and this account is in {0}.', region ?? 'us1');
}

async function askWhatNext(name: string): Promise<'env' | 'copy' | 'done'> {
  const env = vscode.l10n.t('Write to .env');
  const copy = vscode.l10n.t('Copy Secret');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('Key "{0}" created. Its secret is stored in this editor\'s secret storage.', name),
    env,
    copy,
  );
  return choice === env ? 'env' : choice === copy ? 'copy' : 'done';
}

/** The name, type and permissions of the key, as one flow with Back; the arguments answer the steps they cover. */
export async function askKeyDetails(
  account: AccountRecord,
  args: CreateKeyArgs,
): Promise<{ friendlyName: string; type: 'standard'; permissions?: undefined } | { friendlyName: string; type: 'restricted'; permissions: string[] }> {
  const run: Record<CreateKeyStepName, (p: StepPrompts, st: CreateKeyState) => Promise<void>> = {
    name: (p, st) => askName(p, st, account.label),
    type: (p, st) => askType(p, st, account.region),
    permissions: askPermissions,
  };
  const st = await runSteps(TITLE(), CREATE_KEY_STEPS.map((step) => ({ ...step, run: run[step.name] })), createKeyState(args));
  const friendlyName = st.friendlyName!;
  return st.type === 'restricted' ? { friendlyName, type: 'restricted', permissions: st.permissions! } : { friendlyName, type: 'standard' };
}

async function askName(p: StepPrompts, st: CreateKeyState, accountLabel: string): Promise<void> {
  st.friendlyName = (
    await p.input({
      detail: accountLabel,
      prompt: vscode.l10n.t('A name that says where the key is used (at most {0} characters)', MAX_FRIENDLY_NAME),
      value: st.friendlyName ?? defaultKeyName(vscode.workspace.name, os.hostname()),
      validate: validateFriendlyName,
    })
  ).trim();
}

async function askType(p: StepPrompts, st: CreateKeyState, region: string | undefined): Promise<void> {
  const restrictedHere = restrictedKeysAvailable(region);
  const pick = await p.pick(
    [
      { label: vscode.l10n.t('Standard'), description: vscode.l10n.t('access to all Twilio APIs except managing keys and accounts'), type: 'standard' as const },
      ...(restrictedHere
        ? [{ label: vscode.l10n.t('Restricted'), description: vscode.l10n.t('only the permissions you choose (least privilege)'), type: 'restricted' as const }]
        : []),
    ],
    { detail: st.friendlyName, placeholder: restrictedHere ? vscode.l10n.t('Key type') : restrictedUnavailable(region), chosen: (i) => i.type === st.type },
  );
  st.type = pick.type;
}

async function askPermissions(p: StepPrompts, st: CreateKeyState): Promise<void> {
  const picks = await p.pickMany(
    permissionCatalogue().map((c) => ({ label: c.permission, description: c.label, detail: c.description, permission: c.permission })),
    {
      detail: st.friendlyName,
      placeholder: vscode.l10n.t('Permissions of the restricted key (at most {0})', MAX_PERMISSIONS),
      matchOnDescription: true,
      matchOnDetail: true,
      chosen: (i) => !!st.permissions?.includes(i.permission),
    },
  );
  const permissions = picks.map((c) => c.permission);
  const m = validatePermissions(permissions);
  if (m) throw new Error(m);
  st.permissions = permissions;
}
