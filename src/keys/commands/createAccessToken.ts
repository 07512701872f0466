import * as vscode from 'vscode';
import type { Services } from '../../services/services';
import type { AccessTokenGrants } from '../../twilio/types';
import { pickAccount } from '../../accounts/pickAccount';
import { keySecretHeld } from '../../accounts/model';
import { orCancel, Cancelled } from '../../util/commands';
import { keyTypeLabel } from '../treeItems';

export interface CreateAccessTokenArgs {
  accountSid?: string;
  keySid?: string;
  identity?: string;
  ttlSeconds?: number;
  grants?: AccessTokenGrants;
  /** What to do with the token: copy it, or insert it at the cursor. */
  output?: 'copy' | 'insert';
}

const TITLE = () => vscode.l10n.t('Create Access Token');
const SERVICE_SID = /^IS[0-9a-fA-F]{32}$/;
const APP_SID = /^AP[0-9a-fA-F]{32}$/;

/**
 * Builds an Access Token (JWT) for Twilio's client-side SDKs with a key whose secret this editor
 * holds, using the library's jwt.AccessToken. Returns the key SID and expiry, never the token.
 */
export async function createAccessToken(s: Services, arg?: unknown): Promise<{ keySid: string; expiresAt: string; output: string } | undefined> {
  const args = (arg && typeof arg === 'object' && !('kind' in arg) ? arg : {}) as CreateAccessTokenArgs;
  const treeKey = arg && typeof arg === 'object' && 'kind' in arg ? (arg as { account?: { accountSid: string }; key?: { sid: string } }) : undefined;
  const account = await pickAccount(s.accounts, args.accountSid ?? treeKey?.account?.accountSid, TITLE());
  await s.keys.load(account.accountSid);
  const keySid = args.keySid ?? treeKey?.key?.sid ?? (await pickSigningKey(s, account.accountSid));
  const key = s.keys.findKey(account.accountSid, keySid);
  if (key?.type === 'restricted') {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('"{0}" is a Restricted key. Twilio does not allow restricted keys to sign Access Tokens: use a Standard key (create one with "Create API Key").', key.friendlyName || key.sid),
    );
    return undefined;
  }
  const secret = await s.accounts.heldKeySecret(account, keySid);
  if (!secret) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('The secret of {0} is not stored in this editor, so it cannot sign tokens. Create a key here (its secret is stored) and use that one.', keySid),
    );
    return undefined;
  }
  const identity = args.identity ?? orCancel(
    await vscode.window.showInputBox({
      title: `${TITLE()} (1/3)`,
      prompt: vscode.l10n.t('Identity of the user the token is for (e.g. alice)'),
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter an identity.')),
    }),
  ).trim();
  const ttlSeconds = args.ttlSeconds ?? orCancel(
    await vscode.window.showQuickPick(
      [
        { label: vscode.l10n.t('1 hour'), ttl: 3600 },
        { label: vscode.l10n.t('5 minutes'), ttl: 300 },
        { label: vscode.l10n.t('6 hours'), ttl: 6 * 3600 },
        { label: vscode.l10n.t('24 hours (the maximum)'), ttl: 24 * 3600 },
      ],
      { title: `${TITLE()} (2/3)`, placeHolder: vscode.l10n.t('Lifetime'), ignoreFocusOut: true },
    ),
  ).ttl;
  const grants = args.grants ?? (await pickGrants());

  const api = await s.twilio.get();
  const token = api.createAccessToken({ accountSid: account.accountSid, keySid, keySecret: secret, identity, ttlSeconds, grants });
  s.log.protect(token);
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000).toISOString();
  const output = args.output ?? (vscode.window.activeTextEditor ? await askOutput() : 'copy');
  if (output === 'insert' && vscode.window.activeTextEditor) {
    const editor = vscode.window.activeTextEditor;
    await editor.edit((e) => e.replace(editor.selection, token));
  } else {
    await vscode.env.clipboard.writeText(token);
    void vscode.window.showInformationMessage(vscode.l10n.t('Access Token for "{0}" copied; it expires at {1}.', identity, expiresAt));
  }
  s.log.info(`Created an Access Token for identity "${identity}" with key ${keySid}, ttl ${ttlSeconds} s, grants ${Object.keys(grants).join(', ')}.`);
  return { keySid, expiresAt, output };
}

