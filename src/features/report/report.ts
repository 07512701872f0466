// What the credential report says about each credential the connected accounts hold (issue 20,
// point 5): kinds, dates, states and where it is used, in words and SIDs. Never a secret value:
// tokens, secrets and variable values are compared by fingerprint in memory before anything here
// is built, and only their descriptions arrive. Pure.

export type CredentialCategory = 'authToken' | 'apiKey' | 'functionsVariable' | 'publicKey' | 'aws' | 'push';

/** Where a credential is used. */
export type UseKind =
  /** A workspace `.env` file holds it (the secret, by fingerprint, or the SID). */
  | 'envFile'
  /** Hardcoded in an open document (a live finding). */
  | 'hardcoded'
  /** A Twilio Functions variable holds it. */
  | 'functions'
  /** A Functions service hands the Auth Token to every Function's context (`includeCredentials`). */
  | 'functionsContext'
  /** This workspace's terminals, tasks and debug sessions ("Use Key in Terminals"). */
  | 'terminals'
  /** A sign-in session another extension got from the `twilio` authentication provider. */
  | 'session'
  /** This extension authenticates with it. */
  | 'extension';

export interface CredentialUse {
  kind: UseKind;
  /** Where, for people: a file and variable, a service and environment, the scopes of a session. */
  where: string;
}

export interface ReportCredential {
  accountSid: string;
  accountLabel: string;
  category: CredentialCategory;
  /** The kind in words: "Auth Token (primary)", "API key, Standard", "FCM push credential". */
  type: string;
  /** Its name at Twilio (or the variable's key): Twilio and workspace text, escaped by the formats. */
  name: string;
  /** SID when it has one (CR…, SK…, ZV…); the Auth Token has none. */
  sid?: string;
  created?: Date;
  /** The Auth Token's rotation state. */
  tokenState?: 'primary' | 'secondaryWaiting' | 'unknown';
  /** Whether this editor holds the secret (Auth Tokens and keys). */
  secretStored?: boolean;
  /** A push credential that no longer delivers (`broken`) or may not (`suspect`), with what to do. */
  health?: { status: 'broken' | 'suspect'; message: string; fix: string };
  /** A Functions variable: what it holds, described ("the secret of key SK…1a2b"). */
  holds?: { kind: 'authToken' | 'keySecret' | 'accountSid' | 'keySid' | 'unknownSecret'; description: string };
  uses: CredentialUse[];
}

export interface CredentialReportData {
  generatedAt: Date;
  accounts: Array<{ accountSid: string; label: string }>;
  credentials: ReportCredential[];
  /** What could not be read, and why (per account and list), and limits of the report. */
  notes: string[];
  /** twilioCredentials.keys.rotationHintDays when the report was made (0: no age rule). */
  rotationHintDays: number;
}
