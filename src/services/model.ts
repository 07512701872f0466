// Non-secret account metadata, kept in global state. Pure: no vscode import.
export type AuthKind = 'authToken' | 'apiKey';

export interface AccountRecord {
  accountSid: string;
  label: string;
  /** What the extension authenticates with; the secret itself is in SecretStorage. */
  auth: AuthKind;
  /** The Main key SID when auth is 'apiKey'. */
  apiKeySid?: string;
  region?: string;
  edge?: string;
  /** Friendly name Twilio reports for the account. */
  friendlyName?: string;
  /** SIDs of keys whose secrets this editor holds in SecretStorage (SIDs are not secret). */
  storedKeySids: string[];
  connectedAt: string;
  /** Set for a subaccount managed with its parent's Auth Token (listed under the parent). */
  parentAccountSid?: string;
}

/**
 * An account's Auth Token when a rotation is under way, as the tree and the commands see it: read
 * from metadata flags (dates, never a token). Absent: one token, the account's credential.
 */
export type AuthTokenState =
  /** A secondary is stored and works alongside the current token: promote or delete it. */
  | { kind: 'secondaryWaiting'; since: string }
  /** A promotion's outcome is not known: both tokens are stored until a check says which one Twilio accepts. */
  | { kind: 'unknown'; since: string };

/** The key this extension signs in with for the account: its Main key, when connected with one. */
export function signsInWith(account: Pick<AccountRecord, 'auth' | 'apiKeySid'>, keySid: string): boolean {
  return account.auth === 'apiKey' && account.apiKeySid === keySid;
}

/**
 * Whether this editor holds the secret of a key: one created or imported here (flagged in the
 * metadata), or the Main key the account is connected with. Answered from the metadata alone, so
 * the tree can draw it without reading SecretStorage.
 */
export function holdsKeySecret(account: Pick<AccountRecord, 'auth' | 'apiKeySid' | 'storedKeySids'>, keySid: string): boolean {
  return account.storedKeySids.includes(keySid) || signsInWith(account, keySid);
}

/** The record of a subaccount managed with its parent's Auth Token, in the parent's region. */
export function subaccountRecord(parent: AccountRecord, sub: { sid: string; friendlyName: string }, connectedAt: string): AccountRecord {
  return {
    accountSid: sub.sid,
    label: sub.friendlyName || sub.sid,
    auth: 'authToken',
    region: parent.region,
    edge: parent.edge,
    friendlyName: sub.friendlyName,
    storedKeySids: [],
    connectedAt,
    parentAccountSid: parent.accountSid,
  };
}

/** Parses what global state holds, dropping anything malformed rather than failing activation. */
export function parseAccountRecords(value: unknown): AccountRecord[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (r): r is AccountRecord =>
      !!r &&
      typeof r === 'object' &&
      typeof (r as AccountRecord).accountSid === 'string' &&
      typeof (r as AccountRecord).label === 'string' &&
      ((r as AccountRecord).auth === 'authToken' || (r as AccountRecord).auth === 'apiKey') &&
      Array.isArray((r as AccountRecord).storedKeySids),
  );
}
