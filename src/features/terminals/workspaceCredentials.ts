import * as vscode from 'vscode';
import { createHash } from 'crypto';
import type { Services } from '../../services/services';
import type { AccountRecord } from '../../services/model';
import { affectsSettings, envVariableNames } from '../../platform/config';
import { Cancelled, reportFailure } from '../../platform/commands';
import { createKey } from '../keys/commands/createKey';
import { CredentialChoice, parseChoice, storedForm, sameChoice, variablesFor, describeChoice } from './choice';
import { Disposable } from '../../core/util/disposable';
import { Command } from '../../core/util/commandIds';
import { InvalidArgument, keyRef, treeRowRef, type ArgParser } from '../../core/util/commandArgs';

/** workspaceState key of this workspace's choice: two SIDs, never a secret. */
const CHOICE_KEY = 'twilioCredentials.terminalChoice';

export interface ResolvedCredentials {
  choice: CredentialChoice;
  account: AccountRecord;
  /** Name and value of each variable; the values include the secret: keep them in memory only. */
  variables: Array<[string, string]>;
}

/** The part of the extension context the terminals use: where the choice lives and the variables go. */
export type TerminalsContext = Pick<vscode.ExtensionContext, 'workspaceState' | 'environmentVariableCollection'>;

/** What the user may pick: a key whose secret is stored here, or an account's Auth Token. */
interface Candidate extends vscode.QuickPickItem {
  choice: CredentialChoice;
}

/**
 * This workspace's "Use Key in Terminals" choice: which account and key its terminals, tasks and
 * (when a launch configuration opts in) debug sessions authenticate with. The variables reach new
 * terminals through the extension's environmentVariableCollection, which is not persisted: VS
 * Code would otherwise save the values, secret included, in workspace storage. After a reload the
 * choice (SIDs) comes from workspace state and the secret from SecretStorage again.
 */
