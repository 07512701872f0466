import * as vscode from 'vscode';
import { TwilioApiError } from '../core/twilio/errors';
import type { Log } from '../platform/log';
import { Disposable } from '../core/util/disposable';

/** One page of a Twilio list, whatever it lists. */
export interface Paged<T> {
  items: T[];
  hasMore: boolean;
  /** The following page; `signal` cancels the request (lists that cannot cancel may ignore it). */
  next(signal?: AbortSignal): Promise<Paged<T>>;
}

export type PagedState<T> =
  | { status: 'loading' }
  | { status: 'loaded'; items: T[]; page: Paged<T>; loadingMore: boolean }
  | { status: 'error'; error: TwilioApiError }
  | { status: 'noCredentials' };

/**
 * A Twilio list per account, loaded a page at a time and shared by the tree and the commands:
 * the first page on demand, more on request, local changes reflected without a round trip.
 */
export class PagedCache<T extends { sid: string }> extends Disposable {
  protected readonly states = new Map<string, PagedState<T>>();
  private readonly pending = new Map<string, Promise<void>>();
  /** The request under way for each list (first page or more): forgetting the list cancels it. */
  protected readonly inFlight = new Map<string, AbortController>();
  protected readonly changed = this.own(new vscode.EventEmitter<string | undefined>());
  /** Fires with the account SID whose list changed, or undefined for all. */
  readonly onDidChange = this.changed.event;

  /**
   * @param fetchFirst the first page for an account, or 'noCredentials' when none are stored;
   *   `signal` fires when the list is forgotten or cancelled meanwhile
   * @param what what is listed, for the log ("keys", "subaccounts")
   */
  constructor(
    private readonly fetchFirst: (accountSid: string, signal: AbortSignal) => Promise<Paged<T> | 'noCredentials'>,
    private readonly what: string,
    private readonly log: Log,
  ) {
    super();
  }

  state(accountSid: string): PagedState<T> | undefined {
    return this.states.get(accountSid);
  }

  /** What is loaded so far (empty until the first page arrives). */
  items(accountSid: string): T[] {
    const s = this.states.get(accountSid);
    return s?.status === 'loaded' ? s.items : [];
  }

  find(accountSid: string, sid: string): T | undefined {
    return this.items(accountSid).find((x) => x.sid === sid);
  }

  /** Starts (or joins) loading the first page. */
  load(accountSid: string, force = false): Promise<void> {
    if (!force && this.states.has(accountSid)) return this.pending.get(accountSid) ?? Promise.resolve();
    const run: Promise<void> = this.loadFirstPage(accountSid).finally(() => {
      if (this.pending.get(accountSid) === run) this.pending.delete(accountSid);
    });
    this.pending.set(accountSid, run);
    return run;
  }

  /**
   * Loads the first page; its answer is kept only while this load is still the account's current
   * one: forgetting the list (refresh, disconnect) or a forced load cancels its request (`drop`,
   * `begin`), and a cancelled load answers into nothing.
   */
  private async loadFirstPage(accountSid: string): Promise<void> {
    this.set(accountSid, { status: 'loading' });
    const ctl = this.begin(accountSid);
    let next: PagedState<T>;
    try {
      const page = await this.fetchFirst(accountSid, ctl.signal);
      next = page === 'noCredentials' ? { status: 'noCredentials' } : { status: 'loaded', items: [...page.items], page, loadingMore: false };
    } catch (e) {
      if (ctl.signal.aborted) return;
      const error = TwilioApiError.from(e);
      this.log.error(`Listing ${this.what} of ${accountSid} failed`, error);
      next = { status: 'error', error };
    } finally {
      this.end(accountSid, ctl);
    }
    // Forgotten, cancelled or overtaken by a forced load meanwhile: what arrived is stale.
    if (!ctl.signal.aborted) this.set(accountSid, next);
  }

  async loadMore(accountSid: string): Promise<void> {
    const s = this.states.get(accountSid);
    if (s?.status !== 'loaded' || !s.page.hasMore || s.loadingMore) return;
    this.set(accountSid, { ...s, loadingMore: true });
    const ctl = this.begin(accountSid);
    try {
      const page = await s.page.next(ctl.signal);
      if (ctl.signal.aborted) return;
      // Items changed here meanwhile (upsert, remove) are kept: the page joins the list as it is now.
      const now = this.states.get(accountSid);
      const items = now?.status === 'loaded' ? now.items : s.items;
      const seen = new Set(items.map((x) => x.sid));
      this.set(accountSid, { status: 'loaded', items: [...items, ...page.items.filter((x) => !seen.has(x.sid))], page, loadingMore: false });
    } catch (e) {
      if (ctl.signal.aborted) return;
      const now = this.states.get(accountSid);
      if (now?.status === 'loaded') this.set(accountSid, { ...now, loadingMore: false });
      throw TwilioApiError.from(e);
    } finally {
      this.end(accountSid, ctl);
    }
  }

  private begin(accountSid: string): AbortController {
    // A request already under way for this list is superseded: its answer would be dropped anyway.
    this.inFlight.get(accountSid)?.abort();
    const ctl = new AbortController();
    this.inFlight.set(accountSid, ctl);
    return ctl;
  }

  private end(accountSid: string, ctl: AbortController): void {
    if (this.inFlight.get(accountSid) === ctl) this.inFlight.delete(accountSid);
  }

  /** Reflects a change made here without a round trip. */
  upsert(accountSid: string, item: T): void {
    const s = this.states.get(accountSid);
    if (s?.status !== 'loaded') return;
    const idx = s.items.findIndex((x) => x.sid === item.sid);
    const items = idx >= 0 ? s.items.map((x, i) => (i === idx ? item : x)) : [item, ...s.items];
    this.set(accountSid, { ...s, items });
  }

  remove(accountSid: string, sid: string): void {
    const s = this.states.get(accountSid);
    if (s?.status !== 'loaded') return;
    this.set(accountSid, { ...s, items: s.items.filter((x) => x.sid !== sid) });
  }

  /** Drops what is known about accounts that are no longer connected. */
  prune(connected: ReadonlySet<string>): void {
    for (const sid of [...this.states.keys()]) if (!connected.has(sid)) this.drop(sid);
  }

  forget(accountSid?: string): void {
    for (const sid of accountSid ? [accountSid] : [...new Set([...this.states.keys(), ...this.inFlight.keys()])]) this.drop(sid);
    this.changed.fire(accountSid);
  }

  /** Forgets an account's list: its request is cancelled, and a load still under way is no longer its current one. */
  private drop(accountSid: string): void {
    this.states.delete(accountSid);
    this.pending.delete(accountSid);
    this.inFlight.get(accountSid)?.abort();
  }

  protected set(accountSid: string, state: PagedState<T>): void {
    this.states.set(accountSid, state);
    this.changed.fire(accountSid);
  }
}
