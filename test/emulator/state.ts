// The emulator's in-memory world: accounts and their API keys, plus seeding and reset.
import { ACCOUNT_SID, KEY_SID, newAuthToken, newKeySecret, newSid } from './ids';

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

export interface SeedAccount {
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

export interface SeedFile {
  accounts: SeedAccount[];
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
    if (!file || !Array.isArray(file.accounts)) throw new Error('seed: expected {"accounts": [...]}');
    return file.accounts.map((a) => this.addAccount(a));
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
  }
}

export interface StateSnapshot {
  seq: number;
  keyLimit: number;
  v2010KeyCreationDenied: boolean;
  accounts: AccountRecord[];
  keys: KeyRecord[];
  issued: [string, { seq: number; list: string }][];
}

export { lowerBound };
