import * as vscode from 'vscode';
import * as os from 'os';
import type { Services } from '../../../services/services';
import type { AccessTokenGrants } from '../../../core/twilio/types';
import { pickAccount } from '../../accounts/pickAccount';
import { holdsKeySecret, type AccountRecord } from '../../../services/model';
import type { KeySpec } from '../../../services/keyLifecycle';
import { defaultKeyName } from '../keyNames';
import { agree, orCancel, Cancelled } from '../../../platform/commands';
import { runSteps, StepPrompts } from '../../../platform/multiStepInput';
import { ACCESS_TOKEN_STEPS, CreateAccessTokenArgs, AccessTokenState, AccessTokenStepName, accessTokenState, grantsOf } from './keySteps';
import { keyTypeLabel } from './keyRef';
import { argsOf, consent, field, prefill, type Args } from '../../../core/util/commandArgs';

export type { CreateAccessTokenArgs };

export const createAccessTokenArgs = argsOf<CreateAccessTokenArgs>({
  accountSid: prefill(field.string),
  keySid: prefill(field.string),
  identity: prefill(field.string),
  ttlSeconds: prefill(field.number),
  grants: prefill(field.object<AccessTokenGrants>()),
  output: consent(field.oneOf('copy', 'insert')),
});

const TITLE = () => vscode.l10n.t('Create Access Token');
const SERVICE_SID = /^IS[0-9a-fA-F]{32}$/;
const APP_SID = /^AP[0-9a-fA-F]{32}$/;

/**
 * Builds an Access Token (JWT) for Twilio's client-side SDKs with a key whose secret this editor
 * holds (or one minted now, through the key lifecycle), using the library's jwt.AccessToken.
 * Returns the key SID and expiry, never the token.
 */
export async function createAccessToken(s: Services, args: Args<CreateAccessTokenArgs> = {}): Promise<{ keySid: string; expiresAt: string; output: string } | undefined> {
  const account = await pickAccount(s.accounts, { accountSid: args.accountSid, prefill: args.prefill }, TITLE());
  await s.keys.load(account.accountSid);
  const signer = await signingKey(s, account, args.keySid, args.prefill?.keySid);
  if (!signer) return undefined;
  const { keySid, secret } = signer;
  const { identity, ttlSeconds, grants } = await askTokenDetails(args);

  const api = await s.twilio.get();
  const token = api.createAccessToken({ accountSid: account.accountSid, keySid, keySecret: secret, identity, ttlSeconds, grants });
  s.log.protect(token);
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000).toISOString();
  // The token is a credential: it leaves this editor only when the user answers the modal (or this extension's own caller said how).
  const output = args.output ?? (await askOutput(identity, expiresAt, !!vscode.window.activeTextEditor));
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

interface Signer {
  keySid: string;
  secret: string;
}

/** The key that signs: the one named, the user's pick among those whose secret is stored here, or one minted now. */
async function signingKey(s: Services, account: AccountRecord, named: string | undefined, suggested: string | undefined): Promise<Signer | undefined> {
  const keySid = named ?? (await pickSigningKey(s, account, suggested));
  if (typeof keySid !== 'string') return keySid;
  const key = s.keys.find(account.accountSid, keySid);
  if (key?.type === 'restricted') {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('"{0}" is a Restricted key. Twilio does not allow restricted keys to sign Access Tokens: use a Standard key (create one with "Create API Key").', key.friendlyName || key.sid),
    );
    return undefined;
  }
  const secret = await s.accounts.storedKeySecret(account.accountSid, keySid);
  if (!secret) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('The secret of {0} is not stored in this editor, so it cannot sign tokens. Create a key here (its secret is stored) and use that one.', keySid),
    );
    return undefined;
  }
  return { keySid, secret };
}

/** A key whose secret is stored here, picked by the user (another caller's suggestion first); with none, the offer to mint one. */
async function pickSigningKey(s: Services, account: AccountRecord, suggested: string | undefined): Promise<string | Signer> {
  const holding = s.keys.items(account.accountSid).filter((k) => holdsKeySecret(account, k.sid));
  const usable = [...holding.filter((k) => k.sid === suggested), ...holding.filter((k) => k.sid !== suggested)];
  if (!usable.length) return mintSigningKey(s, account);
  const pick = await vscode.window.showQuickPick(
    usable.map((k) => ({ label: k.friendlyName || k.sid, description: `${keyTypeLabel(k.type)} · ${k.sid}`, sid: k.sid })),
    { title: TITLE(), placeHolder: vscode.l10n.t('Sign with which key? (only keys whose secret is stored here)'), ignoreFocusOut: true },
  );
  return orCancel(pick).sid;
}

/**
 * No key of the account can sign here: offer a Standard key, minted by the key lifecycle. Its
 * secret signs the token straight from Twilio's answer (it is stored too), never read back.
 */
async function mintSigningKey(s: Services, account: AccountRecord): Promise<Signer> {
  const spec: KeySpec = { friendlyName: defaultKeyName(vscode.workspace.name, os.hostname()), type: 'standard' };
  const agreed = await agree({
    message: vscode.l10n.t('No key of "{0}" has its secret stored in this editor. Create a Standard key to sign tokens with?', account.label),
    detail: vscode.l10n.t('The Standard API key "{0}" is created on "{1}" ({2}); its secret is stored here, like any key created here.', spec.friendlyName, account.label, account.accountSid),
    verb: vscode.l10n.t('Create Standard Key'),
  });
  if (!agreed) throw new Cancelled();
  return s.lifecycle.mint(account, spec, (minted) => ({ keySid: minted.key.sid, secret: minted.secret }));
}

