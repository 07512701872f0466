// What a Twilio Functions variable holds, told without ever repeating its value: a secret this
// editor knows (compared by fingerprint), an Account or API key SID, a credential-shaped value under
// a credential's name, or nothing of interest. Pure: no `twilio` import, no I/O; the rest of the
// extension may import it (like types.ts).
import * as l10n from '@vscode/l10n';

/** Who holds a secret this editor knows (the AccountStore's `allSecretValues()` kinds). */
export interface KnownSecretOwner {
  accountSid: string;
  /** `authToken` (primary or secondary) is an Auth Token; any other kind is a key's secret. */
  kind: 'authToken' | 'apiKeySecret' | 'keySecret' | (string & {});
  /** The key whose secret it is (apiKeySecret, keySecret). */
  keySid?: string;
}

/**
 * The secrets this editor holds, by fingerprint: `fingerprint` is src/core/detection's `fingerprint()`
 * and `owner` looks one up (the editor's `LiveSecrets.owner`). Values never cross this boundary.
 */
export interface KnownSecrets {
  fingerprint(value: string): string;
  owner(fingerprint: string): KnownSecretOwner | undefined;
}

/** What a variable holds. `description` is user-facing and never contains the value. */
export type VariableCredential =
  | { kind: 'authToken'; accountSid: string; description: string }
  | { kind: 'keySecret'; accountSid: string; keySid?: string; description: string }
  /** SIDs are public identifiers, so the SID itself is given (to match a key being deleted, say). */
  | { kind: 'accountSid'; sid: string; description: string }
  | { kind: 'keySid'; sid: string; description: string }
  | { kind: 'unknownSecret'; length: number; description: string };

const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;
const KEY_SID = /^SK[0-9a-fA-F]{32}$/;
/** Names that say "this is a secret", after normalising to UPPER_SNAKE_CASE. */
const CREDENTIAL_NAME = /(^|_)(TOKEN|SECRET|API_?KEY|PASSWORD|PASSWD|PWD|PRIVATE_?KEY|ACCESS_?KEY|SECRET_?KEY)$/;
const PASSWORD_NAME = /(^|_)(PASSWORD|PASSWD|PWD)$/;
const PLACEHOLDER = /your|example|placeholder|change_?me|dummy|xxxx|redacted|todo|sample|^(true|false|null|none|undefined)$/i;

/** `SK…1a2b`: the prefix and the last four characters of a SID. */
export function shortSid(sid: string): string {
  return `${sid.slice(0, 2)}…${sid.slice(-4)}`;
}

/** `twilioApiKey`, `twilio-api-key` and `TWILIO_API_KEY` all become `TWILIO_API_KEY`. */
export function normalizedName(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** Whether a variable's name says it holds a secret (`*_TOKEN`, `*_SECRET`, `*_API_KEY`, `*_PASSWORD`, …). */
export function isCredentialName(key: string): boolean {
  return CREDENTIAL_NAME.test(normalizedName(key));
}

/**
 * Whether a value looks like a secret rather than configuration: one token without spaces, at least
 * 16 characters (8 under a password's name), mixing two kinds of characters, and no placeholder.
 */
export function isCredentialShaped(value: string, passwordName = false): boolean {
  const v = value.trim();
  if (v.length < (passwordName ? 8 : 16) || /\s/.test(v) || v.includes('://') || PLACEHOLDER.test(v) || /^(.)\1*$/.test(v)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((c) => c.test(v)).length;
  return classes >= 2;
}

function describeKnown(owner: KnownSecretOwner, contextAccountSid: string | undefined): VariableCredential {
  if (owner.kind === 'authToken') {
    const description =
      contextAccountSid === undefined || contextAccountSid === owner.accountSid
        ? l10n.t('the Auth Token')
        : l10n.t('the Auth Token of account {0}', shortSid(owner.accountSid));
    return { kind: 'authToken', accountSid: owner.accountSid, description };
  }
  const description = owner.keySid ? l10n.t('the secret of key {0}', shortSid(owner.keySid)) : l10n.t('an API key secret this editor holds');
  return { kind: 'keySecret', accountSid: owner.accountSid, keySid: owner.keySid, description };
}

/**
 * What a Functions variable holds, or undefined when it holds no credential. In order: a secret this
 * editor knows (the Auth Token or a key's secret, by fingerprint, whatever the name); an Account or
 * API key SID; a credential-shaped value under a credential's name ("an unknown 32-character
 * secret"). `context.accountSid` is the account the variable belongs to: its own Auth Token is then
 * "the Auth Token", another account's is named.
 */
export function classifyFunctionsVariable(
  variable: { key: string; value: string },
  known: KnownSecrets,
  context: { accountSid?: string } = {},
): VariableCredential | undefined {
  const value = variable.value.trim();
  if (!value) return undefined;
  const owner = known.owner(known.fingerprint(value)) ?? (value !== variable.value ? known.owner(known.fingerprint(variable.value)) : undefined);
  if (owner) return describeKnown(owner, context.accountSid);
  if (ACCOUNT_SID.test(value)) return { kind: 'accountSid', sid: value, description: l10n.t('the Account SID {0}', shortSid(value)) };
  if (KEY_SID.test(value)) return { kind: 'keySid', sid: value, description: l10n.t('the SID of key {0}', shortSid(value)) };
  const name = normalizedName(variable.key);
  if (CREDENTIAL_NAME.test(name) && isCredentialShaped(value, PASSWORD_NAME.test(name))) {
    const length = [...value].length;
    return { kind: 'unknownSecret', length, description: l10n.t('an unknown {0}-character secret', length) };
  }
  return undefined;
}
