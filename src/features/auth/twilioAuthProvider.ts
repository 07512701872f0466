import * as vscode from 'vscode';
import * as os from 'os';
import type { Services } from '../../services/services';
import { pickAccount } from '../accounts/pickAccount';
import { findPermission, validatePermissions } from '../keys/permissions';
import { fitKeyName, shortHostName } from '../keys/keyNames';
import { formatSessionToken, normaliseScopes, sameScopes } from './sessionToken';
import { Disposable } from '../../core/util/disposable';
import { AUTH_PROVIDER_ID } from './manifest';
import type { KeySpec } from '../../services/keyLifecycle';
import { agree, Cancelled, showError } from '../../platform/commands';
import { creation } from '../keys/commands/createKey';


/** Global-state entries, one per session (so two windows never overwrite each other's): SIDs and scopes, never the secret. */
const SESSION_PREFIX = 'twilioCredentials.authSession/';

interface SessionRecord {
  accountSid: string;
  keySid: string;
  scopes: string[];
  createdAt: string;
}

function parseRecord(v: unknown): SessionRecord | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const r = v as SessionRecord;
  if (typeof r.accountSid !== 'string' || typeof r.keySid !== 'string' || !Array.isArray(r.scopes) || !r.scopes.every((s) => typeof s === 'string')) return undefined;
  return { accountSid: r.accountSid, keySid: r.keySid, scopes: r.scopes, createdAt: String(r.createdAt ?? '') };
}

/**
 * The `twilio` authentication provider: other extensions ask VS Code for a session with scopes
 * that are restricted-key permissions (`/twilio/messaging/messages/create`, …); after the user's
 * consent a key with exactly that policy is created (a Standard key for no scopes) and its
 * secret stored like any key created here. The session is the key: its id is the key SID, its
 * account the Twilio account, its access token the JSON described in sessionToken.ts. Signing
 * out deletes the key on Twilio. The secret lives only in SecretStorage (through AccountStore);
 * the session list (SIDs, scopes) in global state, so sessions survive reloads, and a key whose
 * secret disappears (deleted here or in another window) ends its session.
 */
export class TwilioAuthProvider extends Disposable implements vscode.AuthenticationProvider {
  private readonly changed = this.own(new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>());
  readonly onDidChangeSessions = this.changed.event;
  /** The sessions last announced, by id. */
  private known = new Map<string, vscode.AuthenticationSession>();
  private queue: Promise<unknown> = Promise.resolve();

