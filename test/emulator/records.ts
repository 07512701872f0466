// The credentials an account keeps outside its key list, as the emulator stores them: Functions
// (Serverless v1) services, environments and variables; Accounts v1 credentials (public keys and
// AWS); Conversations v1 push credentials. Plus their seed shapes. Secret material is stored so
// tests can check what was sent, and never appears in an API answer.

export interface ServiceRecord {
  sid: string;
  accountSid: string;
  uniqueName: string;
  friendlyName: string;
  includeCredentials: boolean;
  uiEditable: boolean;
  /** `unique_name` plus a random suffix, the base of the service's domains. */
  domainBase: string;
  dateCreated: Date;
  dateUpdated: Date;
  seq: number;
}

export interface EnvironmentRecord {
  sid: string;
  accountSid: string;
  serviceSid: string;
  uniqueName: string;
  domainSuffix: string | null;
  domainName: string;
  dateCreated: Date;
  dateUpdated: Date;
  seq: number;
}

export interface VariableRecord {
  sid: string;
  accountSid: string;
  serviceSid: string;
  environmentSid: string;
  key: string;
  /** Returned by the API (Twilio's Variable resource carries it). */
  value: string;
  dateCreated: Date;
  dateUpdated: Date;
  seq: number;
}

export type AccountCredentialKind = 'publicKey' | 'aws';

export interface AccountCredentialRecord {
  sid: string;
  kind: AccountCredentialKind;
  accountSid: string;
  friendlyName: string | null;
  /** The public key PEM, or `ACCESS_KEY_ID:SECRET` for AWS: write-only, never answered. */
  material: string;
  dateCreated: Date;
  dateUpdated: Date;
  seq: number;
}

export type PushType = 'apn' | 'gcm' | 'fcm';

export interface PushCredentialRecord {
  sid: string;
  accountSid: string;
  type: PushType;
  friendlyName: string | null;
  sandbox: boolean;
  /** Write-only material, by type: apn certificate + privateKey, gcm apiKey, fcm secret. */
  certificate?: string;
  privateKey?: string;
  apiKey?: string;
  secret?: string;
  dateCreated: Date;
  dateUpdated: Date;
  seq: number;
}

export interface SeedVariable {
  key: string;
  value: string;
}

export interface SeedEnvironment {
  sid?: string;
  uniqueName?: string;
  domainSuffix?: string | null;
  /** As a list, or as an object of key → value. */
  variables?: SeedVariable[] | Record<string, string>;
}

export interface SeedService {
  sid?: string;
  uniqueName?: string;
  friendlyName?: string;
  includeCredentials?: boolean;
  environments?: SeedEnvironment[];
}

export interface SeedAccountCredential {
  kind: AccountCredentialKind;
  sid?: string;
  friendlyName?: string | null;
  /** Generated when absent (an RSA public key, or fake AWS credentials). */
  material?: string;
  dateCreated?: string;
}

export interface SeedPushCredential {
  type: PushType;
  sid?: string;
  friendlyName?: string | null;
  sandbox?: boolean;
  certificate?: string;
  privateKey?: string;
  apiKey?: string;
  secret?: string;
  /** ISO dates, e.g. to seed an FCM credential last changed before Google's legacy shutdown. */
  dateCreated?: string;
  dateUpdated?: string;
}

/** What a seed may put into an account besides keys; top-level entries name their `accountSid`. */
export interface SeedAccountResources {
  services?: SeedService[];
  accountCredentials?: SeedAccountCredential[];
  pushCredentials?: SeedPushCredential[];
}

export function variableList(v: SeedEnvironment['variables']): SeedVariable[] {
  if (!v) return [];
  return Array.isArray(v) ? v : Object.entries(v).map(([key, value]) => ({ key, value }));
}
