// The emulator's in-memory world: accounts and their API keys, the credentials an account keeps
// elsewhere (Functions variables, Accounts v1 credentials, push credentials), seeding and reset.
import { ACCOUNT_SID, KEY_SID, newAuthToken, newAwsCredentials, newKeySecret, newRsaPublicKeyPem, newSid, randomDigits } from './ids';
import type {
  AccountCredentialKind,
  AccountCredentialRecord,
  EnvironmentRecord,
  PushCredentialRecord,
  SeedAccountCredential,
  SeedAccountResources,
  SeedEnvironment,
  SeedPushCredential,
  SeedService,
  ServiceRecord,
  VariableRecord,
} from './records';
import { variableList } from './records';

export type KeyType = 'main' | 'standard' | 'restricted';
export type AccountStatus = 'active' | 'suspended' | 'closed';

export interface AccountRecord {
  sid: string;
  authToken: string;
  friendlyName: string;
  status: AccountStatus;
  type: 'Full' | 'Trial';
  /** The parent account; an account that is no subaccount owns itself, as in Twilio. */
  ownerAccountSid: string;
  dateCreated: Date;
  dateUpdated: Date;
  /** Overrides the emulator-wide key limit for this account. */
  keyLimit?: number;
  /** A secondary Auth Token (Accounts v1): authenticates alongside `authToken` until promoted or deleted. */
  secondaryAuthToken?: string;
  /** When the secondary was created (and last replaced). */
  secondaryCreated?: Date;
  seq: number;
}

export interface KeyRecord {
  sid: string;
  secret: string;
  accountSid: string;
  friendlyName: string | null;
  type: KeyType;
  /** Only restricted keys have a policy. */
  policy: { allow: string[] } | null;
  dateCreated: Date;
  dateUpdated: Date;
  /** Creation order; lists are sorted by it and page tokens point into it. */
  seq: number;
}

export interface SeedKey {
  sid?: string;
  secret?: string;
  friendlyName?: string | null;
  type?: KeyType;
  permissions?: string[];
  dateCreated?: string;
}

export interface SeedAccount extends SeedAccountResources {
  sid?: string;
  authToken?: string;
  friendlyName?: string;
  status?: AccountStatus;
  type?: 'Full' | 'Trial';
  ownerAccountSid?: string;
  keyLimit?: number;
  keys?: SeedKey[];
  /** Subaccounts owned by this account. */
  subaccounts?: Omit<SeedAccount, 'ownerAccountSid'>[];
}

/** Resources for an account that exists already (e.g. the primary one), naming it. */
type ForAccount<T> = T & { accountSid: string };

export interface SeedFile {
  accounts?: SeedAccount[];
  services?: ForAccount<SeedService>[];
  accountCredentials?: ForAccount<SeedAccountCredential>[];
  pushCredentials?: ForAccount<SeedPushCredential>[];
}

/** Everything one seed created, in the order it was created. */
export interface SeedResult {
  accounts: AccountRecord[];
  services: ServiceRecord[];
  environments: EnvironmentRecord[];
  variables: VariableRecord[];
  accountCredentials: AccountCredentialRecord[];
  pushCredentials: PushCredentialRecord[];
}

export const DEFAULT_KEY_LIMIT = 20_000;

