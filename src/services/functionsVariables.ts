// Twilio Functions variables as the rest of the extension keeps them: only those that hold a
// credential, described by what they hold, without their values. Pure: no vscode import.
import type { FunctionsVariable, EnvironmentRef } from '../core/twilio/types';
import { classifyFunctionsVariable, type KnownSecrets, type VariableCredential } from '../core/twilio/variableKinds';

/** A Functions variable that holds a credential. Never carries the value: `holds` says what it is. */
export interface CredentialVariable {
  sid: string;
  serviceSid: string;
  environmentSid: string;
  key: string;
  holds: VariableCredential;
}

/**
 * The variables among `variables` that hold a credential, classified against the secrets this
 * editor holds; the values stay behind (the caller drops the page once this returns).
 */
export function credentialVariables(variables: readonly FunctionsVariable[], known: KnownSecrets, accountSid: string): CredentialVariable[] {
  const out: CredentialVariable[] = [];
  for (const v of variables) {
    const holds = classifyFunctionsVariable(v, known, { accountSid });
    if (holds) out.push({ sid: v.sid, serviceSid: v.serviceSid, environmentSid: v.environmentSid, key: v.key, holds });
  }
  return out;
}

/** Cache keys: an account's services, a service's environments, an environment's variables. */
export function environmentsKey(accountSid: string, serviceSid: string): string {
  return `${accountSid}/${serviceSid}`;
}

export function variablesKey(accountSid: string, env: EnvironmentRef): string {
  return `${accountSid}/${env.serviceSid}/${env.environmentSid}`;
}

/** The parts of a cache key, in order: account, then service and environment when present. */
export function keyParts(key: string): { accountSid: string; serviceSid?: string; environmentSid?: string } {
  const [accountSid, serviceSid, environmentSid] = key.split('/');
  return { accountSid, serviceSid, environmentSid };
}
