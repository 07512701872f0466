/**
 * The rows of the Accounts view as package.json's menus see them: each row's `contextValue`.
 * The tree (src/surfaces/tree/treeItems.ts) builds every contextValue here, and each feature's
 * manifest names the rows its commands are offered on with the selectors below;
 * test/unit/docs/featureManifests.test.ts holds the menus' `viewItem` clauses against both.
 * Pure: no vscode.
 */

export type KeyRowType = 'main' | 'standard' | 'restricted';

/** What a key row's contextValue says about the key. */
export interface KeyRowFacts {
  type: KeyRowType;
  /** Its secret is stored in this editor. */
  secretStored: boolean;
  /** The extension signs in with it. */
  self: boolean;
  /** This workspace's terminals get it. */
  terminals: boolean;
}

/** What an account row's contextValue says about the account. */
export interface AccountRowFacts {
  /** A subaccount listed under its parent (managed with the parent's credentials). */
  subaccount: boolean;
  /** Its keys could not be listed (credentials refused, offline). */
  error: boolean;
  /** Connected with its own Auth Token, so the token can be rotated here. */
  authToken: boolean;
}

/** What a Twilio Functions variable row says it holds (the kinds of src/core/twilio/variableKinds.ts). */
export type FunctionsVariableHolds = 'authToken' | 'keySecret' | 'accountSid' | 'keySid' | 'unknownSecret';

const FUNCTIONS_VARIABLE_HOLDS: readonly FunctionsVariableHolds[] = ['authToken', 'keySecret', 'accountSid', 'keySid', 'unknownSecret'];

/** `key.<type>[.secretStored][.self][.terminals]` */
export function keyRow(f: KeyRowFacts): string {
  return ['key', f.type, f.secretStored && 'secretStored', f.self && 'self', f.terminals && 'terminals'].filter(Boolean).join('.');
}

/** `account[.error][.authToken]`, or `account.subaccount`. */
export function accountRow(f: AccountRowFacts): string {
  if (f.subaccount) return 'account.subaccount';
  return ['account', f.error && 'error', f.authToken && 'authToken'].filter(Boolean).join('.');
}

/** `functionsVariable.<what it holds>` */
export function functionsVariableRow(holds: FunctionsVariableHolds): string {
  return `functionsVariable.${holds}`;
}

/** The rows with a fixed contextValue. */
export const Row = {
  /** The "Subaccounts" group under an account. */
  subaccounts: 'subaccounts',
  loadMore: 'loadMore',
  /** A message row without actions (loading, no keys yet, no match). */
  message: 'message',
  /** A secondary Auth Token left waiting by a rotation. */
  secondaryAuthToken: 'message.secondaryAuthToken',
  /** A promotion whose answer was lost: which stored token Twilio accepts is not known yet. */
  authTokenUnknown: 'message.authTokenUnknown',
  /** The account's credentials are missing or refused. */
  credentials: 'message.credentials',
  /** Listing failed for another reason: retry. */
  retry: 'message.retry',
  /** The "Functions" group under an account: its Twilio Functions services. */
  functions: 'functions',
  /** A Twilio Functions service (lists its environments). */
  functionsService: 'functionsService',
  /** A Functions environment (lists the variables that hold a credential). */
  functionsEnvironment: 'functionsEnvironment',
  /** A launch grant: launch configurations of this workspace may name this key (Withdraw Launch Grant). */
  launchGrant: 'launchGrant',
  /** The "Account credentials" group under an account: its public keys and AWS credentials. */
  accountCredentialsGroup: 'credentialGroup.account',
  /** The "Push credentials" group under an account. */
  pushCredentialsGroup: 'credentialGroup.push',
  /** A public key (Public Key Client Validation). */
  publicKey: 'publicKey',
  /** AWS credentials (recordings and media written to S3). */
  awsCredential: 'awsCredential',
  /** A message row in a credential group without actions (loading, none yet). */
  credentialMessage: 'credentialMessage',
} as const;

/** The push credential types the rows tell apart; a type Twilio adds later is `other`. */
export type PushRowType = 'apn' | 'fcm' | 'gcm' | 'other';

/** What a push credential row's contextValue says: its type, and whether it still delivers. */
export interface PushRowFacts {
  type: PushRowType;
  /** `broken`: certainly delivers nothing (GCM); `suspect`: an FCM secret set before legacy keys were shut off. */
  status: 'ok' | 'broken' | 'suspect';
}

/** `pushCredential.<type>[.broken|.suspect]` */
export function pushCredentialRow(f: PushRowFacts): string {
  return ['pushCredential', f.type, f.status !== 'ok' && f.status].filter(Boolean).join('.');
}

/** The facts a push credential can have (the health rule flags only GCM and FCM: pushCredentialHealth.ts). */
const PUSH_FACTS: readonly PushRowFacts[] = [
  { type: 'apn', status: 'ok' },
  { type: 'fcm', status: 'ok' },
  { type: 'fcm', status: 'suspect' },
  { type: 'gcm', status: 'broken' },
  { type: 'other', status: 'ok' },
];

/** The push credential rows whose facts pass `test` (all of them without one). */
export function pushCredentialRows(test: (f: PushRowFacts) => boolean = () => true): string[] {
  return PUSH_FACTS.filter(test).map(pushCredentialRow);
}

const bools = [false, true];

function allKeyFacts(): KeyRowFacts[] {
  const types: KeyRowType[] = ['main', 'standard', 'restricted'];
  return types.flatMap((type) => bools.flatMap((secretStored) => bools.flatMap((self) => bools.map((terminals) => ({ type, secretStored, self, terminals })))));
}

function allAccountFacts(): AccountRowFacts[] {
  return [{ subaccount: true, error: false, authToken: false }, ...bools.flatMap((error) => bools.map((authToken) => ({ subaccount: false, error, authToken })))];
}

/** The key rows whose facts pass `test` (all key rows without one). */
export function keyRows(test: (f: KeyRowFacts) => boolean = () => true): string[] {
  return allKeyFacts().filter(test).map(keyRow);
}

/** The account rows whose facts pass `test` (all account rows, subaccounts included, without one). */
export function accountRows(test: (f: AccountRowFacts) => boolean = () => true): string[] {
  return allAccountFacts().filter(test).map(accountRow);
}

/** Every contextValue a row of the Accounts view can have. */
export function allRows(): string[] {
  return [...accountRows(), ...keyRows(), ...pushCredentialRows(), ...FUNCTIONS_VARIABLE_HOLDS.map(functionsVariableRow), ...Object.values(Row)];
}
