import * as vscode from 'vscode';
import { createHash } from 'crypto';
import type { Services } from '../../services/services';
import type { AccountRecord } from '../../services/model';
import { affectsSettings, envVariableNames } from '../../platform/config';
import { agree, Cancelled, reportFailure } from '../../platform/commands';
import { keyFlows } from '../keys/register';
import { CredentialChoice, parseChoice, storedForm, sameChoice, variablesFor, describeChoice, parseGrants } from './choice';
import { Disposable } from '../../core/util/disposable';
import { Command } from '../../core/util/commandIds';
import { argsOf, consent, field, prefill, treeRowRef, type Args, type TableParser } from '../../core/util/commandArgs';

/** workspaceState key of this workspace's choice: two SIDs, never a secret. */
const CHOICE_KEY = 'twilioCredentials.terminalChoice';
/**
 * workspaceState key of the launch grants: keys (or Auth Tokens) other than the choice that this
 * workspace's launch configurations may name, each allowed once by the user. SIDs only.
 */
export const GRANTS_KEY = 'twilioCredentials.launchGrants';

/** "Use Key in Terminals": the key (or, without keySid, the Auth Token) to use. */
export interface UseArgs {
  accountSid?: string;
  keySid?: string;
  /** Change the choice without the modal (this extension's own tests only). */
  confirm?: boolean;
}

