import * as vscode from 'vscode';
import type { FunctionsEnvironment, FunctionsService, Page } from '../core/twilio/types';
import type { KnownSecretOwner } from '../core/twilio/variableKinds';
import type { AccountStore } from './accountStore';
import type { TwilioService } from './twilioService';
import type { Log } from '../platform/log';
import type { Paged } from './pagedCache';
import { CancellableCache } from './cancellableCache';
import { Disposable } from '../core/util/disposable';
import { knownSecrets, sameFingerprints, secretOwners } from './secretOwners';
import { credentialVariables, environmentsKey, keyParts, variablesKey, type CredentialVariable } from './functionsVariables';

/** A page that also says how many items Twilio listed so far (variables: checked, not only kept). */
export interface CountedPage<T> extends Paged<T> {
  listed: number;
}

async function counted<T, U>(page: Page<T>, map: (items: T[]) => U[] | Promise<U[]>, before = 0): Promise<CountedPage<U>> {
  const listed = before + page.items.length;
  return {
    items: await map(page.items),
    hasMore: page.hasMore,
    listed,
    next: async (signal) => counted(await page.next({ signal }), map, listed),
  };
}

/**
 * Each account's Twilio Functions, page by page, loaded when the tree asks: its services, each
 * service's environments, and each environment's variables that hold a credential. Variables are
 * classified as their page arrives (against the secrets this editor holds, by fingerprint) and
 * their values dropped: nothing here ever holds a value. Keys: `AC…`, `AC…/ZS…`, `AC…/ZS…/ZE…`.
 */
export class FunctionsCache extends Disposable {
  readonly services: CancellableCache<FunctionsService>;
  readonly environments: CancellableCache<FunctionsEnvironment>;
  readonly variables: CancellableCache<CredentialVariable>;
  private readonly changed = this.own(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  /** The secrets the loaded variables were classified against: when they change, classify again. */
  private classifiedWith: ReadonlyMap<string, KnownSecretOwner> | undefined;

  constructor(
    private readonly accounts: AccountStore,
    twilio: TwilioService,
    log: Log,
    pageSize: () => number,
  ) {
    super();
    this.services = new CancellableCache<FunctionsService>(
      async (accountSid, signal) => {
        const creds = await accounts.credentials(accountSid);
        if (!creds) return 'noCredentials';
        return counted(await (await twilio.get()).listFunctionsServices(creds, { pageSize: pageSize(), signal }), (items) => items);
      },
      'Functions services',
      log,
    );
    this.environments = new CancellableCache<FunctionsEnvironment>(
      async (key, signal) => {
        const { accountSid, serviceSid } = keyParts(key);
        const creds = await accounts.credentials(accountSid);
        if (!creds || !serviceSid) return 'noCredentials';
        return counted(await (await twilio.get()).listFunctionsEnvironments(creds, serviceSid, { pageSize: pageSize(), signal }), (items) => items);
      },
      'Functions environments',
      log,
    );
    this.variables = new CancellableCache<CredentialVariable>(
      async (key, signal) => {
        const { accountSid, serviceSid, environmentSid } = keyParts(key);
        const creds = await accounts.credentials(accountSid);
        if (!creds || !serviceSid || !environmentSid) return 'noCredentials';
        const page = await (await twilio.get()).listFunctionsVariables(creds, { serviceSid, environmentSid }, { pageSize: pageSize(), signal });
        return counted(page, async (items) => credentialVariables(items, knownSecrets(await this.owners()), accountSid));
      },
      'Functions variables',
      log,
    );
    this.own(
      this.services,
      this.environments,
      this.variables,
      this.services.onDidChange(() => this.changed.fire()),
      this.environments.onDidChange(() => this.changed.fire()),
      this.variables.onDidChange(() => this.changed.fire()),
      accounts.onDidChange(() => void this.accountsChanged()),
    );
  }

  /** Forgets what is known of an account's Functions (all accounts without one): the next look loads it again. */
  forget(accountSid?: string): void {
    const ofAccount = (key: string) => accountSid === undefined || keyParts(key).accountSid === accountSid;
    for (const cache of [this.services, this.environments, this.variables]) cache.forgetWhere(ofAccount);
  }

  /** The next page of a list (an account's services, a service's environments, an environment's variables), or its first page again after a failure (Retry). */
  async more({ accountSid, serviceSid, environmentSid }: { accountSid: string; serviceSid?: string; environmentSid?: string }): Promise<void> {
    const [cache, key]: [CancellableCache<{ sid: string }>, string] =
      serviceSid && environmentSid
        ? [this.variables, variablesKey(accountSid, { serviceSid, environmentSid })]
        : serviceSid
          ? [this.environments, environmentsKey(accountSid, serviceSid)]
          : [this.services, accountSid];
    const state = cache.state(key);
    if (state?.status === 'loaded') await cache.loadMore(key);
    else if (state?.status !== 'loading') await cache.load(key, true);
  }

  /** Forgets one environment's variables (after writing to them). */
  forgetVariables(accountSid: string, env: { serviceSid: string; environmentSid: string }): void {
    this.variables.forget(variablesKey(accountSid, env));
  }

  /** The fingerprints of the secrets held now, remembered as those the variables are classified against. */
  private async owners(): Promise<ReadonlyMap<string, KnownSecretOwner>> {
    this.classifiedWith = await secretOwners(this.accounts);
    return this.classifiedWith;
  }

  /**
   * An account disconnected takes its Functions along; a secret stored or dropped can change what a
   * variable holds ("an unknown secret" becomes "the secret of key SK…"): its environments are
   * classified again, which means listing them again, since no value was kept.
   */
  private async accountsChanged(): Promise<void> {
    const connected = new Set(this.accounts.list().map((a) => a.accountSid));
    const gone = (key: string) => !connected.has(keyParts(key).accountSid);
    for (const cache of [this.services, this.environments, this.variables]) cache.forgetWhere(gone);
    const before = this.classifiedWith;
    if (!before) return;
    const now = await secretOwners(this.accounts);
    if (this.classifiedWith !== before || sameFingerprints(before, now)) return;
    this.classifiedWith = now;
    this.variables.forgetWhere(() => true);
  }
}

