// Small rules the resource modules share: reading Twilio's answers strictly, following pages only
// to Twilio, and which route credentials take. Pure: no `twilio` import.
import * as l10n from '@vscode/l10n';
import { TwilioApiError } from './errors';
import type { AccountCredentials } from './types';

const TWILIO_HTTPS = /^https:\/\/([a-z0-9-]+\.)+twilio\.com(:443)?(\/|$)/i;

export function date(d: unknown): Date | undefined {
  return d instanceof Date && !Number.isNaN(d.getTime()) ? d : undefined;
}

export function requireSid(sid: unknown, prefix: 'SK' | 'AC'): string {
  if (typeof sid !== 'string' || !sid.startsWith(prefix)) throw new TwilioApiError('unexpectedResponse');
  return sid;
}

export function checkPageSize(pageSize: number | undefined): void {
  if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= 1000)) {
    throw new TwilioApiError('invalidRequest', l10n.t('The page size must be a whole number from 1 to 1000.'));
  }
}

/** Only ever follow a page link to Twilio: credentials go with the request. */
export function nextUrl(url: string | undefined): string | undefined {
  if (url && !TWILIO_HTTPS.test(url)) throw new TwilioApiError('unexpectedResponse');
  return url;
}

export function callerKeySid(creds: AccountCredentials): string | undefined {
  return creds.auth.kind === 'apiKey' ? creds.auth.keySid : undefined;
}

/** A subaccount reached with its parent's Auth Token: only the REST API 2010 serves it. */
export function viaParent(creds: AccountCredentials): boolean {
  return creds.auth.kind === 'authToken' && creds.parentAccountSid !== undefined && creds.parentAccountSid !== creds.accountSid;
}