  /** @param sessionState where the session records live (global state: SIDs and scopes, never a secret) */
  constructor(
    private readonly s: Services,
    private readonly sessionState: vscode.Memento,
  ) {
    super();
    this.own(
      vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, vscode.l10n.t('Twilio'), this, { supportsMultipleAccounts: true }),
      s.accounts.onDidChange(() => void this.sync()),
    );
    void this.sync();
  }

  async getSessions(scopes?: readonly string[]): Promise<vscode.AuthenticationSession[]> {
    const all = await this.sync();
    return scopes ? all.filter((x) => sameScopes(x.scopes, scopes)) : all;
  }

  async createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    const permissions = normaliseScopes(scopes);
    if (permissions.length) {
      const problem = validatePermissions(permissions);
      if (problem) throw new Error(problem);
      const unknown = permissions.filter((p) => !findPermission(p));
      if (unknown.length) throw new Error(vscode.l10n.t('Not a Twilio key permission this extension knows: {0}', unknown.join(', ')));
    }
    const account = await pickAccount(this.s.accounts, undefined, vscode.l10n.t('Sign in with Twilio'));
    const friendlyName = fitKeyName(`VS Code sign-in on ${shortHostName(os.hostname())}`);
    const spec: KeySpec = permissions.length ? { friendlyName, type: 'restricted', permissions } : { friendlyName, type: 'standard' };
    // After VS Code's consent, the same modal as Create API Key says what is created, and for whom.
    const also = [vscode.l10n.t('The extension that asked gets its SID and secret; signing it out (Accounts menu) deletes the key.')];
    if (!(await agree(creation(account, spec, undefined, also)))) throw new Error(vscode.l10n.t('No key was created for the sign-in.'));
    // The key lifecycle creates and stores the key (an unstored secret is handed to the user).
    const keySid = await this.s.lifecycle.mint(account, spec, (minted) => (minted.stored ? this.record(account.accountSid, minted.key.sid, permissions) : undefined)).catch((e: unknown) => {
      // The asking extension gets the error; the user is told too, as when creating a key.
      if (!(e instanceof Cancelled)) {
        this.s.log.error('Signing in with Twilio failed', e);
        void showError(e);
      }
      throw e;
    });
    const session = keySid && this.known.get(keySid);
    if (!session) throw new Error(vscode.l10n.t('No key was created for the sign-in.'));
    return session;
  }

  /** The secret is already stored: the record comes second, so no window ever sees a session without one. */
  private async record(accountSid: string, keySid: string, scopes: string[]): Promise<string> {
    const record: SessionRecord = { accountSid, keySid, scopes, createdAt: new Date().toISOString() };
    await this.sessionState.update(SESSION_PREFIX + keySid, record);
    this.s.log.info(`Signed in with Twilio: session ${keySid} of ${accountSid} (${scopes.length ? scopes.join(', ') : 'standard key'}).`);
    await this.sync();
    return keySid;
  }

  async removeSession(sessionId: string): Promise<void> {
    const record = parseRecord(this.sessionState.get(SESSION_PREFIX + sessionId));
    if (!record) return;
    const account = this.s.accounts.get(record.accountSid);
    if (account) {
      try {
        await this.s.lifecycle.retire(account, record.keySid, { envLines: 'keep' });
      } catch (e) {
        this.s.log.error(`Deleting the key of session ${sessionId} failed`, e);
        throw new Error(vscode.l10n.t('The key {0} could not be deleted, so the session stays.', record.keySid));
      }
    }
    await this.sessionState.update(SESSION_PREFIX + sessionId, undefined);
    this.s.log.info(`Signed out of Twilio: session ${sessionId} ended and its key deleted.`);
    await this.sync();
  }

  /** The sessions whose secret is stored; announces what changed since last time. One at a time. */
  sync(): Promise<vscode.AuthenticationSession[]> {
    const next = this.queue.then(() => this.compute());
    this.queue = next.catch((e) => this.s.log.error('Listing Twilio sign-in sessions failed', e));
    return next;
  }

  private async compute(): Promise<vscode.AuthenticationSession[]> {
    const state = this.sessionState;
    const sessions = new Map<string, vscode.AuthenticationSession>();
    for (const k of state.keys()) {
      if (!k.startsWith(SESSION_PREFIX)) continue;
      const record = parseRecord(state.get(k));
      if (!record) continue;
      const account = this.s.accounts.get(record.accountSid);
      const secret = account ? await this.s.accounts.getKeySecret(record.accountSid, record.keySid) : undefined;
      if (!account || !secret) {
        // SecretStorage is the authority (written first, removed first): the key is gone.
        await state.update(k, undefined);
        continue;
      }
      this.s.log.protect(secret);
      sessions.set(record.keySid, {
        id: record.keySid,
        accessToken: formatSessionToken({ accountSid: record.accountSid, apiKey: record.keySid, apiSecret: secret, region: account.region, edge: account.edge }),
        account: { id: record.accountSid, label: `${account.label} (${record.accountSid})` },
        scopes: record.scopes,
      });
    }
    const added = [...sessions.values()].filter((x) => !this.known.has(x.id));
    const removed = [...this.known.values()].filter((x) => !sessions.has(x.id));
    const changed = [...sessions.values()].filter((x) => this.known.has(x.id) && this.known.get(x.id)!.accessToken !== x.accessToken);
    this.known = sessions;
    if (added.length || removed.length || changed.length) this.changed.fire({ added, removed, changed });
    return [...sessions.values()];
  }
}
