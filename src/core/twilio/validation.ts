// Checks made before any request: they give a precise message without a round trip, and they keep
// malformed values (a region with a dot or slash, a SID with a path in it) out of URLs.
// Messages never repeat the values, which may be secrets typed into the wrong field.
import * as l10n from '@vscode/l10n';
import { TwilioApiError } from './errors';
import type { AccessTokenRequest, AccountCredentials, CreateKeyRequest } from './types';
import { MAX_FRIENDLY_NAME, MAX_PERMISSIONS, MAX_VARIABLE_KEY, MAX_VARIABLE_VALUE_BYTES } from './types';
const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;
const KEY_SID = /^SK[0-9a-fA-F]{32}$/;
const HOST_LABEL = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function invalid(message: string): TwilioApiError {
  return new TwilioApiError('invalidRequest', message);
}

export function checkCredentials(c: AccountCredentials): void {
  if (!ACCOUNT_SID.test(c.accountSid ?? '')) throw invalid(l10n.t('The Account SID must be "AC" followed by 32 hexadecimal characters.'));
  if (c.auth?.kind === 'authToken') {
    if (!c.auth.authToken) throw invalid(l10n.t('The Auth Token is empty.'));
  } else if (c.auth?.kind === 'apiKey') {
    if (!KEY_SID.test(c.auth.keySid ?? '')) throw invalid(l10n.t('The API key SID must be "SK" followed by 32 hexadecimal characters.'));
    if (!c.auth.keySecret) throw invalid(l10n.t('The API key secret is empty.'));
  } else {
    throw invalid(l10n.t('Credentials need an Auth Token or an API key.'));
  }
  if (c.parentAccountSid !== undefined) {
    if (c.auth.kind !== 'authToken') throw invalid(l10n.t('A parent account SID goes with the parent’s Auth Token, not with an API key.'));
    if (!ACCOUNT_SID.test(c.parentAccountSid)) throw invalid(l10n.t('The parent Account SID must be "AC" followed by 32 hexadecimal characters.'));
  }
  if (c.region !== undefined && !HOST_LABEL.test(c.region)) throw invalid(l10n.t('The region must be a Twilio region id such as ie1.'));
  if (c.edge !== undefined && !HOST_LABEL.test(c.edge)) throw invalid(l10n.t('The edge must be a Twilio edge location such as dublin.'));
}

export function checkKeySid(sid: string): void {
  if (!KEY_SID.test(sid ?? '')) throw invalid(l10n.t('An API key SID is "SK" followed by 32 hexadecimal characters.'));
}

export function checkFriendlyName(name: string | undefined): void {
  if (name !== undefined && [...name].length > MAX_FRIENDLY_NAME) {
    throw invalid(l10n.t('A key name can have at most {0} characters.', MAX_FRIENDLY_NAME));
  }
}

export function checkCreateRequest(req: CreateKeyRequest): void {
  checkFriendlyName(req.friendlyName);
  if (req.type === 'restricted') {
    const perms = req.permissions;
    if (!Array.isArray(perms) || perms.length === 0) throw invalid(l10n.t('A restricted key needs at least one permission.'));
    if (new Set(perms).size > MAX_PERMISSIONS) throw invalid(l10n.t('A restricted key can have at most {0} permissions.', MAX_PERMISSIONS));
    if (perms.some((p) => typeof p !== 'string' || !p.startsWith('/twilio/'))) {
      throw invalid(l10n.t('Permissions look like /twilio/messaging/messages/read.'));
    }
  } else if (req.type !== 'standard') {
    throw invalid(l10n.t('A new key is either standard or restricted; Main keys can only be created in the Twilio Console.'));
  }
}

/** Twilio's longest Access Token lifetime: 24 hours. */
export const MAX_TOKEN_TTL_SECONDS = 86_400;
/** Conversations, Sync and Video accept identities of 1–256 characters. */
export const MAX_IDENTITY = 256;
/** The Voice SDKs: at most 121 characters, letters, digits and underscores only (Twilio error 31105). */
export const MAX_VOICE_IDENTITY = 121;
const VOICE_IDENTITY = /^[A-Za-z0-9_]+$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const GRANTS = ['voice', 'video', 'chat', 'sync'];

/** A check of a SID's shape; `message` says what it must look like, as a whole sentence. */
function sidChecker(prefix: string, message: () => string): (v: unknown) => void {
  const shape = new RegExp(`^${prefix}[0-9a-fA-F]{32}$`);
  return (v) => {
    if (typeof v !== 'string' || !shape.test(v)) throw invalid(message());
  };
}
const appSid = sidChecker('AP', () => l10n.t('The outgoing TwiML App SID must be "AP" followed by 32 hexadecimal characters.'));
const pushCredentialSid = sidChecker('CR', () => l10n.t('The push credential SID must be "CR" followed by 32 hexadecimal characters.'));
const chatServiceSid = sidChecker('IS', () => l10n.t('The Conversations (Chat) service SID must be "IS" followed by 32 hexadecimal characters.'));
const syncServiceSid = sidChecker('IS', () => l10n.t('The Sync service SID must be "IS" followed by 32 hexadecimal characters.'));

function optionalText(v: unknown, message: () => string): void {
  if (v === undefined) return;
  if (typeof v !== 'string' || v.trim() === '' || CONTROL.test(v) || [...v].length > MAX_IDENTITY) throw invalid(message());
}