export interface StopArgs {
  /** Stop without the modal (this extension's own tests only). */
  confirm?: boolean;
}

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

  /** The keys (or Auth Tokens) this workspace's launch configurations may name besides the choice. SIDs only. */
  get grants(): CredentialChoice[] {
    return parseGrants(this.context.workspaceState.get(GRANTS_KEY));
  }

  /**
   * "Use Key in Terminals": the key named (by this extension's own caller: a key row), or the
   * user's pick (another caller's suggestion first). A change is shown in a modal before it is made.
   */
  async use(args: Args<UseArgs> = {}): Promise<CredentialChoice | undefined> {
    requireTrust();
    let choice: CredentialChoice;
    if (args.accountSid) {
      const named = parseChoice({ accountSid: args.accountSid, keySid: args.keySid });
      if (!named) throw new Error(vscode.l10n.t('Expected {0}: an Account SID and, unless the Auth Token is meant, an API key SID.', '{ accountSid, keySid }'));
      choice = named;
    } else {
      choice = await this.pick(args.prefill);
    }
    const resolved = await this.resolve(choice);
    if (!resolved) throw new Error(this.missingMessage(choice));
    const current = this.choice;
    if (!args.confirm && !sameChoice(choice, current) && !(await agree(this.change(resolved, current)))) return undefined;
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

  /** What the modal before a change of the choice says. */
  private change(next: ResolvedCredentials, current: CredentialChoice | undefined) {
    const what = this.describe(next.choice);
    const vars = next.variables.map(([n]) => n).join(', ');
    const lines = [
      vscode.l10n.t('They get {0} of "{1}", read from this editor\'s secret storage and never written to disk.', vars, next.account.label),
      vscode.l10n.t('Launch configurations and tasks of this workspace\'s launch.json and tasks.json that ask for Twilio credentials get them too.'),
    ];
    if (current) lines.push(vscode.l10n.t('This replaces {0}.', this.describe(current)));
    return {
      message: vscode.l10n.t('Give new terminals, tasks and debug sessions of this workspace {0}?', what),
      detail: lines.join('\n'),
      verb: vscode.l10n.t('Use in Terminals'),
    };
  }

  /** "the key "ci" (SK…) of "Prod"" or "the Auth Token of "Prod"", for questions. */
  private describe(choice: CredentialChoice): string {
    const account = this.s.accounts.get(choice.accountSid);
    const accountLabel = account?.label ?? choice.accountSid;
    return choice.keySid
      ? vscode.l10n.t('the key "{0}" ({1}) of "{2}"', account ? this.keyLabel(account, choice.keySid) : choice.keySid, choice.keySid, accountLabel)
      : vscode.l10n.t('the Auth Token of "{0}"', accountLabel);
  }

  /** "Stop Using in Terminals", after a modal. Returns whether a choice was removed. */
  async stop(args: Args<StopArgs> = {}): Promise<boolean> {
    const current = this.choice;
    if (!current) return false;
    if (!args.confirm) {
      const agreed = await agree({
        message: vscode.l10n.t('Stop giving new terminals, tasks and debug sessions of this workspace {0}?', this.describe(current)),
        detail: vscode.l10n.t('Terminals already open keep their environment until relaunched. Launch configurations that ask for Twilio credentials ask which key to use.'),
        verb: vscode.l10n.t('Stop Using'),
      });
      if (!agreed) return false;
    }
    await this.context.workspaceState.update(CHOICE_KEY, undefined);
    await this.serial(() => this.sync());
    this.s.log.info('Terminals of this workspace no longer get Twilio credentials.');
    void vscode.window.showInformationMessage(vscode.l10n.t('New terminals and tasks of this workspace no longer get Twilio credentials.'));
    return true;
  }

  /**
   * The variables for a launch configuration or task of this workspace's files (the caller checked
   * that): the workspace's choice, or, when there is none, the user's after a modal that names
   * what asks. Only in a trusted workspace.
   */
  async forLaunch(asker: string): Promise<ResolvedCredentials> {
    requireTrust();
    let choice = this.choice;
    if (!choice) {
      const agreed = await agree({
        message: vscode.l10n.t('{0} asks for Twilio credentials, and this workspace has no key chosen for its terminals, tasks and debug sessions.', asker),
        detail: vscode.l10n.t('Choose the key (or Auth Token) that this workspace\'s terminals, tasks and launch configurations get; it stays chosen until you stop using it.'),
        verb: vscode.l10n.t('Choose Key…'),
      });
      if (!agreed) throw new Cancelled();
      // The user asked to choose: the pick is the answer.
      choice = await this.use({ confirm: true });
      if (!choice) throw new Cancelled();
    }
    const resolved = await this.resolve(choice);
    if (!resolved) throw new Error(this.missingMessage(choice));
    return resolved;
  }

  /**
   * A launch configuration of this workspace's launch.json that names a key (or an Auth Token):
   * the choice needs nothing more; anything else needs a grant, asked for once (naming the key and
   * the workspace) and kept in workspace state (SIDs only) until withdrawn from the tree.
   */
  async forNamed(choice: CredentialChoice, asker: string): Promise<ResolvedCredentials> {
    requireTrust();
    const resolved = await this.resolve(choice);
    if (!resolved) throw new Error(this.missingMessage(choice));
    if (sameChoice(choice, this.choice) || this.grants.some((g) => sameChoice(g, choice))) return resolved;
    const workspace = vscode.workspace.name ?? vscode.l10n.t('this workspace');
    const agreed = await agree({
      message: vscode.l10n.t('Let launch configurations of "{0}" use {1}?', workspace, this.describe(choice)),
      detail: [
        vscode.l10n.t('{0} names it; it is not what this workspace\'s terminals use.', asker),
        vscode.l10n.t('From now on, debug sessions of this workspace\'s launch configurations that name it get {0}, read from secret storage in memory.', resolved.variables.map(([n]) => n).join(', ')),
        vscode.l10n.t('Asked once: withdraw it in the Twilio view, under the account.'),
      ].join('\n'),
      verb: vscode.l10n.t('Allow for This Workspace'),
    });
    if (!agreed) throw new Cancelled();
    await this.context.workspaceState.update(GRANTS_KEY, [...this.grants, storedForm(choice)]);
    this.s.log.info(`Launch configurations of this workspace may use ${choice.keySid ?? 'the Auth Token'} of ${choice.accountSid}.`);
    this.changed.fire();
    return resolved;
  }

  /** Withdraws a launch grant: the one a grant row names (this extension's own), or the user's pick. */
  async withdraw(args: Args<{ accountSid?: string; keySid?: string }> = {}): Promise<boolean> {
    const grants = this.grants;
    let grant: CredentialChoice | undefined = args.accountSid ? grants.find((g) => sameChoice(g, { accountSid: args.accountSid!, keySid: args.keySid })) : undefined;
    if (!args.accountSid) {
      if (!grants.length) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No launch configuration of this workspace has been allowed a key.'));
        return false;
      }
      const suggested = args.prefill?.accountSid ? { accountSid: args.prefill.accountSid, keySid: args.prefill.keySid } : undefined;
      const ordered = [...grants.filter((g) => sameChoice(g, suggested)), ...grants.filter((g) => !sameChoice(g, suggested))];
      const pick = await vscode.window.showQuickPick(
        ordered.map((g) => ({ label: this.describe(g), grant: g })),
        { title: vscode.l10n.t('Withdraw a Launch Grant'), placeHolder: vscode.l10n.t('Which key should launch configurations of this workspace no longer get?') },
      );
      if (!pick) throw new Cancelled();
      grant = pick.grant;
    }
    if (!grant) return false;
    await this.context.workspaceState.update(GRANTS_KEY, grants.filter((g) => !sameChoice(g, grant)));
    this.s.log.info(`Launch configurations of this workspace no longer get ${grant.keySid ?? 'the Auth Token'} of ${grant.accountSid}.`);
    this.changed.fire();
    return true;
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
    await this.pruneGrants();
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

  /** A grant whose key or account is gone from this editor is dropped (here or after another window's change). */
  private async pruneGrants(): Promise<void> {
    const grants = this.grants;
    const kept: CredentialChoice[] = [];
    for (const g of grants) if (await this.resolve(g)) kept.push(g);
    if (kept.length === grants.length) return;
    await this.context.workspaceState.update(GRANTS_KEY, kept);
    this.changed.fire();
  }

  private keyLabel(account: AccountRecord, keySid: string): string {
    return this.s.keys.find(account.accountSid, keySid)?.friendlyName || keySid;
  }

  private async pick(suggested?: Partial<UseArgs>): Promise<CredentialChoice> {
    const all = await this.candidates();
    const first = (c: Candidate) => c.choice.accountSid === suggested?.accountSid && (suggested?.keySid === undefined || c.choice.keySid === suggested.keySid);
    const candidates = [...all.filter(first), ...all.filter((c) => !first(c))];
    if (!candidates.length) {
      const create = vscode.l10n.t('Create API Key');
      const answer = await vscode.window.showInformationMessage(
        vscode.l10n.t('No key secret is stored in this editor yet. Create a key here (its secret is stored at once), or import one from twilio-cli.'),
        create,
      );
      if (answer === create) void keyFlows().createKey(this.s).catch((e: unknown) => reportFailure(this.s.log, Command.createKey, e));
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

const useFields = argsOf<UseArgs>({ accountSid: prefill(field.string), keySid: prefill(field.string), confirm: consent(field.boolean) });

/**
 * "Use Key in Terminals" names its choice by a key row, or `{ accountSid, keySid? }` (no keySid:
 * the Auth Token). An account row names no key: the user picks, that account's first.
 */
export const useArgs: TableParser<UseArgs> = Object.assign(
  (arg: unknown, caller: 'ours' | 'other') => {
    const row = treeRowRef(arg);
    if (row && !row.keySid) return row.accountSid ? { prefill: { accountSid: row.accountSid } } : {};
    return useFields(arg, caller);
  },
  { roles: useFields.roles },
);

export const stopArgs = argsOf<StopArgs>({ confirm: consent(field.boolean) });

/** A grant row (this extension's own) names the grant; anything else suggests at most. */
export const withdrawArgs = argsOf<{ accountSid?: string; keySid?: string }>({ accountSid: prefill(field.string), keySid: prefill(field.string) });

function fingerprint(vars: Array<[string, string]>): string {
  return createHash('sha256').update(JSON.stringify(vars)).digest('hex');
}