function lowerBound<T extends { seq: number }>(items: T[], seq: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid].seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class EmulatorState {
  readonly accounts = new Map<string, AccountRecord>();
  readonly keys = new Map<string, KeyRecord>();
  /** Functions (Serverless v1); lists are these maps filtered, in insertion (= creation) order. */
  readonly services = new Map<string, ServiceRecord>();
  readonly environments = new Map<string, EnvironmentRecord>();
  readonly variables = new Map<string, VariableRecord>();
  /** Accounts v1 credentials (public keys and AWS) and Conversations push credentials, all CR…. */
  readonly accountCredentials = new Map<string, AccountCredentialRecord>();
  readonly pushCredentials = new Map<string, PushCredentialRecord>();
  private readonly keysByAccount = new Map<string, KeyRecord[]>();
  /** Every SID ever issued, deleted ones included, so a page token stays valid after a delete. */
  private readonly issued = new Map<string, { seq: number; list: string }>();
  private seq = 0;
  keyLimit = DEFAULT_KEY_LIMIT;
  /**
   * Makes `POST /2010-04-01/Accounts/{Sid}/Keys.json` answer 401 / 20003 "Policy evaluation failed"
   * with valid credentials, as some live accounts do (IAM v1 creation is unaffected).
   */
  v2010KeyCreationDenied = false;

  addAccount(seed: SeedAccount = {}): AccountRecord {
    const sid = seed.sid ?? newSid('AC');
    if (!ACCOUNT_SID.test(sid)) throw new Error(`seed: account sid must be AC + 32 hex`);
    if (this.accounts.has(sid)) throw new Error(`seed: account ${sid} exists already`);
    if (seed.ownerAccountSid !== undefined) {
      const owner = this.accounts.get(seed.ownerAccountSid);
      if (!owner) throw new Error(`seed: owner account ${seed.ownerAccountSid} must be listed before its subaccounts`);
      // Twilio has one level: a subaccount cannot own subaccounts.
      if (owner.ownerAccountSid !== owner.sid) throw new Error(`seed: ${owner.sid} is a subaccount and cannot own subaccounts`);
    }
    const now = new Date();
    const account: AccountRecord = {
      sid,
      authToken: seed.authToken ?? newAuthToken(),
      friendlyName: seed.friendlyName ?? `Emulated account ${sid.slice(-6)}`,
      status: seed.status ?? 'active',
      type: seed.type ?? 'Full',
      ownerAccountSid: seed.ownerAccountSid ?? sid,
      dateCreated: now,
      dateUpdated: now,
      keyLimit: seed.keyLimit,
      seq: ++this.seq,
    };
    this.accounts.set(sid, account);
    this.keysByAccount.set(sid, []);
    this.issued.set(sid, { seq: account.seq, list: 'accounts' });
    for (const k of seed.keys ?? []) this.addKey(sid, k);
    for (const svc of seed.services ?? []) this.addService(sid, svc);
    for (const c of seed.accountCredentials ?? []) this.addAccountCredential(sid, c);
    for (const c of seed.pushCredentials ?? []) this.addPushCredential(sid, c);
    for (const sub of seed.subaccounts ?? []) this.addAccount({ ...sub, ownerAccountSid: sid });
    return account;
  }

  /** Adds a key as the Console would: any type, no limit check. */
  addKey(accountSid: string, seed: SeedKey = {}): KeyRecord {
    const list = this.keysByAccount.get(accountSid);
    if (!list) throw new Error(`seed: unknown account ${accountSid}`);
    const sid = seed.sid ?? newSid('SK');
    if (!KEY_SID.test(sid)) throw new Error('seed: key sid must be SK + 32 hex');
    if (this.issued.has(sid)) throw new Error(`seed: key ${sid} exists already`);
    const type = seed.type ?? 'standard';
    if (type === 'restricted' && !seed.permissions?.length) throw new Error('seed: a restricted key needs permissions');
    const created = seed.dateCreated ? new Date(seed.dateCreated) : new Date();
    if (Number.isNaN(created.getTime())) throw new Error('seed: dateCreated must be a date');
    const key: KeyRecord = {
      sid,
      secret: seed.secret ?? newKeySecret(),
      accountSid,
      friendlyName: seed.friendlyName === undefined ? null : seed.friendlyName,
      type,
      policy: type === 'restricted' ? { allow: [...seed.permissions!] } : null,
      dateCreated: created,
      dateUpdated: created,
      seq: ++this.seq,
    };
    this.keys.set(sid, key);
    list.push(key);
    this.issued.set(sid, { seq: key.seq, list: accountSid });
    return key;
  }

  /** A subaccount of `ownerSid` (e.g. the primary account, `emu.accountSid`), as the Console or API would make it. */
  addSubaccount(ownerSid: string, seed: Omit<SeedAccount, 'ownerAccountSid'> = {}): AccountRecord {
    return this.addAccount({ ...seed, ownerAccountSid: ownerSid });
  }

  /** The subaccounts `ownerSid` owns, oldest first. */
  subaccountsOf(ownerSid: string): AccountRecord[] {
    return [...this.accounts.values()].filter((a) => a.ownerAccountSid === ownerSid && a.sid !== ownerSid).sort((a, b) => a.seq - b.seq);
  }

  seed(file: SeedFile): AccountRecord[] {
    return this.seedAll(file).accounts;
  }

  /** Accounts (with their nested resources), then resources for accounts that exist already. */
  seedAll(file: SeedFile): SeedResult {
    const lists = ['accounts', 'services', 'accountCredentials', 'pushCredentials'] as const;
    if (!file || typeof file !== 'object' || !lists.some((k) => Array.isArray(file[k])) || lists.some((k) => file[k] !== undefined && !Array.isArray(file[k]))) {
      throw new Error('seed: expected {"accounts": [...]} and/or "services", "accountCredentials", "pushCredentials" lists');
    }
    const before = this.seq;
    const accounts = (file.accounts ?? []).map((a) => this.addAccount(a));
    for (const s of file.services ?? []) this.addService(s.accountSid, s);
    for (const c of file.accountCredentials ?? []) this.addAccountCredential(c.accountSid, c);
    for (const c of file.pushCredentials ?? []) this.addPushCredential(c.accountSid, c);
    const since = <T extends { seq: number }>(m: Map<string, T>) => [...m.values()].filter((r) => r.seq > before);
    return {
      accounts,
      services: since(this.services),
      environments: since(this.environments),
      variables: since(this.variables),
      accountCredentials: since(this.accountCredentials),
      pushCredentials: since(this.pushCredentials),
    };
  }

  keyLimitOf(accountSid: string): number {
    return this.accounts.get(accountSid)?.keyLimit ?? this.keyLimit;
  }

  keysOf(accountSid: string): KeyRecord[] {
    return this.keysByAccount.get(accountSid) ?? [];
  }

  deleteKey(sid: string): boolean {
    const key = this.keys.get(sid);
    if (!key) return false;
    this.keys.delete(sid);
    const list = this.keysOf(key.accountSid);
    list.splice(lowerBound(list, key.seq), 1);
    return true;
  }

  /** Takes the next creation number and records `sid` as issued in `list` (for page tokens). */
  private issue(sid: string, list: string): number {
    if (this.issued.has(sid)) throw new Error(`seed: ${sid} exists already`);
    const seq = ++this.seq;
    this.issued.set(sid, { seq, list });
    return seq;
  }

  private sidFor(prefix: string, given: string | undefined): string {
    const sid = given ?? newSid(prefix);
    if (!new RegExp(`^${prefix}[0-9a-f]{32}$`).test(sid)) throw new Error(`seed: a ${prefix} sid is ${prefix} + 32 lowercase hex`);
    return sid;
  }

  private account(accountSid: string): AccountRecord {
    const account = this.accounts.get(accountSid);
    if (!account) throw new Error(`seed: unknown account ${accountSid}`);
    return account;
  }

  /** A Functions service with its environments and their variables, as the Console or the serverless toolkit would make it. */
  addService(accountSid: string, seed: SeedService = {}): ServiceRecord {
    this.account(accountSid);
    const sid = this.sidFor('ZS', seed.sid);
    const uniqueName = seed.uniqueName ?? `service-${sid.slice(-6)}`;
    if (this.servicesOf(accountSid).some((s) => s.uniqueName === uniqueName)) throw new Error(`seed: service ${uniqueName} exists already`);
    const now = new Date();
    const service: ServiceRecord = {
      sid,
      accountSid,
      uniqueName,
      friendlyName: seed.friendlyName ?? uniqueName,
      includeCredentials: seed.includeCredentials ?? true,
      uiEditable: false,
      domainBase: `${uniqueName}-${randomDigits(4)}`,
      dateCreated: now,
      dateUpdated: now,
      seq: this.issue(sid, `services:${accountSid}`),
    };
    this.services.set(sid, service);
    for (const env of seed.environments ?? []) this.addEnvironment(sid, env);
    return service;
  }

  addEnvironment(serviceSid: string, seed: SeedEnvironment = {}): EnvironmentRecord {
    const service = this.services.get(serviceSid);
    if (!service) throw new Error(`seed: unknown service ${serviceSid}`);
    const sid = this.sidFor('ZE', seed.sid);
    const uniqueName = seed.uniqueName ?? `environment-${sid.slice(-6)}`;
    if (this.environmentsOf(serviceSid).some((e) => e.uniqueName === uniqueName)) throw new Error(`seed: environment ${uniqueName} exists already`);
    const suffix = seed.domainSuffix ?? null;
    const now = new Date();
    const env: EnvironmentRecord = {
      sid,
      accountSid: service.accountSid,
      serviceSid,
      uniqueName,
      domainSuffix: suffix,
      domainName: `${service.domainBase}${suffix ? `-${suffix}` : ''}.twil.io`,
      dateCreated: now,
      dateUpdated: now,
      seq: this.issue(sid, `environments:${serviceSid}`),
    };
    this.environments.set(sid, env);
    for (const v of variableList(seed.variables)) this.addVariable(sid, v.key, v.value);
    return env;
  }

  addVariable(environmentSid: string, key: string, value: string): VariableRecord {
    const env = this.environments.get(environmentSid);
    if (!env) throw new Error(`seed: unknown environment ${environmentSid}`);
    if (this.variablesOf(environmentSid).some((v) => v.key === key)) throw new Error(`seed: variable ${key} exists already`);
    const sid = newSid('ZV');
    const now = new Date();
    const variable: VariableRecord = {
      sid,
      accountSid: env.accountSid,
      serviceSid: env.serviceSid,
      environmentSid,
      key,
      value,
      dateCreated: now,
      dateUpdated: now,
      seq: this.issue(sid, `variables:${environmentSid}`),
    };
    this.variables.set(sid, variable);
    return variable;
  }

  /** A public key (a generated RSA-2048 one unless given) or AWS credentials of the account. */
  addAccountCredential(accountSid: string, seed: SeedAccountCredential): AccountCredentialRecord {
    this.account(accountSid);
    if (seed.kind !== 'publicKey' && seed.kind !== 'aws') throw new Error('seed: an account credential is of kind "publicKey" or "aws"');
    const sid = this.sidFor('CR', seed.sid);
    const created = seedDate(seed.dateCreated) ?? new Date();
    const record: AccountCredentialRecord = {
      sid,
      kind: seed.kind,
      accountSid,
      friendlyName: seed.friendlyName ?? null,
      material: seed.material ?? (seed.kind === 'publicKey' ? newRsaPublicKeyPem() : newAwsCredentials()),
      dateCreated: created,
      dateUpdated: created,
      seq: this.issue(sid, `${seed.kind}:${accountSid}`),
    };
    this.accountCredentials.set(sid, record);
    return record;
  }

  /** A push credential; the material its type needs is generated when absent. */
  addPushCredential(accountSid: string, seed: SeedPushCredential): PushCredentialRecord {
    this.account(accountSid);
    if (!['apn', 'gcm', 'fcm'].includes(seed.type)) throw new Error('seed: a push credential type is apn, gcm or fcm');
    const sid = this.sidFor('CR', seed.sid);
    const created = seedDate(seed.dateCreated) ?? new Date();
    const record: PushCredentialRecord = {
      sid,
      accountSid,
      type: seed.type,
      friendlyName: seed.friendlyName ?? null,
      sandbox: seed.sandbox ?? false,
      ...(seed.type === 'apn' ? { certificate: seed.certificate ?? `cert-${newKeySecret()}`, privateKey: seed.privateKey ?? `key-${newKeySecret()}` } : {}),
      ...(seed.type === 'gcm' ? { apiKey: seed.apiKey ?? newKeySecret() } : {}),
      ...(seed.type === 'fcm' ? { secret: seed.secret ?? newKeySecret() } : {}),
      dateCreated: created,
      dateUpdated: seedDate(seed.dateUpdated) ?? created,
      seq: this.issue(sid, `push:${accountSid}`),
    };
    this.pushCredentials.set(sid, record);
    return record;
  }

  servicesOf(accountSid: string): ServiceRecord[] {
    return [...this.services.values()].filter((s) => s.accountSid === accountSid);
  }

  environmentsOf(serviceSid: string): EnvironmentRecord[] {
    return [...this.environments.values()].filter((e) => e.serviceSid === serviceSid);
  }

  variablesOf(environmentSid: string): VariableRecord[] {
    return [...this.variables.values()].filter((v) => v.environmentSid === environmentSid);
  }

  accountCredentialsOf(accountSid: string, kind: AccountCredentialKind): AccountCredentialRecord[] {
    return [...this.accountCredentials.values()].filter((c) => c.accountSid === accountSid && c.kind === kind);
  }

  pushCredentialsOf(accountSid: string): PushCredentialRecord[] {
    return [...this.pushCredentials.values()].filter((c) => c.accountSid === accountSid);
  }

  /** Deletes a service with its environments and their variables. */
  deleteService(sid: string): boolean {
    for (const env of this.environmentsOf(sid)) this.deleteEnvironment(env.sid);
    return this.services.delete(sid);
  }

  /** Deletes an environment with its variables. */
  deleteEnvironment(sid: string): boolean {
    for (const v of this.variablesOf(sid)) this.variables.delete(v.sid);
    return this.environments.delete(sid);
  }

  /** The position of an issued SID in the list `list` (an account SID, or 'accounts'). */
  seqIn(list: string, sid: string): number | undefined {
    const entry = this.issued.get(sid);
    return entry && entry.list === list ? entry.seq : undefined;
  }

  /** A deep copy, for reset(). */
  snapshot(): StateSnapshot {
    return {
      seq: this.seq,
      keyLimit: this.keyLimit,
      v2010KeyCreationDenied: this.v2010KeyCreationDenied,
      accounts: [...this.accounts.values()].map((a) => ({ ...a })),
      keys: [...this.keys.values()].map((k) => ({ ...k, policy: k.policy && { allow: [...k.policy.allow] } })),
      issued: [...this.issued.entries()].map(([sid, e]) => [sid, { ...e }]),
      services: copies(this.services),
      environments: copies(this.environments),
      variables: copies(this.variables),
      accountCredentials: copies(this.accountCredentials),
      pushCredentials: copies(this.pushCredentials),
    };
  }

  restore(s: StateSnapshot): void {
    this.accounts.clear();
    this.keys.clear();
    this.keysByAccount.clear();
    this.issued.clear();
    this.seq = s.seq;
    this.keyLimit = s.keyLimit;
    this.v2010KeyCreationDenied = s.v2010KeyCreationDenied;
    for (const a of s.accounts) {
      this.accounts.set(a.sid, { ...a });
      this.keysByAccount.set(a.sid, []);
    }
    for (const k of s.keys) {
      const key = { ...k, policy: k.policy && { allow: [...k.policy.allow] } };
      this.keys.set(k.sid, key);
      this.keysByAccount.get(k.accountSid)!.push(key);
    }
    for (const [sid, e] of s.issued) this.issued.set(sid, { ...e });
    refill(this.services, s.services);
    refill(this.environments, s.environments);
    refill(this.variables, s.variables);
    refill(this.accountCredentials, s.accountCredentials);
    refill(this.pushCredentials, s.pushCredentials);
  }
}

export interface StateSnapshot {
  seq: number;
  keyLimit: number;
  v2010KeyCreationDenied: boolean;
  accounts: AccountRecord[];
  keys: KeyRecord[];
  issued: [string, { seq: number; list: string }][];
  services: ServiceRecord[];
  environments: EnvironmentRecord[];
  variables: VariableRecord[];
  accountCredentials: AccountCredentialRecord[];
  pushCredentials: PushCredentialRecord[];
}

/** Flat records (dates are replaced, never mutated), copied in creation order. */
function copies<T extends { sid: string }>(m: Map<string, T>): T[] {
  return [...m.values()].map((r) => ({ ...r }));
}

function refill<T extends { sid: string }>(m: Map<string, T>, records: T[]): void {
  m.clear();
  for (const r of records) m.set(r.sid, { ...r });
}

function seedDate(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const d = new Date(text);
  if (Number.isNaN(d.getTime())) throw new Error('seed: dates must be ISO 8601');
  return d;
}

export { lowerBound };