async function pickSigningKey(s: Services, accountSid: string): Promise<string> {
  const account = s.accounts.get(accountSid)!;
  const usable = s.keys
    .keys(accountSid)
    .filter((k) => keySecretHeld(account, k.sid));
  if (!usable.length) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('No key of "{0}" has its secret stored in this editor. Create a Standard key here first: its secret is stored and can sign tokens.', account.label),
    );
    throw new Cancelled();
  }
  const pick = await vscode.window.showQuickPick(
    usable.map((k) => ({ label: k.friendlyName || k.sid, description: `${keyTypeLabel(k.type)} · ${k.sid}`, sid: k.sid })),
    { title: TITLE(), placeHolder: vscode.l10n.t('Sign with which key? (only keys whose secret is stored here)'), ignoreFocusOut: true },
  );
  return orCancel(pick).sid;
}

async function pickGrants(): Promise<AccessTokenGrants> {
  const picks = orCancel(
    await vscode.window.showQuickPick(
      [
        { label: 'Voice', description: vscode.l10n.t('calls from the Voice SDK'), id: 'voice' as const },
        { label: 'Video', description: vscode.l10n.t('join Video rooms'), id: 'video' as const },
        { label: 'Conversations / Chat', description: vscode.l10n.t('a Conversations service'), id: 'chat' as const },
        { label: 'Sync', description: vscode.l10n.t('a Sync service'), id: 'sync' as const },
      ],
      { title: `${TITLE()} (3/3)`, placeHolder: vscode.l10n.t('Grants'), canPickMany: true, ignoreFocusOut: true },
    ),
  );
  if (!picks.length) throw new Error(vscode.l10n.t('Choose at least one grant.'));
  const grants: AccessTokenGrants = {};
  for (const p of picks) {
    if (p.id === 'voice') {
      const app = orCancel(
        await vscode.window.showInputBox({
          title: 'Voice',
          prompt: vscode.l10n.t('TwiML App SID for outgoing calls (AP…), or empty for none'),
          ignoreFocusOut: true,
          validateInput: (v) => (!v.trim() || APP_SID.test(v.trim()) ? undefined : vscode.l10n.t('A TwiML App SID is AP followed by 32 hex characters.')),
        }),
      ).trim();
      const incoming = orCancel(await vscode.window.showQuickPick([vscode.l10n.t('Allow incoming calls'), vscode.l10n.t('Outgoing only')], { title: 'Voice' }));
      grants.voice = { outgoingApplicationSid: app || undefined, incomingAllow: incoming === vscode.l10n.t('Allow incoming calls') };
    } else if (p.id === 'video') {
      const room = orCancel(await vscode.window.showInputBox({ title: 'Video', prompt: vscode.l10n.t('Room name, or empty for any room'), ignoreFocusOut: true })).trim();
      grants.video = { room: room || undefined };
    } else {
      const serviceSid = orCancel(
        await vscode.window.showInputBox({
          title: p.label,
          prompt: vscode.l10n.t('Service SID (IS…)'),
          ignoreFocusOut: true,
          validateInput: (v) => (SERVICE_SID.test(v.trim()) ? undefined : vscode.l10n.t('A service SID is IS followed by 32 hex characters.')),
        }),
      ).trim();
      grants[p.id] = { serviceSid };
    }
  }
  return grants;
}

async function askOutput(): Promise<'copy' | 'insert'> {
  const insert = vscode.l10n.t('Insert at Cursor');
  const copy = vscode.l10n.t('Copy');
  const choice = await vscode.window.showQuickPick([copy, insert], { title: TITLE(), placeHolder: vscode.l10n.t('The token is ready') });
  if (!choice) throw new Cancelled();
  return choice === insert ? 'insert' : 'copy';
}