export class WorkspaceCredentials extends Disposable {
  private readonly changed = this.own(new vscode.EventEmitter<void>());
  /** Fires when the choice or what is applied changes. */
  readonly onDidChange = this.changed.event;
  /** A fingerprint of what the collection holds, so an unrelated change does not mark terminals stale. */
  private appliedPrint: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly s: Services,
    private readonly context: TerminalsContext,
  ) {
    super();
    const collection = context.environmentVariableCollection;
    collection.persistent = false;
    // Whatever an older version may have saved is dropped before anything is applied.
    collection.clear();
    this.own(
      s.accounts.onDidChange(() => void this.serial(() => this.sync())),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.serial(() => this.sync())),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsSettings(e, 'env')) void this.serial(() => this.sync());
      }),
    );
  }

  /** This workspace's choice (SIDs only), whether or not it can be applied now. */
  get choice(): CredentialChoice | undefined {
    return parseChoice(this.context.workspaceState.get(CHOICE_KEY));
  }

  /** True when the terminals of this window get the variables now. */
  get applied(): boolean {
    return this.appliedPrint !== undefined;
  }

  /** Applies the stored choice at activation (a reload, a new window on this folder). */
  restore(): Promise<void> {
    return this.serial(() => this.sync());
  }

  /** "Use Key in Terminals": the key named, the tree node's, or the user's pick. */
  async use(named?: CredentialChoice): Promise<CredentialChoice | undefined> {
    requireTrust();
    const choice = named ?? (await this.pick());
    const resolved = await this.resolve(choice);
    if (!resolved) throw new Error(this.missingMessage(choice));
    await this.context.workspaceState.update(CHOICE_KEY, storedForm(choice));
    await this.serial(() => this.sync());
    const label = resolved.choice.keySid ? this.keyLabel(resolved.account, resolved.choice.keySid) : vscode.l10n.t('Auth Token');
    this.s.log.info(`Terminals of this workspace use ${choice.keySid ?? 'the Auth Token'} of ${choice.accountSid}.`);
    const message = choice.keySid
      ? vscode.l10n.t('New terminals and tasks of this workspace get {0}. Terminals already open keep their environment until relaunched.', `"${label}"`)
      : vscode.l10n.t('New terminals and tasks of this workspace get the Auth Token of "{0}". An API key is better: create one and use it instead, so it can be revoked alone.', resolved.account.label);
    void vscode.window.showInformationMessage(message);
    return storedForm(choice);
  }

  /** "Stop Using in Terminals". Returns whether a choice was removed. */
  async stop(): Promise<boolean> {
    const had = this.choice !== undefined;
    await this.context.workspaceState.update(CHOICE_KEY, undefined);
    await this.serial(() => this.sync());
    if (had) {
      this.s.log.info('Terminals of this workspace no longer get Twilio credentials.');
      void vscode.window.showInformationMessage(vscode.l10n.t('New terminals and tasks of this workspace no longer get Twilio credentials.'));
    }
    return had;
  }

  /**
   * The variables for a launch (debug configuration, command variable): the workspace's choice,
   * or the user's pick when there is none. Only in a trusted workspace.
   */
  async forLaunch(): Promise<ResolvedCredentials> {
    requireTrust();
    let choice = this.choice;
    if (!choice) {
      const use = vscode.l10n.t('Choose Key');
      const answer = await vscode.window.showInformationMessage(
        vscode.l10n.t('Which Twilio key should this workspace\'s terminals, tasks and debug sessions use?'),
        use,
      );
      if (answer !== use) throw new Cancelled();
      choice = await this.use();
      if (!choice) throw new Cancelled();
    }
    const resolved = await this.resolve(choice);
    if (!resolved) throw new Error(this.missingMessage(choice));
    return resolved;
  }

  /** Looks the secret up; undefined when the account, key or secret is gone. */
  async resolve(choice: CredentialChoice): Promise<ResolvedCredentials | undefined> {
    const account = this.s.accounts.get(choice.accountSid);
    if (!account) return undefined;
    let secret: string | undefined;
    if (choice.keySid) {
      secret = await this.s.accounts.storedKeySecret(account.accountSid, choice.keySid);
    } else if (account.auth === 'authToken' && !account.parentAccountSid) {
      const creds = await this.s.accounts.credentials(account.accountSid);
      secret = creds?.auth.kind === 'authToken' ? creds.auth.authToken : undefined;
    }
    if (!secret) return undefined;
    return { choice, account, variables: variablesFor(choice, secret, envVariableNames()) };
  }

  private missingMessage(choice: CredentialChoice): string {
    const account = this.s.accounts.get(choice.accountSid);
    if (!account) return vscode.l10n.t('No connected account has the SID {0}.', choice.accountSid);
    return choice.keySid
      ? vscode.l10n.t('The secret of the key {0} is not stored in this editor: only keys created or imported here can be used.', choice.keySid)
      : vscode.l10n.t('"{0}" is not connected with its Auth Token.', account.label);
  }

  /** Makes the collection match the stored choice; forgets a choice whose secret is gone. */
  private async sync(): Promise<void> {
    const collection = this.context.environmentVariableCollection;
    const choice = this.choice;
    const resolved = choice && vscode.workspace.isTrusted ? await this.resolve(choice) : undefined;
    if (choice && vscode.workspace.isTrusted && !resolved) {
      // The key was deleted or the account disconnected (here or in another window).
      await this.context.workspaceState.update(CHOICE_KEY, undefined);
      this.s.log.info(`The terminal credentials of this workspace (${choice.keySid ?? 'Auth Token'} of ${choice.accountSid}) are gone; terminals no longer get them.`);
      void vscode.window.showWarningMessage(vscode.l10n.t('Terminals of this workspace no longer get Twilio credentials: the key or account they used is gone from this editor.'));
    }
    const print = resolved ? fingerprint(resolved.variables) : undefined;
    if (print === this.appliedPrint) return;
    collection.clear();
    if (resolved) {
      collection.description = describeChoice(resolved.choice, resolved.account.label, resolved.choice.keySid && this.keyLabel(resolved.account, resolved.choice.keySid), envVariableNames());
      for (const [name, value] of resolved.variables) collection.replace(name, value);
    }
    this.appliedPrint = print;
    this.changed.fire();
  }

  private keyLabel(account: AccountRecord, keySid: string): string {
    return this.s.keys.find(account.accountSid, keySid)?.friendlyName || keySid;
  }

  private async pick(): Promise<CredentialChoice> {
    const candidates = await this.candidates();
    if (!candidates.length) {
      const create = vscode.l10n.t('Create API Key');
      const answer = await vscode.window.showInformationMessage(
        vscode.l10n.t('No key secret is stored in this editor yet. Create a key here (its secret is stored at once), or import one from twilio-cli.'),
        create,
      );
      if (answer === create) void createKey(this.s).catch((e: unknown) => reportFailure(this.s.log, Command.createKey, e));
      throw new Cancelled();
    }
    const current = this.choice;
    const pick = await vscode.window.showQuickPick(
      candidates.map((c) => (sameChoice(c.choice, current) ? { ...c, picked: true, description: `${c.description} · ${vscode.l10n.t('in use')}` } : c)),
      { title: vscode.l10n.t('Use Key in Terminals'), placeHolder: vscode.l10n.t('Which credentials should new terminals and tasks of this workspace get?'), matchOnDescription: true, ignoreFocusOut: true },
    );
    if (!pick) throw new Cancelled();
    return pick.choice;
  }

  private async candidates(): Promise<Candidate[]> {
    const out: Candidate[] = [];
    for (const account of this.s.accounts.list()) {
      await this.s.keys.load(account.accountSid).catch(() => undefined);
      const keySids = [...account.storedKeySids];
      if (account.auth === 'apiKey' && account.apiKeySid && !account.parentAccountSid) keySids.unshift(account.apiKeySid);
      for (const keySid of keySids) {
        out.push({
          label: `$(key) ${this.keyLabel(account, keySid)}`,
          description: `${keySid} · ${account.label}`,
          choice: { accountSid: account.accountSid, keySid },
        });
      }
      if (account.auth === 'authToken' && !account.parentAccountSid) {
        out.push({
          label: `$(warning) ${vscode.l10n.t('Auth Token of "{0}"', account.label)}`,
          description: account.accountSid,
          detail: vscode.l10n.t('Works everywhere, but an API key is better: it can be revoked without disturbing anything else.'),
          choice: { accountSid: account.accountSid },
        });
      }
    }
    return out;
  }

  /** One change at a time: a burst of store events must not interleave clears and replaces. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch((e) => this.s.log.error('Updating the terminal credentials failed', e));
    return next;
  }
}

function requireTrust(): void {
  if (!vscode.workspace.isTrusted) {
    throw new Error(vscode.l10n.t('Terminals, tasks and debug sessions get Twilio credentials only in a trusted workspace.'));
  }
}

/**
 * "Use Key in Terminals" names its choice by a key row, or `{ accountSid, keySid? }` (no keySid:
 * the Auth Token). An account row, or nothing, names none: the user picks.
 */
export const choiceArgs: ArgParser<CredentialChoice | undefined> = (arg) => {
  const row = treeRowRef(arg);
  if (row) return row.accountSid && row.keySid ? { accountSid: row.accountSid, keySid: row.keySid } : undefined;
  const ref = keyRef(arg);
  if (ref.accountSid === undefined) return undefined;
  const parsed = parseChoice(ref);
  if (!parsed) throw new InvalidArgument(vscode.l10n.t('Expected {0}: an Account SID and, unless the Auth Token is meant, an API key SID.', '{ accountSid, keySid }'));
  return parsed;
};

function fingerprint(vars: Array<[string, string]>): string {
  return createHash('sha256').update(JSON.stringify(vars)).digest('hex');
}
