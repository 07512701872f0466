// Which Twilio Functions variables hold a key or a token, found in an account's inventory by SID
// or by fingerprint. The values are read here and nowhere else, and nothing returned holds one:
// the caller drops the inventory once these answer. Pure: no vscode import.
import * as l10n from '@vscode/l10n';
import type { FunctionsInventory, VariableRef } from '../../core/twilio/types';

/** A variable, named for people: its service, environment and key, with its SIDs for updating it. */
export interface VariablePlace extends VariableRef {
  key: string;
  /** The service's friendly or unique name. */
  service: string;
  /** The environment's unique name. */
  environment: string;
}

/** A variable holding a rotated key, and which half of the new key it gets. */
export interface KeyUpdate extends VariablePlace {
  to: 'sid' | 'secret';
}

/** Variables holding a key: those that can be updated as a pair, and environments where the pair cannot be told. */
export interface KeyHolders {
  updates: KeyUpdate[];
  incomplete: Array<{ places: VariablePlace[]; reason: string }>;
}

/** A secret, by fingerprint: `print` is `fingerprint(secret)`. */
export interface Print {
  print: string;
  fingerprint(value: string): string;
}

/** "notify / production: TWILIO_API_KEY". */
export function placeLabel(place: Pick<VariablePlace, 'service' | 'environment' | 'key'>): string {
  return l10n.t('{0} / {1}: {2}', place.service, place.environment, place.key);
}

/** Labels joined for a sentence, at most `limit` of them. */
export function placesList(labels: readonly string[], limit = 10): string {
  if (!labels.length) return l10n.t('none');
  const more = labels.length > limit ? l10n.t(' and {0} more', labels.length - limit) : '';
  return labels.slice(0, limit).join(', ') + more;
}

function holds(value: string, secret: Print | undefined): boolean {
  if (!secret || !value) return false;
  const trimmed = value.trim();
  return secret.fingerprint(value) === secret.print || (trimmed !== value && secret.fingerprint(trimmed) === secret.print);
}

/** Every environment with its variables, as places (the value kept beside, for the callers here only). */
function* environments(inventory: FunctionsInventory): Generator<Array<{ place: VariablePlace; value: string }>> {
  for (const { service, environments: envs } of inventory.services) {
    for (const { environment, variables } of envs) {
      yield variables.map((v) => ({
        place: {
          serviceSid: v.serviceSid,
          environmentSid: v.environmentSid,
          sid: v.sid,
          key: v.key,
          service: service.friendlyName || service.uniqueName || service.sid,
          environment: environment.uniqueName || environment.sid,
        },
        value: v.value,
      }));
    }
  }
}

/**
 * The variables holding a key being rotated. In each environment: those holding its SID get the new
 * SID, those holding its secret (by fingerprint, when this editor knows it) the new secret; the
 * configured secret variable beside the configured key variable holding the SID counts as its
 * secret (as in a rotation's .env edits). An environment with the SID but no secret this can tell,
 * or the secret without the SID, is not updated: writing half a key pair would break it now.
 */
export function keyHolders(inventory: FunctionsInventory, old: { sid: string; secret?: Print }, names: { apiKey: string; apiSecret: string }): KeyHolders {
  const out: KeyHolders = { updates: [], incomplete: [] };
  for (const vars of environments(inventory)) {
    const sid = vars.filter((v) => v.value.trim() === old.sid);
    const secret = vars.filter((v) => !sid.includes(v) && holds(v.value, old.secret));
    if (sid.some((v) => v.place.key === names.apiKey)) {
      const paired = vars.find((v) => v.place.key === names.apiSecret);
      if (paired && !sid.includes(paired) && !secret.includes(paired)) secret.push(paired);
    }
    if (!sid.length && !secret.length) continue;
    if (sid.length && secret.length) {
      out.updates.push(...sid.map((v) => ({ ...v.place, to: 'sid' as const })), ...secret.map((v) => ({ ...v.place, to: 'secret' as const })));
    } else {
      out.incomplete.push({
        places: [...sid, ...secret].map((v) => v.place),
        reason: sid.length
          ? l10n.t('holds the key’s SID, but no variable this editor can tell holds its secret')
          : l10n.t('holds the key’s secret, but not its SID'),
      });
    }
  }
  return out;
}

/** The variables holding a key's SID or (by fingerprint) its secret: what deleting the key breaks. */
export function keyMentions(inventory: FunctionsInventory, key: { sid: string; secret?: Print }): VariablePlace[] {
  const out: VariablePlace[] = [];
  for (const vars of environments(inventory)) {
    for (const v of vars) if (v.value.trim() === key.sid || holds(v.value, key.secret)) out.push(v.place);
  }
  return out;
}

/** The variables holding a token (by fingerprint). */
export function tokenHolders(inventory: FunctionsInventory, token: Print): VariablePlace[] {
  const out: VariablePlace[] = [];
  for (const vars of environments(inventory)) for (const v of vars) if (holds(v.value, token)) out.push(v.place);
  return out;
}

/** Services to which Twilio itself gives the account's Auth Token (Include credentials): a promotion reaches them without a variable. */
export function servicesGivenTheToken(inventory: FunctionsInventory): string[] {
  return inventory.services.filter((s) => s.service.includeCredentials).map((s) => s.service.friendlyName || s.service.uniqueName || s.service.sid);
}
