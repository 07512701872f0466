// Checks made before any request: they give a precise message without a round trip, and they keep
// malformed values (a region with a dot or slash, a SID with a path in it) out of URLs.
// Messages never repeat the values, which may be secrets typed into the wrong field.
import { TwilioApiError } from './errors';
import type { AccountCredentials, CreateKeyRequest } from './types';

export const MAX_FRIENDLY_NAME = 64;
export const MAX_PERMISSIONS = 100;
const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;
const KEY_SID = /^SK[0-9a-fA-F]{32}$/;
const HOST_LABEL = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function invalid(message: string): TwilioApiError {
  return new TwilioApiError('invalidRequest', message);
}

export function checkCredentials(c: AccountCredentials): void {
  if (!ACCOUNT_SID.test(c.accountSid ?? '')) throw invalid('The Account SID must be "AC" followed by 32 hexadecimal characters.');
  if (c.auth?.kind === 'authToken') {
    if (!c.auth.authToken) throw invalid('The Auth Token is empty.');
  } else if (c.auth?.kind === 'apiKey') {
    if (!KEY_SID.test(c.auth.keySid ?? '')) throw invalid('The API key SID must be "SK" followed by 32 hexadecimal characters.');
    if (!c.auth.keySecret) throw invalid('The API key secret is empty.');
  } else {
    throw invalid('Credentials need an Auth Token or an API key.');
  }
  if (c.region !== undefined && !HOST_LABEL.test(c.region)) throw invalid('The region must be a Twilio region id such as ie1.');
  if (c.edge !== undefined && !HOST_LABEL.test(c.edge)) throw invalid('The edge must be a Twilio edge location such as dublin.');
}

export function checkKeySid(sid: string): void {
  if (!KEY_SID.test(sid ?? '')) throw invalid('An API key SID is "SK" followed by 32 hexadecimal characters.');
}

export function checkFriendlyName(name: string | undefined): void {
  if (name !== undefined && [...name].length > MAX_FRIENDLY_NAME) {
    throw invalid(`A key name can have at most ${MAX_FRIENDLY_NAME} characters.`);
  }
}

export function checkCreateRequest(req: CreateKeyRequest): void {
  checkFriendlyName(req.friendlyName);
  if (req.type === 'restricted') {
    const perms = req.permissions;
    if (!Array.isArray(perms) || perms.length === 0) throw invalid('A restricted key needs at least one permission.');
    if (new Set(perms).size > MAX_PERMISSIONS) throw invalid(`A restricted key can have at most ${MAX_PERMISSIONS} permissions.`);
    if (perms.some((p) => typeof p !== 'string' || !p.startsWith('/twilio/'))) {
      throw invalid('Permissions look like /twilio/messaging/messages/read.');
    }
  } else if (req.type !== 'standard') {
    throw invalid('A new key is either standard or restricted; Main keys can only be created in the Twilio Console.');
  }
}
