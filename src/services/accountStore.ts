import * as vscode from 'vscode';
import type { AccountCredentials } from '../core/twilio/types';
import { AccountRecord, AuthTokenState, parseAccountRecords, signsInWith, subaccountRecord } from './model';
import { SecretStore, SecretRef } from './secretStore';
import { Disposable } from '../core/util/disposable';

/**
 * One global-state entry per account and one per stored key secret (a flag, never the secret),
 * so two windows writing at once touch different entries and cannot undo each other's changes.
 */
const ACCOUNT_PREFIX = 'twilioCredentials.account/';
const KEY_FLAG_PREFIX = 'twilioCredentials.keySecret/';
const keyFlag = (accountSid: string, keySid: string) => `${KEY_FLAG_PREFIX}${accountSid}/${keySid}`;
/** When a secondary Auth Token was stored here (an ISO date, never the token): the tree shows it waiting. */
const SECONDARY_FLAG_PREFIX = 'twilioCredentials.secondaryAuthToken/';
/**
 * When a promotion's outcome became unknown (an ISO date, never a token): both Auth Tokens stay
 * stored until a check tells which one Twilio accepts.
 */
const UNKNOWN_FLAG_PREFIX = 'twilioCredentials.authTokenUnknown/';

/**
 * Connected accounts: metadata in global state, secrets in SecretStorage. The one owner of both:
 * nothing else reads or writes them, every change goes through a named method here, and changes
 * from this window and from other windows (secret changes) are announced on onDidChange.
 */
