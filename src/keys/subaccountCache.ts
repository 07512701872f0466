import * as vscode from 'vscode';
import type { AccountInfo, AccountPage } from '../twilio/types';
import { TwilioApiError } from '../twilio/errors';
import type { AccountStore } from '../accounts/accountStore';
import type { TwilioService } from '../services/twilioService';
import type { Log } from '../util/log';

export type SubaccountsState =
  | { status: 'loading' }
  | { status: 'loaded'; subaccounts: AccountInfo[]; page: AccountPage; loadingMore: boolean }
  | { status: 'error'; error: TwilioApiError };

/** Subaccounts of each connected account (managed with its Auth Token), page by page. */
export class SubaccountCache implements vscode.Disposable {
  private readonly states = new Map<string, SubaccountsState>();
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly accounts: AccountStore,
    private readonly twilio: TwilioService,
    private readonly log: Log,
  ) {}

  /** Only accounts connected with an Auth Token can manage subaccounts with it. */
  supports(accountSid: string): boolean {
    const a = this.accounts.get(accountSid);
    return !!a && a.auth === 'authToken' && !a.parentAccountSid;
  }

  state(parentSid: string): SubaccountsState | undefined {
    return this.states.get(parentSid);
  }

  async load(parentSid: string): Promise<void> {
    if (this.states.has(parentSid)) return;
    this.set(parentSid, { status: 'loading' });
    try {
      const creds = await this.accounts.credentials(parentSid);
      if (!creds) throw new TwilioApiError('authentication');
      const page = await (await this.twilio.get()).listSubaccounts(creds, { pageSize: 50 });
      this.set(parentSid, { status: 'loaded', subaccounts: page.accounts.filter((a) => a.sid !== parentSid), page, loadingMore: false });
    } catch (e) {
      const error = TwilioApiError.from(e);
      this.log.error(`Listing subaccounts of ${parentSid} failed`, error);
      this.set(parentSid, { status: 'error', error });
    }
  }

  async loadMore(parentSid: string): Promise<void> {
    const s = this.states.get(parentSid);
    if (s?.status !== 'loaded' || !s.page.hasMore || s.loadingMore) return;
    this.set(parentSid, { ...s, loadingMore: true });
    try {
      const page = await s.page.next();
      const seen = new Set(s.subaccounts.map((a) => a.sid));
      const more = page.accounts.filter((a) => a.sid !== parentSid && !seen.has(a.sid));
      this.set(parentSid, { status: 'loaded', subaccounts: [...s.subaccounts, ...more], page, loadingMore: false });
    } catch (e) {
      this.set(parentSid, { ...s, loadingMore: false });
      throw TwilioApiError.from(e);
    }
  }

  /** Drops what is known about accounts that are no longer connected. */
  prune(connected: ReadonlySet<string>): void {
    for (const sid of [...this.states.keys()]) if (!connected.has(sid)) this.states.delete(sid);
  }

  forget(parentSid?: string): void {
    if (parentSid) this.states.delete(parentSid);
    else this.states.clear();
    this.changed.fire(parentSid);
  }

  private set(parentSid: string, state: SubaccountsState): void {
    this.states.set(parentSid, state);
    this.changed.fire(parentSid);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
