// Who holds each secret this editor stores, by fingerprint: the one place the fingerprints of the
// AccountStore's secrets are computed, for the editor's live-secret marks and for telling what a
// Twilio Functions variable holds. Values are read from SecretStorage, fingerprinted in memory and
// dropped; only fingerprints and owners (SIDs and kinds) are kept.
import { fingerprint } from '../core/detection';
import type { KnownSecretOwner, KnownSecrets } from '../core/twilio/variableKinds';
import type { AccountStore } from './accountStore';

/** Fingerprint → who holds the secret, for every secret the AccountStore holds now. */
export async function secretOwners(accounts: Pick<AccountStore, 'allSecretValues'>): Promise<Map<string, KnownSecretOwner>> {
  const owners = new Map<string, KnownSecretOwner>();
  for (const s of await accounts.allSecretValues()) owners.set(fingerprint(s.value), { accountSid: s.accountSid, keySid: s.keySid, kind: s.kind });
  return owners;
}

/** The secrets of `owners` as `classifyFunctionsVariable` asks for them. */
export function knownSecrets(owners: ReadonlyMap<string, KnownSecretOwner>): KnownSecrets {
  return { fingerprint, owner: (print) => owners.get(print) };
}

/** Whether two sets of owners have the same fingerprints (a secret added, replaced or removed changes them). */
export function sameFingerprints(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): boolean {
  return a.size === b.size && [...a.keys()].every((k) => b.has(k));
}
