// Push credentials (Conversations v1, conversations.twilio.com/v1/Credentials): Apple (apn),
// Firebase (fcm) and Google's retired GCM (gcm). Twilio never returns a certificate, key or
// secret, so neither do we; assessPushCredential (pushCredentialHealth.ts) says which no longer work.
//   listPushCredentials        GET  /v1/Credentials
//   fetchPushCredential        GET  /v1/Credentials/{Sid}
//   createFcmCredential        POST /v1/Credentials            Type=fcm, Secret=<service-account JSON>
//   updateFcmCredentialSecret  GET, then POST /v1/Credentials/{Sid}   Secret=<service-account JSON> (FCM only)
//   deletePushCredential       DEL  /v1/Credentials/{Sid}
// The service-account JSON is checked locally (readFcmServiceAccount) before anything is sent: a
// legacy server key is refused, and no message repeats the file.
import * as l10n from '@vscode/l10n';
import { Caller, READ, WRITE } from './caller';
import type { TwilioClient } from './client';
import { TwilioApiError } from './errors';
import { listPage } from './pages';
import { readFcmServiceAccount } from './pushCredentialHealth';
import { checkActsOnOwnAccount, date, deleteOnce, requireSid } from './shared';
import type { AccountCredentials, CallOptions, ListOptions, Page, PushCredential } from './types';
import { checkCredentialName, checkCredentialSid } from './validation';

interface PushFields {
  sid: string;
  accountSid: string;
  friendlyName: string | null;
  type: string;
  sandbox: string | null;
  dateCreated: Date;
  dateUpdated: Date;
}

function toPushCredential(c: PushFields): PushCredential {
  if (typeof c.type !== 'string' || !c.type) throw new TwilioApiError('unexpectedResponse');
  const type = c.type.toLowerCase();
  return {
    sid: requireSid(c.sid, 'CR'),
    accountSid: requireSid(c.accountSid, 'AC'),
    type,
    friendlyName: c.friendlyName ?? '',
    // A string in Twilio's answers ("True"/"False"); meaningful for APN only.
    ...(type === 'apn' ? { sandbox: /^true$/i.test(c.sandbox ?? '') } : {}),
    dateCreated: date(c.dateCreated),
    dateUpdated: date(c.dateUpdated),
  };
}

const credentials = (client: TwilioClient) => client.conversations.v1.credentials;

/** The service-account JSON to send, or invalidRequest with why not (a legacy server key included). */
function serviceAccountSecret(text: string): string {
  const read = readFcmServiceAccount(text);
  if (!read.ok) throw new TwilioApiError('invalidRequest', read.reason);
  return read.json;
}

export async function listPushCredentials(caller: Caller, creds: AccountCredentials, opts?: ListOptions): Promise<Page<PushCredential>> {
  checkActsOnOwnAccount(creds);
  return listPage<PushFields, PushCredential>(caller, creds, {
    first: (client, pageSize) => credentials(client).page({ pageSize }),
    at: (client, url) => credentials(client).getPage(url),
    map: toPushCredential,
  }, opts);
}

export async function fetchPushCredential(caller: Caller, creds: AccountCredentials, sid: string, opts?: CallOptions): Promise<PushCredential> {
  checkCredentialSid(sid);
  checkActsOnOwnAccount(creds);
  return caller.run(creds, opts, READ, async (client) => toPushCredential(await credentials(client)(sid).fetch()));
}

/** A new FCM credential from a Firebase service-account JSON (the replacement for a gcm credential). */
export async function createFcmCredential(
  caller: Caller,
  creds: AccountCredentials,
  req: { serviceAccountJson: string; friendlyName?: string },
  opts?: CallOptions,
): Promise<PushCredential> {
  const secret = serviceAccountSecret(req?.serviceAccountJson);
  checkCredentialName(req.friendlyName);
  checkActsOnOwnAccount(creds);
  return caller.run(creds, opts, WRITE, async (client) =>
    toPushCredential(await credentials(client).create({ type: 'fcm', secret, ...(req.friendlyName !== undefined ? { friendlyName: req.friendlyName } : {}) })),
  );
}

/**
 * Replaces an FCM credential's secret with a Firebase service-account JSON, in place (same SID, so
 * every service using it keeps working). The credential is fetched first: anything but `fcm` is
 * refused (a gcm credential cannot become FCM: create one with createFcmCredential instead).
 */
export async function updateFcmCredentialSecret(caller: Caller, creds: AccountCredentials, sid: string, serviceAccountJson: string, opts?: CallOptions): Promise<PushCredential> {
  checkCredentialSid(sid);
  const secret = serviceAccountSecret(serviceAccountJson);
  checkActsOnOwnAccount(creds);
  // Two calls, so a lost answer to the read is never reported as a change that may have happened.
  const current = await fetchPushCredential(caller, creds, sid, opts);
  if (current.type !== 'fcm') {
    throw new TwilioApiError(
      'invalidRequest',
      l10n.t('Credential {0} is of type {1}; only an FCM credential takes a service-account JSON. Create a new FCM credential instead, then delete this one.', sid, current.type),
    );
  }
  return caller.run(creds, opts, WRITE, async (client) => toPushCredential(await credentials(client)(sid).update({ secret })));
}

export async function deletePushCredential(caller: Caller, creds: AccountCredentials, sid: string, opts?: CallOptions): Promise<void> {
  checkCredentialSid(sid);
  checkActsOnOwnAccount(creds);
  return caller.run(creds, opts, WRITE, (client, call) => deleteOnce(call, () => credentials(client)(sid).remove()));
}
