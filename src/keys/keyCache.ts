import * as vscode from 'vscode';
import type { ApiKey, KeyPage } from '../twilio/types';
import { TwilioApiError } from '../twilio/errors';
import type { AccountStore } from '../accounts/accountStore';
import type { TwilioService } from '../services/twilioService';
import type { Log } from '../util/log';

export type AccountKeysState =
  | { status: 'loading' }
  | { status: 'loaded'; keys: ApiKey[]; page: KeyPage; loadingMore: boolean }
  | { status: 'error'; error: TwilioApiError }
  | { status: 'noCredentials' };

/**
 * What the tree knows about each account's keys, loaded page by page. Owns the listing calls so
 * the tree, the commands and the detector share one view of the keys.
 */
export class KeyCache implements vscode.Disposable {
  private readonly states = new Map<string, AccountKeysState>();
  private readonly pending = new Map<string, Promise<void>>();
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  /** Fires with an account SID whose keys changed, or undefined for all. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly accounts: AccountStore,
    private readonly twilio: TwilioService,
    private readonly log: Log,
    private readonly pageSize: () => number,
  ) {}

  state(accountSid: string): AccountKeysState | undefined {
    return this.states.get(accountSid);
  }

  /** Loaded keys of an account (what the tree shows). */
  keys(accountSid: string): ApiKey[] {
    const s = this.states.get(accountSid);
    return s?.status === 'loaded' ? s.keys : [];
  }

  findKey(accountSid: string, keySid: string): ApiKey | undefined {
    return this.keys(accountSid).find((k) => k.sid === keySid);
  }

  /** Starts (or joins) loading the first page. */
  load(accountSid: string, force = false): Promise<void> {
    if (!force && this.states.has(accountSid)) return this.pending.get(accountSid) ?? Promise.resolve();
    const run = this.loadFirstPage(accountSid).finally(() => this.pending.delete(accountSid));
    this.pending.set(accountSid, run);
    return run;
  }

  private async loadFirstPage(accountSid: string): Promise<void> {
    this.set(accountSid, { status: 'loading' });
    const creds = await this.accounts.credentials(accountSid);
    if (!creds) {
      this.set(accountSid, { status: 'noCredentials' });
      return;
    }
    try {
      const api = await this.twilio.get();
      const page = await api.listKeys(creds, { pageSize: this.pageSize() });
      this.set(accountSid, { status: 'loaded', keys: [...page.keys], page, loadingMore: false });
    } catch (e) {
      const error = TwilioApiError.from(e);
      this.log.error(`Listing keys of ${accountSid} failed`, error);
      this.set(accountSid, { status: 'error', error });
    }
  }

  async loadMore(accountSid: string): Promise<void> {
    const s = this.states.get(accountSid);
    if (s?.status !== 'loaded' || !s.page.hasMore || s.loadingMore) return;
    this.set(accountSid, { ...s, loadingMore: true });
    try {
      const page = await s.page.next();
      const seen = new Set(s.keys.map((k) => k.sid));
      this.set(accountSid, { status: 'loaded', keys: [...s.keys, ...page.keys.filter((k) => !seen.has(k.sid))], page, loadingMore: false });
    } catch (e) {
      this.set(accountSid, { ...s, loadingMore: false });
      throw TwilioApiError.from(e);
    }
  }

  /** Reflects a change made here without a round trip. */
  upsert(accountSid: string, key: ApiKey): void {
    const s = this.states.get(accountSid);
    if (s?.status !== 'loaded') return;
    const idx = s.keys.findIndex((k) => k.sid === key.sid);
    const keys = idx >= 0 ? s.keys.map((k, i) => (i === idx ? key : k)) : [key, ...s.keys];
    this.set(accountSid, { ...s, keys });
  }

  remove(accountSid: string, keySid: string): void {
    const s = this.states.get(accountSid);
    if (s?.status !== 'loaded') return;
    this.set(accountSid, { ...s, keys: s.keys.filter((k) => k.sid !== keySid) });
  }

  forget(accountSid?: string): void {
    if (accountSid) this.states.delete(accountSid);
    else this.states.clear();
    this.changed.fire(accountSid);
  }

  private set(accountSid: string, state: AccountKeysState): void {
    this.states.set(accountSid, state);
    this.changed.fire(accountSid);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
