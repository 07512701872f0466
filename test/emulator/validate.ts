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

/**
 * A text parameter: undefined when absent (or refused when `required`), at most `max` characters
 * (code points) or, with `bytes`, UTF-8 bytes. An empty required value counts as missing.
 */
export function text(form: URLSearchParams, name: string, rule: { max: number; required?: boolean; bytes?: boolean }): string | undefined {
  const v = form.get(name);
  if (v === null || (rule.required && v === '')) {
    if (rule.required) throw errors.invalidParameter(`Required parameter ${name} missing`);
    return undefined;
  }
  const size = rule.bytes ? Buffer.byteLength(v, 'utf8') : [...v].length;
  if (size > rule.max) throw errors.invalidParameter(`${name} must be at most ${rule.max} ${rule.bytes ? 'bytes' : 'characters'}`);
  return v;
}

/** A boolean parameter as twilio-node sends it ("true"/"false", any case); undefined when absent. */
export function bool(form: URLSearchParams, name: string): boolean | undefined {
  const v = form.get(name);
  if (v === null) return undefined;
  if (/^true$/i.test(v)) return true;
  if (/^false$/i.test(v)) return false;
  throw errors.invalidParameter(`${name} must be true or false`);
}
