// What this workspace's terminals, tasks and debug sessions authenticate with. Pure: no vscode import.
// The choice names an account and a key (or the account's Auth Token) by SID only; the secret is
// looked up in SecretStorage whenever it is needed and is never part of the choice.
import * as l10n from '@vscode/l10n';

export interface CredentialChoice {
  accountSid: string;
  /** The key whose secret is stored here; absent when the account's Auth Token is used. */
  keySid?: string;
}

export interface VariableNames {
  accountSid: string;
  apiKey: string;
  apiSecret: string;
  authToken: string;
}

const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;
const KEY_SID = /^SK[0-9a-fA-F]{32}$/;

/** Reads a stored choice back; undefined for anything malformed (a hand-edited or stale entry). */
export function parseChoice(value: unknown): CredentialChoice | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { accountSid, keySid } = value as { accountSid?: unknown; keySid?: unknown };
  if (typeof accountSid !== 'string' || !ACCOUNT_SID.test(accountSid)) return undefined;
  if (keySid === undefined) return { accountSid };
  if (typeof keySid !== 'string' || !KEY_SID.test(keySid)) return undefined;
  return { accountSid, keySid };
}

/** The launch grants as stored (a list of choices); anything malformed is dropped, duplicates once. */
export function parseGrants(value: unknown): CredentialChoice[] {
  if (!Array.isArray(value)) return [];
  const out: CredentialChoice[] = [];
  for (const v of value) {
    const c = parseChoice(v);
    if (c && !out.some((o) => sameChoice(o, c))) out.push(c);
  }
  return out;
}

/** The choice as it is stored: SIDs only. */
export function storedForm(choice: CredentialChoice): CredentialChoice {
  return choice.keySid ? { accountSid: choice.accountSid, keySid: choice.keySid } : { accountSid: choice.accountSid };
}

export function sameChoice(a: CredentialChoice | undefined, b: CredentialChoice | undefined): boolean {
  return !!a && !!b && a.accountSid === b.accountSid && a.keySid === b.keySid;
}

/**
 * The variables a process gets for a choice, in a stable order: the Account SID, then the key's SID
 * and secret, or the Auth Token when no key was chosen.
 */
export function variablesFor(choice: CredentialChoice, secret: string, names: VariableNames): Array<[string, string]> {
  if (choice.keySid) {
    return [
      [names.accountSid, choice.accountSid],
      [names.apiKey, choice.keySid],
      [names.apiSecret, secret],
    ];
  }
  return [
    [names.accountSid, choice.accountSid],
    [names.authToken, secret],
  ];
}

/** The description VS Code shows on a terminal's environment hover: names and SIDs, never the secret. */
export function describeChoice(choice: CredentialChoice, accountLabel: string, keyLabel: string | undefined, names: VariableNames): string {
  const vars = variablesFor(choice, '', names).map(([n]) => n).join(', ');
  return choice.keySid
    ? l10n.t('Twilio Credentials: {0} from the key "{1}" ({2}) of "{3}".', vars, keyLabel || choice.keySid, choice.keySid, accountLabel)
    : l10n.t('Twilio Credentials: {0} from the Auth Token of "{1}" ({2}). An API key is better: it can be revoked alone.', vars, accountLabel, choice.accountSid);
}
