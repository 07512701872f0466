import * as vscode from 'vscode';
import * as os from 'os';
import type { Services } from '../../../services/services';
import { pickAccount } from '../../accounts/pickAccount';
import { runSteps, StepPrompts } from '../../../platform/multiStepInput';
import type { AccountRecord } from '../../../services/model';
import { CREATE_KEY_STEPS, CreateKeyArgs, CreateKeyState, CreateKeyStepName, createKeyState } from './keySteps';
import { validateFriendlyName } from '../../../core/validation/credentials';
import { permissionCatalogue, validatePermissions } from '../permissions';
import { restrictedUnavailable, type KeySpec, type MintedKey } from '../../../services/keyLifecycle';
import { argsOf, consent, field, prefill, type Args } from '../../../core/util/commandArgs';
import { agree } from '../../../platform/commands';
import { keyTypeLabel } from './keyRef';
import { MAX_FRIENDLY_NAME, MAX_PERMISSIONS, restrictedKeysAvailable } from '../../../core/twilio/types';
import { defaultKeyName } from '../keyNames';

export type { CreateKeyArgs };

export const createKeyArgs = argsOf<CreateKeyArgs>({
  accountSid: prefill(field.string),
  friendlyName: prefill(field.string),
  type: prefill(field.oneOf('standard', 'restricted')),
  permissions: prefill(field.strings),
  envFile: consent(field.string),
  then: consent(field.oneOf('env', 'copy', 'done')),
  confirm: consent(field.boolean),
});

export interface CreateKeyResult {
  accountSid: string;
  keySid: string;
  secretStored: boolean;
  envFile?: string;
}

const TITLE = () => vscode.l10n.t('Create API Key');

/**
 * Creates a key after a modal that says what will be created (unless this extension's own caller
 * asked already); its secret goes to SecretStorage at once and is never lost on any path (the key
 * lifecycle).
 */
export async function createKey(s: Services, args: Args<CreateKeyArgs> = {}): Promise<CreateKeyResult | undefined> {
  checkKeyArgs(args);
  const account = await pickAccount(s.accounts, args, TITLE());
  const spec = await keySpec(account, args);
  if (!args.confirm && !(await agree(creation(account, spec, args.envFile)))) return undefined;
  return s.lifecycle.mint(account, spec, (minted) => offerSecret(minted, args));
}

/**
 * What the modal before a key is created says (Create API Key, Replace Auth Token with API Key,
 * the sign-in of another extension): its type, name, account and permissions, a `.env` it goes to,
 * and what the calling flow does next (`also`).
 */
export function creation(account: AccountRecord, spec: KeySpec, envFile: string | undefined, also: string[] = []) {
  const lines = [vscode.l10n.t('Twilio sends its secret once, in its answer: it goes to this editor\'s secret storage at once.')];
  if (spec.type === 'restricted') lines.unshift(vscode.l10n.t('Permissions: {0}', listed(spec.permissions)));
  if (envFile) lines.push(vscode.l10n.t('Then its SID and secret are written to {0}.', vscode.workspace.asRelativePath(envFile)));
  lines.push(...also);
  return {
    message: vscode.l10n.t('Create the {0} API key "{1}" on "{2}" ({3})?', keyTypeLabel(spec.type), spec.friendlyName, account.label, account.accountSid),
    detail: lines.join('\n'),
    verb: vscode.l10n.t('Create Key'),
  };
}

/** At most five, then how many more. */
function listed(items: string[]): string {
  return items.length > 5 ? vscode.l10n.t('{0} and {1} more', items.slice(0, 5).join(', '), items.length - 5) : items.join(', ');
}

/** The name, type and permissions given as arguments, checked before anything is asked. */
export function checkKeyArgs(args: Args<CreateKeyArgs>): void {
  if (args.friendlyName !== undefined) {
    const m = validateFriendlyName(args.friendlyName);
    if (m) throw new Error(m);
  }
  if (args.type && args.type !== 'standard' && args.type !== 'restricted') throw new Error(vscode.l10n.t('type must be "standard" or "restricted".'));
  if (args.permissions) {
    const m = validatePermissions(args.permissions);
    if (m) throw new Error(m);
  }
}

/**
 * The key the arguments (checked) and the user's answers describe for this account: the steps
 * the arguments do not cover are asked (Replace Auth Token with API Key asks the same way).
 */
export async function keySpec(account: AccountRecord, args: Args<CreateKeyArgs>): Promise<KeySpec> {
  // Restricted keys exist in US1 only: elsewhere say so instead of offering a choice that fails.
  if (!restrictedKeysAvailable(account.region) && (args.type === 'restricted' || args.permissions)) {
    throw new Error(restrictedUnavailable(account.region));
  }
  return askKeyDetails(account, args);
}

/** Once the secret is stored: write it to a .env, copy it, or nothing, as asked or as the user says. */
async function offerSecret(minted: MintedKey, args: Args<CreateKeyArgs>): Promise<CreateKeyResult> {
  const { accountSid, key } = minted;
  const result: CreateKeyResult = { accountSid, keySid: key.sid, secretStored: minted.stored };
  // Not stored: the lifecycle hands the secret to the user as soon as this returns.
  if (!minted.stored) return result;
  const then = args.envFile ? 'env' : args.then ?? (await askWhatNext(key.friendlyName));
  if (then === 'env') {
    // Agreed: the creation modal named the file, or the user answered "Write to .env" in a modal.
    const outcome = await minted.writeToEnv({ envFile: args.envFile, agreed: true });
    if (outcome.ok) {
      result.envFile = outcome.uri.fsPath;
      void vscode.window.showInformationMessage(vscode.l10n.t('Key "{0}" written to {1}.', key.friendlyName, vscode.workspace.asRelativePath(outcome.uri)));
    }
  } else if (then === 'copy') {
    await vscode.env.clipboard.writeText(minted.secret);
    void vscode.window.showInformationMessage(vscode.l10n.t('Secret of "{0}" copied. It stays available from the key\'s context menu.', key.friendlyName));
  }
  return result;
}

/** A modal: the secret leaves secret storage only when the user answers it. Closing it keeps the secret there only. */
async function askWhatNext(name: string): Promise<'env' | 'copy' | 'done'> {
  const env = vscode.l10n.t('Write to .env');
  const copy = vscode.l10n.t('Copy Secret');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('Key "{0}" created. Its secret is stored in this editor\'s secret storage.', name),
    {
      modal: true,
      detail: vscode.l10n.t('Write it to a .env file you choose next, or copy the secret: anything that reads the clipboard (another app or extension) can read it there. Close this to keep it in secret storage only; it stays available from the key\'s context menu.'),
    },
    env,
    copy,
  );
  return choice === env ? 'env' : choice === copy ? 'copy' : 'done';
}

/** The name, type and permissions of the key, as one flow with Back; the arguments answer the steps they cover. */
export async function askKeyDetails(account: AccountRecord, args: Args<CreateKeyArgs>): Promise<KeySpec> {
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