/** Identity, lifetime and grants, as one flow with Back; the arguments answer the steps they cover. */
export async function askTokenDetails(args: Args<CreateAccessTokenArgs>): Promise<{ identity: string; ttlSeconds: number; grants: AccessTokenGrants }> {
  const run: Record<AccessTokenStepName, (p: StepPrompts, st: AccessTokenState) => Promise<void>> = {
    identity: askIdentity,
    ttl: askLifetime,
    grants: askGrants,
    voiceApplication: askVoiceApplication,
    voiceIncoming: askVoiceIncoming,
    videoRoom: askVideoRoom,
    chatService: (p, st) => askServiceSid(p, st, 'chat'),
    syncService: (p, st) => askServiceSid(p, st, 'sync'),
  };
  const st = await runSteps(TITLE(), ACCESS_TOKEN_STEPS.map((step) => ({ ...step, run: run[step.name] })), accessTokenState(args));
  return { identity: st.identity!, ttlSeconds: st.ttlSeconds!, grants: grantsOf(st) };
}

async function askIdentity(p: StepPrompts, st: AccessTokenState): Promise<void> {
  st.identity = (
    await p.input({
      prompt: vscode.l10n.t('Identity of the user the token is for (e.g. alice)'),
      value: st.identity,
      validate: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter an identity.')),
    })
  ).trim();
}

async function askLifetime(p: StepPrompts, st: AccessTokenState): Promise<void> {
  const pick = await p.pick(
    [
      { label: vscode.l10n.t('1 hour'), ttl: 3600 },
      { label: vscode.l10n.t('5 minutes'), ttl: 300 },
      { label: vscode.l10n.t('6 hours'), ttl: 6 * 3600 },
      { label: vscode.l10n.t('24 hours (the maximum)'), ttl: 24 * 3600 },
    ],
    { placeholder: vscode.l10n.t('Lifetime'), chosen: (i) => i.ttl === st.ttlSeconds },
  );
  st.ttlSeconds = pick.ttl;
}

async function askGrants(p: StepPrompts, st: AccessTokenState): Promise<void> {
  const picks = await p.pickMany(
    [
      { label: 'Voice', description: vscode.l10n.t('calls from the Voice SDK'), id: 'voice' as const },
      { label: 'Video', description: vscode.l10n.t('join Video rooms'), id: 'video' as const },
      { label: 'Conversations / Chat', description: vscode.l10n.t('a Conversations service'), id: 'chat' as const },
      { label: 'Sync', description: vscode.l10n.t('a Sync service'), id: 'sync' as const },
    ],
    { placeholder: vscode.l10n.t('Grants'), chosen: (i) => !!st.grantIds?.includes(i.id) },
  );
  if (!picks.length) throw new Error(vscode.l10n.t('Choose at least one grant.'));
  st.grantIds = picks.map((g) => g.id);
}

async function askVoiceApplication(p: StepPrompts, st: AccessTokenState): Promise<void> {
  st.voiceApplicationSid = (
    await p.input({
      detail: 'Voice',
      prompt: vscode.l10n.t('TwiML App SID for outgoing calls (AP…), or empty for none'),
      value: st.voiceApplicationSid,
      validate: (v) => (!v.trim() || APP_SID.test(v.trim()) ? undefined : vscode.l10n.t('A TwiML App SID is AP followed by 32 hex characters.')),
    })
  ).trim();
}

async function askVoiceIncoming(p: StepPrompts, st: AccessTokenState): Promise<void> {
  const pick = await p.pick(
    [
      { label: vscode.l10n.t('Allow incoming calls'), incoming: true },
      { label: vscode.l10n.t('Outgoing only'), incoming: false },
    ],
    { detail: 'Voice', chosen: (i) => i.incoming === st.voiceIncoming },
  );
  st.voiceIncoming = pick.incoming;
}

async function askVideoRoom(p: StepPrompts, st: AccessTokenState): Promise<void> {
  st.videoRoom = (await p.input({ detail: 'Video', prompt: vscode.l10n.t('Room name, or empty for any room'), value: st.videoRoom })).trim();
}

async function askServiceSid(p: StepPrompts, st: AccessTokenState, id: 'chat' | 'sync'): Promise<void> {
  const sid = (
    await p.input({
      detail: id === 'chat' ? 'Conversations / Chat' : 'Sync',
      prompt: vscode.l10n.t('Service SID (IS…)'),
      value: id === 'chat' ? st.chatServiceSid : st.syncServiceSid,
      validate: (v) => (SERVICE_SID.test(v.trim()) ? undefined : vscode.l10n.t('A service SID is IS followed by 32 hex characters.')),
    })
  ).trim();
  if (id === 'chat') st.chatServiceSid = sid;
  else st.syncServiceSid = sid;
}

/** A modal: where the token goes. Escape keeps it nowhere. */
async function askOutput(identity: string, expiresAt: string, editorOpen: boolean): Promise<'copy' | 'insert'> {
  const insert = vscode.l10n.t('Insert at Cursor');
  const copy = vscode.l10n.t('Copy');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('The Access Token for "{0}" is ready; it expires at {1}.', identity, expiresAt),
    {
      modal: true,
      detail: vscode.l10n.t('Anyone holding it can use its grants until then. On the clipboard, anything that reads the clipboard (another app or extension) can read it.'),
    },
    ...(editorOpen ? [copy, insert] : [copy]),
  );
  if (!choice) throw new Cancelled();
  return choice === insert ? 'insert' : 'copy';
}
