// Small rules the resource modules share: reading Twilio's answers strictly, following pages only
// to Twilio, and which route credentials take. Pure: no `twilio` import.
import * as l10n from '@vscode/l10n';
import type { CallContext } from './call';
import { TwilioApiError } from './errors';
import type { AccountCredentials } from './types';

const TWILIO_HTTPS = /^https:\/\/([a-z0-9-]+\.)+twilio\.com(:443)?(\/|$)/i;

export function date(d: unknown): Date | undefined {
  return d instanceof Date && !Number.isNaN(d.getTime()) ? d : undefined;
}

export function requireSid(sid: unknown, prefix: string): string {
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

/**
 * Functions, Accounts v1 credentials and push credentials name no account in their paths: they act
 * on the account that authenticates. A subaccount reached through its parent's Auth Token cannot be
 * addressed there, so such calls are refused before any request.
 */
export function checkActsOnOwnAccount(creds: AccountCredentials): void {
  if (viaParent(creds)) {
    throw new TwilioApiError(
      'invalidRequest',
      l10n.t(
        'Subaccount {0} is connected through its parent’s Auth Token, which reaches only the REST API 2010. Its Functions and credentials need the subaccount’s own Auth Token or API key: connect it with those.',
        creds.accountSid,
      ),
    );
  }
}

/**
 * A DELETE that counts "not found" as done when it follows a retry after an ambiguous failure: the
 * first attempt deleted the resource before its answer was lost.
 */
export async function deleteOnce(call: CallContext, remove: () => Promise<unknown>): Promise<void> {
  try {
    await remove();
  } catch (e) {
    if (call.retriedAfterAmbiguousFailure && (e as { status?: number }).status === 404) return;
    throw e;
  }
}