/** Everything createAccessToken needs, checked before signing; messages never repeat the secret. */
export function checkAccessTokenRequest(req: AccessTokenRequest): void {
  if (!req || typeof req !== 'object') throw invalid(l10n.t('An Access Token request is missing.'));
  if (!ACCOUNT_SID.test(req.accountSid ?? '')) throw invalid(l10n.t('The Account SID must be "AC" followed by 32 hexadecimal characters.'));
  if (!KEY_SID.test(req.keySid ?? '')) throw invalid(l10n.t('The API key SID must be "SK" followed by 32 hexadecimal characters.'));
  if (typeof req.keySecret !== 'string' || req.keySecret === '') throw invalid(l10n.t('The API key secret is empty.'));
  const identity = req.identity;
  if (typeof identity !== 'string' || identity.trim() === '') throw invalid(l10n.t('The identity is empty: name the user the token is for.'));
  if (CONTROL.test(identity)) throw invalid(l10n.t('The identity cannot contain line breaks or other control characters.'));
  if ([...identity].length > MAX_IDENTITY) throw invalid(l10n.t('The identity can have at most {0} characters.', MAX_IDENTITY));
  const ttl = req.ttlSeconds;
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TOKEN_TTL_SECONDS) {
    throw invalid(l10n.t("The lifetime must be a whole number of seconds from 1 to {0} (24 hours, Twilio's maximum).", MAX_TOKEN_TTL_SECONDS));
  }
  const grants = req.grants;
  if (!grants || typeof grants !== 'object') throw invalid(l10n.t('An Access Token needs at least one grant (Voice, Video, Conversations/Chat or Sync).'));
  const unknown = Object.keys(grants).filter((k) => !GRANTS.includes(k));
  if (unknown.length) throw invalid(l10n.t('Unknown grant: {0}. Use voice, video, chat or sync.', unknown.join(', ').slice(0, 60)));
  if (!GRANTS.some((k) => (grants as Record<string, unknown>)[k] !== undefined)) {
    throw invalid(l10n.t('An Access Token needs at least one grant (Voice, Video, Conversations/Chat or Sync).'));
  }
  const { voice, video, chat, sync } = grants;
  if (voice !== undefined) {
    if (!voice || typeof voice !== 'object') throw invalid(l10n.t('The Voice grant must be an object.'));
    if (voice.outgoingApplicationSid !== undefined) appSid(voice.outgoingApplicationSid);
    if (voice.pushCredentialSid !== undefined) pushCredentialSid(voice.pushCredentialSid);
    if (voice.incomingAllow !== undefined && typeof voice.incomingAllow !== 'boolean') throw invalid(l10n.t('incomingAllow must be true or false.'));
    if (voice.outgoingApplicationSid === undefined && voice.incomingAllow !== true) {
      throw invalid(l10n.t('A Voice grant needs an outgoing TwiML App SID, incoming calls allowed, or both.'));
    }
    if ([...identity].length > MAX_VOICE_IDENTITY || !VOICE_IDENTITY.test(identity)) {
      throw invalid(l10n.t("With a Voice grant the identity must be 1 to {0} letters, digits or underscores (Twilio's Voice SDKs refuse others).", MAX_VOICE_IDENTITY));
    }
  }
  if (video !== undefined) {
    if (!video || typeof video !== 'object') throw invalid(l10n.t('The Video grant must be an object.'));
    optionalText(video.room, () => l10n.t('The Video room must be 1 to {0} printable characters when given.', MAX_IDENTITY));
  }
  if (chat !== undefined) {
    if (!chat || typeof chat !== 'object') throw invalid(l10n.t('The Conversations (Chat) grant must be an object.'));
    chatServiceSid(chat.serviceSid);
    optionalText(chat.endpointId, () => l10n.t('The endpoint id must be 1 to {0} printable characters when given.', MAX_IDENTITY));
    if (chat.pushCredentialSid !== undefined) pushCredentialSid(chat.pushCredentialSid);
  }
  if (sync !== undefined) {
    if (!sync || typeof sync !== 'object') throw invalid(l10n.t('The Sync grant must be an object.'));
    syncServiceSid(sync.serviceSid);
    optionalText(sync.endpointId, () => l10n.t('The endpoint id must be 1 to {0} printable characters when given.', MAX_IDENTITY));
  }
}

export const checkServiceSid = sidChecker('ZS', () => l10n.t('A Functions service SID is "ZS" followed by 32 hexadecimal characters.'));
export const checkEnvironmentSid = sidChecker('ZE', () => l10n.t('A Functions environment SID is "ZE" followed by 32 hexadecimal characters.'));
export const checkVariableSid = sidChecker('ZV', () => l10n.t('A Functions variable SID is "ZV" followed by 32 hexadecimal characters.'));
export const checkCredentialSid = sidChecker('CR', () => l10n.t('A credential SID is "CR" followed by 32 hexadecimal characters.'));

/** The 64-character name limit of public keys, AWS and push credentials (as of API keys). */
export function checkCredentialName(name: string | undefined): void {
  if (name !== undefined && [...name].length > MAX_FRIENDLY_NAME) {
    throw invalid(l10n.t('A credential name can have at most {0} characters.', MAX_FRIENDLY_NAME));
  }
}

/** Twilio's limits on a Functions variable: a key of 1–128 characters, a value of at most 450 bytes. Messages never quote the value. */
export function checkVariable(change: { key?: string; value?: string }): void {
  if (change.key !== undefined && (typeof change.key !== 'string' || change.key === '' || [...change.key].length > MAX_VARIABLE_KEY)) {
    throw invalid(l10n.t('A Functions variable name must have 1 to {0} characters.', MAX_VARIABLE_KEY));
  }
  if (change.value !== undefined && (typeof change.value !== 'string' || Buffer.byteLength(change.value, 'utf8') > MAX_VARIABLE_VALUE_BYTES)) {
    throw invalid(l10n.t('A Functions variable’s value can have at most {0} bytes.', MAX_VARIABLE_VALUE_BYTES));
  }
}
