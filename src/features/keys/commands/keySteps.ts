// The steps of Create API Key and Create Access Token and when each is asked: pure, so the step
// counts of every path are unit-tested. The prompts are in createKey.ts and createAccessToken.ts.
import type { Step } from '../../../core/util/steps';
import type { AccessTokenGrants } from '../../../core/twilio/types';
import type { AccountRef, Args } from '../../../core/util/commandArgs';

/** The argument object of Create API Key (documented in the README). */
export interface CreateKeyArgs extends AccountRef {
  friendlyName?: string;
  type?: 'standard' | 'restricted';
  permissions?: string[];
  /** Write SID and secret to this .env file (workspace-relative or absolute). */
  envFile?: string;
  /** What to do with the secret once stored, instead of asking. */
  then?: 'env' | 'copy' | 'done';
  /** Create without the modal that says what will be created (the caller asked already). */
  confirm?: boolean;
}

/** The argument object of Create Access Token (documented in the README). */
export interface CreateAccessTokenArgs {
  accountSid?: string;
  keySid?: string;
  identity?: string;
  ttlSeconds?: number;
  grants?: AccessTokenGrants;
  /** What to do with the token: copy it, or insert it at the cursor. */
  output?: 'copy' | 'insert';
}

export type KeyType = 'standard' | 'restricted';

export interface CreateKeyState {
  readonly args: CreateKeyArgs;
  friendlyName?: string;
  type?: KeyType;
  permissions?: string[];
}

export type CreateKeyStepName = 'name' | 'type' | 'permissions';

/** The answers given by argument, and the starting answers another caller suggested (their steps still ask). */
export function createKeyState(args: Args<CreateKeyArgs>): CreateKeyState {
  const { prefill, ...answers } = args;
  const start = { ...prefill, ...answers };
  return { args: answers, friendlyName: start.friendlyName, type: start.type ?? (start.permissions ? 'restricted' : undefined), permissions: start.permissions };
}

/** Until the type is chosen a Standard key (the first choice) is counted: two steps; Restricted adds the permissions. */
export const CREATE_KEY_STEPS: ReadonlyArray<Step<CreateKeyState> & { name: CreateKeyStepName }> = [
  { name: 'name', asks: (s) => s.args.friendlyName === undefined },
  { name: 'type', asks: (s) => s.args.type === undefined && !s.args.permissions },
  { name: 'permissions', asks: (s) => s.type === 'restricted' && !s.args.permissions },
];

export type GrantId = keyof AccessTokenGrants;

export interface AccessTokenState {
  readonly args: CreateAccessTokenArgs;
  identity?: string;
  ttlSeconds?: number;
  /** The grants chosen, in the order their details are asked. */
  grantIds?: GrantId[];
  voiceApplicationSid?: string;
  voiceIncoming?: boolean;
  videoRoom?: string;
  chatServiceSid?: string;
  syncServiceSid?: string;
}

export type AccessTokenStepName = 'identity' | 'ttl' | 'grants' | 'voiceApplication' | 'voiceIncoming' | 'videoRoom' | 'chatService' | 'syncService';

export function accessTokenState(args: Args<CreateAccessTokenArgs>): AccessTokenState {
  const { prefill, ...answers } = args;
  const g = prefill?.grants;
  const suggested = g && !answers.grants ? GRANT_IDS.filter((id) => g[id] !== undefined) : undefined;
  return {
    args: answers,
    identity: answers.identity ?? prefill?.identity,
    ttlSeconds: answers.ttlSeconds ?? prefill?.ttlSeconds,
    ...(suggested?.length
      ? {
          grantIds: suggested,
          voiceApplicationSid: text(g?.voice?.outgoingApplicationSid),
          voiceIncoming: g?.voice?.incomingAllow === true,
          videoRoom: text(g?.video?.room),
          chatServiceSid: text(g?.chat?.serviceSid),
          syncServiceSid: text(g?.sync?.serviceSid),
        }
      : {}),
  };
}

const GRANT_IDS: readonly GrantId[] = ['voice', 'video', 'chat', 'sync'];
/** A suggested grant detail is only a starting text: anything else is dropped. */
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A grant's details are asked only when the grants were chosen at the prompt and include it. */
const chose = (id: GrantId) => (s: Readonly<AccessTokenState>) => s.args.grants === undefined && !!s.grantIds?.includes(id);

/** Three steps until the grants are chosen; each grant chosen adds its details. */
export const ACCESS_TOKEN_STEPS: ReadonlyArray<Step<AccessTokenState> & { name: AccessTokenStepName }> = [
  { name: 'identity', asks: (s) => s.args.identity === undefined },
  { name: 'ttl', asks: (s) => s.args.ttlSeconds === undefined },
  { name: 'grants', asks: (s) => s.args.grants === undefined },
  { name: 'voiceApplication', asks: chose('voice') },
  { name: 'voiceIncoming', asks: chose('voice') },
  { name: 'videoRoom', asks: chose('video') },
  { name: 'chatService', asks: chose('chat') },
  { name: 'syncService', asks: chose('sync') },
];

/** The grants the answers make (or those given by argument). An empty answer means "none" / "any room". */
export function grantsOf(s: AccessTokenState): AccessTokenGrants {
  if (s.args.grants) return s.args.grants;
  const grants: AccessTokenGrants = {};
  for (const id of s.grantIds ?? []) {
    if (id === 'voice') grants.voice = { outgoingApplicationSid: s.voiceApplicationSid || undefined, incomingAllow: !!s.voiceIncoming };
    else if (id === 'video') grants.video = { room: s.videoRoom || undefined };
    else if (id === 'chat') grants.chat = { serviceSid: s.chatServiceSid ?? '' };
    else grants.sync = { serviceSid: s.syncServiceSid ?? '' };
  }
  return grants;
}
