// Telling Main, Standard and Restricted keys apart. No `twilio` import.
//
// Twilio's API has no "type" field. What it does give:
//  - IAM v1 fetch/create/update return `policy`: an object for a Restricted key, null otherwise.
//  - IAM v1 list returns `flags` per key. Restricted keys cannot sign Access Tokens (Twilio's
//    docs), so they lack "signing". Main keys carry "main" in the emulator, which fixes this
//    convention (see test/emulator/README.md); live Twilio's flags for Main keys are unverified.
//  - Proof by access: the credentials in use listed or fetched keys, so if they are an API key
//    that is not restricted, that key is a Main key (a Standard key would have been refused).
import type { KeyType } from './types';

export function typeFromFlags(flags: readonly string[] | null | undefined): KeyType {
  const f = flags ?? [];
  if (f.includes('main')) return 'main';
  if (flags && !f.includes('signing')) return 'restricted';
  return 'standard';
}

export function permissionsFromPolicy(policy: unknown): string[] | undefined {
  const allow = (policy as { allow?: unknown } | null | undefined)?.allow;
  return Array.isArray(allow) ? allow.filter((p): p is string => typeof p === 'string') : undefined;
}

/** The caller's own key is Main when it just managed keys and is not restricted. */
export function withCallerKey(type: KeyType, keySid: string, callerKeySid: string | undefined): KeyType {
  return type === 'standard' && keySid === callerKeySid ? 'main' : type;
}

/**
 * The permissions a restricted key needs to list, create and delete keys. Twilio's docs name
 * `create` and `delete`; `read` follows their pattern (the emulator's convention, unverified live).
 */
export const KEY_MANAGEMENT_PERMISSIONS = ['/twilio/iam/api-keys/read', '/twilio/iam/api-keys/create', '/twilio/iam/api-keys/delete'] as const;

export function canManageKeysWith(permissions: readonly string[]): boolean {
  return KEY_MANAGEMENT_PERMISSIONS.every((p) => permissions.includes(p));
}
