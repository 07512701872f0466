// Parameter rules shared by the v2010 and IAM key resources.
import { errors } from './twilioErrors';

export const MAX_FRIENDLY_NAME = 64;
export const MAX_PERMISSIONS = 100;
// The shape of Twilio's permission names, e.g. /twilio/messaging/messages/read.
const PERMISSION = /^\/twilio(\/[a-z0-9][a-z0-9-]*){2,}$/;

/** FriendlyName is optional; when given it is at most 64 characters. */
export function friendlyName(form: URLSearchParams): string | null | undefined {
  const v = form.get('FriendlyName');
  if (v === null) return undefined;
  if ([...v].length > MAX_FRIENDLY_NAME) {
    throw errors.invalidParameter(`FriendlyName must be at most ${MAX_FRIENDLY_NAME} characters`);
  }
  return v;
}

/** Policy is a JSON string {"allow": [permission, …]} with 1 to 100 distinct permissions. */
export function policy(raw: string): { allow: string[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw errors.invalidParameter('Policy must be a JSON object such as {"allow": ["/twilio/messaging/messages/read"]}');
  }
  const p = parsed as { allow?: unknown };
  if (!p || typeof p !== 'object' || Array.isArray(p) || Object.keys(p).some((k) => k !== 'allow') || !Array.isArray(p.allow)) {
    throw errors.invalidParameter('Policy must be an object with a single "allow" array');
  }
  const allow = [...new Set(p.allow)];
  if (allow.length === 0) throw errors.invalidParameter('Policy.allow must list at least one permission');
  if (allow.length > MAX_PERMISSIONS) {
    throw errors.invalidParameter(`A restricted key can have at most ${MAX_PERMISSIONS} permissions`);
  }
  for (const perm of allow) {
    if (typeof perm !== 'string' || !PERMISSION.test(perm)) {
      throw errors.invalidParameter(`Policy.allow has a malformed permission: ${JSON.stringify(perm).slice(0, 80)}`);
    }
  }
  return { allow: allow as string[] };
}