export class AccountStore extends Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly secrets: SecretStore;

  constructor(
    private readonly state: vscode.Memento,
    secretStorage: vscode.SecretStorage,
  ) {
    super();
    this.secrets = new SecretStore(secretStorage);
    // Another window connecting, disconnecting or creating a key changes a secret. SecretStorage
    // is the authority on which key secrets exist: reconcile the metadata list from it, so two
    // windows writing the list at once cannot make a stored secret invisible.
    this.own(this.secrets.onDidChange((ref) => void this.reconcile(ref).finally(() => this.changed.fire())), this.secrets, this.changed);
  }

  list(): AccountRecord[] {
    const keys = this.state.keys();
    const stored = new Map<string, string[]>();
    for (const k of keys) {
      if (!k.startsWith(KEY_FLAG_PREFIX) || !this.state.get(k)) continue;
      const [accountSid, keySid] = k.slice(KEY_FLAG_PREFIX.length).split('/');
      stored.set(accountSid, [...(stored.get(accountSid) ?? []), keySid]);
    }
    const raw = keys.filter((k) => k.startsWith(ACCOUNT_PREFIX)).map((k) => this.state.get(k)).filter((v) => v !== undefined);
    return parseAccountRecords(raw.map((r) => ({ ...(r as object), storedKeySids: stored.get((r as AccountRecord).accountSid) ?? [] })));
  }

  /** Connected accounts, without the subaccounts listed under them. */
  roots(): AccountRecord[] {
    return this.list().filter((a) => !a.parentAccountSid);
  }

  private subaccountsOf(parentSid: string): AccountRecord[] {
    return this.list().filter((a) => a.parentAccountSid === parentSid);
  }

  /** Remembers a subaccount whose keys are fetched, so its keys and their stored secrets have a home. */
  async ensureSubaccount(parentSid: string, sub: { sid: string; friendlyName: string }): Promise<AccountRecord> {
    const existing = this.get(sub.sid);
    if (existing) return existing;
    const parent = this.get(parentSid);
    if (!parent) throw new Error(`no connected account ${parentSid}`);
    const record = subaccountRecord(parent, sub, new Date().toISOString());
    await this.save(record);
    return record;
  }

  get(accountSid: string): AccountRecord | undefined {
    return this.list().find((a) => a.accountSid === accountSid);
  }

  /** Saves an account and the secret it authenticates with. Metadata is rolled back if the secret cannot be stored. */
  async connect(record: Omit<AccountRecord, 'storedKeySids' | 'connectedAt'>, secret: string): Promise<void> {
    const previous = this.get(record.accountSid);
    const next: AccountRecord = {
      ...record,
      storedKeySids: previous?.storedKeySids ?? [],
      connectedAt: previous?.connectedAt ?? new Date().toISOString(),
    };
    await this.save(next);
    try {
      await this.secrets.store({ kind: record.auth === 'authToken' ? 'authToken' : 'apiKeySecret', accountSid: record.accountSid }, secret);
      // A reconnection may switch from Auth Token to a Main key (or back): drop the other secret.
      await this.secrets.delete({ kind: record.auth === 'authToken' ? 'apiKeySecret' : 'authToken', accountSid: record.accountSid });
    } catch (e) {
      if (previous) await this.save(previous);
      else await this.removeRecord(record.accountSid);
      throw e;
    }
    this.changed.fire();
  }

  /** Removes the account and every secret stored for it. */
  async disconnect(accountSid: string): Promise<void> {
    const record = this.get(accountSid);
    if (!record) return;
    for (const sub of this.subaccountsOf(accountSid)) await this.disconnect(sub.accountSid);
    await this.removeRecord(accountSid);
    await Promise.all([
      this.secrets.delete({ kind: 'authToken', accountSid }),
      this.secrets.delete({ kind: 'apiKeySecret', accountSid }),
      this.secrets.delete({ kind: 'secondaryAuthToken', accountSid }),
      ...record.storedKeySids.map((keySid) => this.secrets.delete({ kind: 'keySecret', accountSid, keySid })),
    ]);
    this.changed.fire();
  }

  /** The account's credentials for a command that needs them, or an error saying how to restore them. */
  async requireCredentials(account: AccountRecord): Promise<AccountCredentials> {
    const creds = await this.credentials(account.accountSid);
    if (!creds) throw new Error(vscode.l10n.t('The credentials of "{0}" are missing. Use "Update Credentials" on the account.', account.label));
    return creds;
  }

  /** The credentials the extension authenticates with, or undefined when the secret is missing. */
  async credentials(accountSid: string): Promise<AccountCredentials | undefined> {
    const record = this.get(accountSid);
    if (!record) return undefined;
    if (record.parentAccountSid) {
      // A subaccount is managed with its parent's Auth Token, addressed by its own SID.
      const parent = await this.credentials(record.parentAccountSid);
      if (parent?.auth.kind !== 'authToken') return undefined;
      return { ...parent, accountSid, parentAccountSid: record.parentAccountSid };
    }
    const { region, edge } = record;
    if (record.auth === 'authToken') {
      const authToken = await this.secrets.get({ kind: 'authToken', accountSid });
      return authToken ? { accountSid, auth: { kind: 'authToken', authToken }, region, edge } : undefined;
    }
    const keySecret = await this.secrets.get({ kind: 'apiKeySecret', accountSid });
    if (!keySecret || !record.apiKeySid) return undefined;
    return { accountSid, auth: { kind: 'apiKey', keySid: record.apiKeySid, keySecret }, region, edge };
  }

  /**
   * Stores a secondary Auth Token created for the account; throws if SecretStorage fails, so the
   * caller can act before anything depends on it.
   */
  async storeSecondaryAuthToken(accountSid: string, token: string): Promise<void> {
    await this.secrets.store({ kind: 'secondaryAuthToken', accountSid }, token);
    await this.state.update(SECONDARY_FLAG_PREFIX + accountSid, new Date().toISOString());
    this.changed.fire();
  }

  getSecondaryAuthToken(accountSid: string): Promise<string | undefined> {
    return this.secrets.get({ kind: 'secondaryAuthToken', accountSid });
  }

  /** When the secondary Auth Token waiting for promotion was stored, or undefined when there is none. */
  pendingSecondarySince(accountSid: string): string | undefined {
    const v = this.state.get(SECONDARY_FLAG_PREFIX + accountSid);
    return typeof v === 'string' ? v : undefined;
  }

  /** Drops the secondary Auth Token (deleted on Twilio, or refused by it); the current token stays. */
  async forgetSecondaryAuthToken(accountSid: string): Promise<void> {
    await this.secrets.delete({ kind: 'secondaryAuthToken', accountSid });
    await this.state.update(SECONDARY_FLAG_PREFIX + accountSid, undefined);
    await this.state.update(UNKNOWN_FLAG_PREFIX + accountSid, undefined);
    this.changed.fire();
  }

  /**
   * The secondary became the account's Auth Token on Twilio (a promotion): it is stored as the
   * credential first, and only then removed from the secondary slot, so that at every moment one
   * of the stored tokens is the live one. Throws when no secondary is stored.
   */
  async adoptSecondaryAuthToken(accountSid: string): Promise<void> {
    const secondary = await this.secrets.get({ kind: 'secondaryAuthToken', accountSid });
    if (secondary === undefined) throw new Error(`no secondary Auth Token stored for ${accountSid}`);
    await this.secrets.store({ kind: 'authToken', accountSid }, secondary);
    await this.forgetSecondaryAuthToken(accountSid);
  }

  /**
   * A promotion's outcome is not known: the stored credential may be dead and the secondary live,
   * or the reverse. Both stay stored (this writes only a date) until `adoptSecondaryAuthToken`,
   * `forgetSecondaryAuthToken` or `promotionNotDone` settles it.
   */
  async markAuthTokenUnknown(accountSid: string): Promise<void> {
    if (this.state.get(UNKNOWN_FLAG_PREFIX + accountSid) === undefined) await this.state.update(UNKNOWN_FLAG_PREFIX + accountSid, new Date().toISOString());
    this.changed.fire();
  }

  /** A check found the promotion did not happen: the secondary waits for promotion again. */
  async promotionNotDone(accountSid: string): Promise<void> {
    await this.state.update(UNKNOWN_FLAG_PREFIX + accountSid, undefined);
    this.changed.fire();
  }

  /** Where a rotation of the account's Auth Token stands; undefined when there is one token, the credential. */
  authTokenState(accountSid: string): AuthTokenState | undefined {
    const unknown = this.state.get(UNKNOWN_FLAG_PREFIX + accountSid);
    if (typeof unknown === 'string') return { kind: 'unknown', since: unknown };
    const since = this.pendingSecondarySince(accountSid);
    return since === undefined ? undefined : { kind: 'secondaryWaiting', since };
  }

  /** The secret of a key created or imported here (not the Main key the account is connected with). */
  getKeySecret(accountSid: string, keySid: string): Promise<string | undefined> {
    return this.secrets.get({ kind: 'keySecret', accountSid, keySid });
  }

  /**
   * The secret this editor holds for a key, whichever way it holds it: the Main key the account is
   * connected with, or a key created or imported here. See `holdsKeySecret` for the same question
   * answered from the metadata, without reading SecretStorage.
   */
  async storedKeySecret(accountSid: string, keySid: string): Promise<string | undefined> {
    const account = this.get(accountSid);
    if (account && signsInWith(account, keySid)) return this.secrets.get({ kind: 'apiKeySecret', accountSid });
    return this.getKeySecret(accountSid, keySid);
  }

  /** Stores a key's secret; throws if SecretStorage fails, so the caller can keep the secret safe. */
  async storeKeySecret(accountSid: string, keySid: string, secret: string): Promise<void> {
    await this.secrets.store({ kind: 'keySecret', accountSid, keySid }, secret);
    await this.state.update(keyFlag(accountSid, keySid), true);
    this.changed.fire();
  }

  async forgetKeySecret(accountSid: string, keySid: string): Promise<void> {
    await this.secrets.delete({ kind: 'keySecret', accountSid, keySid });
    await this.state.update(keyFlag(accountSid, keySid), undefined);
    this.changed.fire();
  }

  /** Every stored secret value, for in-memory comparison with hardcoded values. Never persisted. */
  async allSecretValues(): Promise<Array<{ accountSid: string; kind: 'authToken' | 'apiKeySecret' | 'keySecret'; keySid?: string; value: string }>> {
    const out: Array<{ accountSid: string; kind: 'authToken' | 'apiKeySecret' | 'keySecret'; keySid?: string; value: string }> = [];
    for (const r of this.list()) {
      const token = await this.secrets.get({ kind: 'authToken', accountSid: r.accountSid });
      if (token) out.push({ accountSid: r.accountSid, kind: 'authToken', value: token });
      const secondary = await this.secrets.get({ kind: 'secondaryAuthToken', accountSid: r.accountSid });
      if (secondary) out.push({ accountSid: r.accountSid, kind: 'authToken', value: secondary });
      const main = await this.secrets.get({ kind: 'apiKeySecret', accountSid: r.accountSid });
      if (main) out.push({ accountSid: r.accountSid, kind: 'apiKeySecret', keySid: r.apiKeySid, value: main });
      for (const keySid of r.storedKeySids) {
        const v = await this.secrets.get({ kind: 'keySecret', accountSid: r.accountSid, keySid });
        if (v) out.push({ accountSid: r.accountSid, kind: 'keySecret', keySid, value: v });
      }
    }
    return out;
  }

  private async reconcile(ref: SecretRef): Promise<void> {
    if (ref.kind !== 'keySecret') return;
    const record = this.get(ref.accountSid);
    if (!record) return;
    const exists = (await this.secrets.get(ref)) !== undefined;
    const listed = record.storedKeySids.includes(ref.keySid);
    if (exists !== listed) await this.state.update(keyFlag(ref.accountSid, ref.keySid), exists ? true : undefined);
  }

  private async save(record: AccountRecord): Promise<void> {
    const { storedKeySids: _derived, ...entry } = record;
    await this.state.update(ACCOUNT_PREFIX + record.accountSid, entry);
  }

  private async removeRecord(accountSid: string): Promise<void> {
    await this.state.update(ACCOUNT_PREFIX + accountSid, undefined);
    await this.state.update(SECONDARY_FLAG_PREFIX + accountSid, undefined);
    await this.state.update(UNKNOWN_FLAG_PREFIX + accountSid, undefined);
    for (const k of this.state.keys()) {
      if (k.startsWith(`${KEY_FLAG_PREFIX}${accountSid}/`)) await this.state.update(k, undefined);
    }
  }
}
