// Push credentials that no longer work, and the Firebase service-account file that replaces them.
// Google shut down GCM, then (June 2024) the legacy FCM API and its server keys; Twilio's warning
// 52116 and error 52117 name legacy FCM server keys, and Twilio's help article "Updating Twilio Push
// for FCM HTTP v1 API" has an FCM credential's Secret replaced by the project's service-account JSON.
// Twilio never returns a credential's secret, so a listed credential is judged by its type and by
// when it last changed; text the user chose (a file to upload) is judged by its shape.
// Pure: no `twilio` import; the rest of the extension may import it.
import * as l10n from '@vscode/l10n';

/** When Google turned the legacy FCM API off (Twilio: "deprecated the legacy FCM API in June 2024"). */
export const LEGACY_FCM_SHUTDOWN = new Date('2024-06-20T00:00:00Z');
/** A service-account file is about 2.4 KB; anything much bigger is something else. */
export const MAX_SERVICE_ACCOUNT_JSON = 64 * 1024;

export type PushCredentialVerdict =
  | { status: 'ok' }
  /** Certainly no longer delivers: `message` says why, `fix` what to do (both user-facing). */
  | { status: 'broken'; reason: 'gcm'; message: string; fix: string }
  /**
   * An FCM credential whose secret was last set before Google's shutdown: if that secret is a
   * legacy server key (it cannot be read back to tell), it no longer delivers.
   */
  | { status: 'suspect'; reason: 'fcmSetBeforeShutdown'; message: string; fix: string };

function fcmFix(): string {
  return l10n.t(
    'In the Firebase console, open Project settings, Service accounts, and generate a new private key (a JSON file); then replace this credential’s secret with that file’s contents.',
  );
}

/** What a listed push credential's type and dates say about whether it still works. */
export function assessPushCredential(credential: { type: string; dateUpdated?: Date }): PushCredentialVerdict {
  if (credential.type === 'gcm') {
    return {
      status: 'broken',
      reason: 'gcm',
      message: l10n.t('GCM credential: Google shut Google Cloud Messaging down, so this credential delivers nothing.'),
      fix: l10n.t(
        'Create an FCM credential from your Firebase project’s service-account JSON (Firebase console, Project settings, Service accounts, Generate new private key), use its SID wherever this one is used, then delete this one.',
      ),
    };
  }
  if (credential.type === 'fcm' && credential.dateUpdated && credential.dateUpdated < LEGACY_FCM_SHUTDOWN) {
    return {
      status: 'suspect',
      reason: 'fcmSetBeforeShutdown',
      message: l10n.t(
        'FCM credential last changed before Google turned legacy FCM server keys off (June 2024): unless its secret is a service-account JSON, it no longer delivers.',
      ),
      fix: fcmFix(),
    };
  }
  return { status: 'ok' };
}

/** The shape of a legacy FCM server key (`AAAA…:APA91b…`) or of the Google API key GCM took (`AIza…`). */
export function isLegacyFcmServerKey(text: string): boolean {
  const t = text.trim();
  return /^AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{120,}$/.test(t) || /^AIza[0-9A-Za-z_-]{35}$/.test(t);
}

export type ServiceAccountRead =
  /** `json`: the text to send as the FCM credential's Secret (as given, trimmed). Never log it: it holds a private key. */
  | { ok: true; projectId: string; clientEmail: string; json: string }
  /** `reason` is user-facing and never quotes the text. */
  | { ok: false; reason: string; legacyServerKey: boolean };

function refuse(reason: string, legacyServerKey = false): ServiceAccountRead {
  return { ok: false, reason, legacyServerKey };
}

/** Reads a Firebase service-account key file (the FCM HTTP v1 credential), checking its shape. */
export function readFcmServiceAccount(text: string): ServiceAccountRead {
  if (typeof text !== 'string' || text.trim() === '') return refuse(l10n.t('The file is empty: choose the service-account JSON file from the Firebase console.'));
  if (isLegacyFcmServerKey(text)) {
    return refuse(l10n.t('This is a legacy FCM server key, which Google turned off in June 2024: it was not sent. {0}', fcmFix()), true);
  }
  if (text.length > MAX_SERVICE_ACCOUNT_JSON) return refuse(l10n.t('The file is too large to be a service-account key (more than {0} KB).', MAX_SERVICE_ACCOUNT_JSON / 1024));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return refuse(l10n.t('The file is not JSON: choose the service-account key file (.json) the Firebase console downloads.'));
  }
  const sa = parsed as Record<string, unknown>;
  if (!sa || typeof sa !== 'object' || Array.isArray(sa) || sa.type !== 'service_account') {
    return refuse(l10n.t('This JSON is not a service-account key: its "type" must be "service_account".'));
  }
  const projectId = sa.project_id;
  const clientEmail = sa.client_email;
  if (typeof projectId !== 'string' || !/^[a-z][a-z0-9-]{4,61}[a-z0-9]$/.test(projectId)) {
    return refuse(l10n.t('The service-account key has no valid "project_id".'));
  }
  if (typeof clientEmail !== 'string' || !/^[^@\s]+@[^@\s]+\.gserviceaccount\.com$/.test(clientEmail)) {
    return refuse(l10n.t('The service-account key has no valid "client_email" (…@….iam.gserviceaccount.com).'));
  }
  if (typeof sa.private_key !== 'string' || !/-----BEGIN PRIVATE KEY-----/.test(sa.private_key)) {
    return refuse(l10n.t('The service-account key has no "private_key": download a new key file from the Firebase console.'));
  }
  return { ok: true, projectId, clientEmail, json: text.trim() };
}
