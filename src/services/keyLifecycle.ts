// The life of an API key made or removed here, in one place: mint (create on Twilio, store the
// secret, hand it to the user if it cannot be kept), write it to a `.env`, and retire it (delete on
// Twilio, forget the secret, clear its `.env` lines). Every feature that makes or removes a key
// calls these methods directly: Create API Key, Rotate API Key, Replace Auth Token with API Key,
// Create Access Token and the `twilio` authentication provider.
import type * as vscode from 'vscode';
import type { AccountStore } from './accountStore';
import type { KeyCache } from './keyCache';
import type { TwilioApi, TwilioService } from './twilioService';
import type { AccountRecord } from './model';
import type { Log } from '../platform/log';
import type { EnvIndex, EnvFileFacts } from '../workspace/dotenv/envIndex';
import type { EnvTargetOptions, EnvWriter, WriteOutcome } from '../workspace/dotenv/envWriter';
import type { DotenvEdit } from '../workspace/dotenv/edit';
import { keyEnvEdits } from '../workspace/dotenv/keyEdits';
import { envVariableNames } from '../platform/config';
import { Cancelled, errorMessage } from '../platform/commands';
import { TwilioApiError } from '../core/twilio/errors';
import { restrictedKeysAvailable, stripSecret, type AccountCredentials, type ApiKey, type CreatedKey } from '../core/twilio/types';
import * as l10n from '@vscode/l10n';

/** Where a `.env` write goes: that file, or the one named or picked (EnvWriter's options). */
export type EnvTarget = { uri: vscode.Uri } | EnvTargetOptions;

/** What a new key is: its name, and a Restricted key's permissions. */
export type KeySpec = { friendlyName: string; type: 'standard' } | { friendlyName: string; type: 'restricted'; permissions: string[] };

/**
 * A key just created, its secret in memory. `stored`: in SecretStorage. A secret that is neither
 * stored nor written to a `.env` through `writeToEnv` is handed to the user when the caller is done.
 */
export interface MintedKey {
  readonly accountSid: string;
  /** The key as the tree shows it (no secret). */
  readonly key: ApiKey;
  readonly secret: string;
  readonly stored: boolean;
  /** Why it could not be stored (a message without secrets). */
  readonly storeError?: string;
  /** Writes the key's three variables to a `.env` (and refreshes the index); a written secret is saved. */
  writeToEnv(target: EnvTarget): Promise<WriteOutcome>;
}

/** The create request failed: no key was made (or, `error.outcomeUnknown`, maybe one whose secret never arrived). */
class KeyNotCreated extends Error {
  constructor(readonly error: TwilioApiError) {
    super(error.message);
  }
}

/** What the lifecycle asks of the editor: src/features/keys/lifecycleUi.ts (a recording fake in unit tests). */
export interface LifecycleUi {
  /** Runs the create request and the storing, e.g. under a progress notification. */
  creating<T>(friendlyName: string, work: () => Promise<T>): PromiseLike<T>;
  /** Hands a secret that could not be kept to the user (copy, reveal, write to .env) until they say it is saved. */
  handOff(key: MintedKey, reason: string, writeToEnv: () => Promise<boolean>): Promise<void>;
  /**
   * A create whose answer was lost: `lost` are the keys of that name made since (undefined: they
   * could not be listed). True when the user wants them deleted (their secrets can never be known).
   */
  lostAnswer(friendlyName: string, cause: TwilioApiError, lost: ApiKey[] | undefined): Promise<boolean>;
}

export interface MintOptions<T> {
  /** Runs creating and storing instead of `LifecycleUi.creating` (rotation shows its own progress). */
  under?: <R>(work: () => Promise<R>) => PromiseLike<R>;
  /**
   * What a failed create request gives instead of throwing (rotation reports it as its own stop).
   * Without it, the error is thrown, and a lost answer is first looked for and the user asked.
   */
  notCreated?: (error: TwilioApiError) => T;
}

export interface RetireOptions {
  /** Twilio no longer has it (a 404 while resolving it): only tidy up here. */
  missing?: boolean;
  /** Runs the delete request, e.g. under a cancellable progress notification; by default as is. */
  under?: <T>(send: (signal?: AbortSignal) => Promise<T>) => PromiseLike<T>;
  /** Called once the key is gone from Twilio, the tree and SecretStorage, before its `.env` lines are touched. */
  onGone?: (alreadyGone: boolean) => unknown;
  /** Its variables in the workspace's `.env` files: kept, removed, or removed if the answer is yes. */
  envLines: 'keep' | 'remove' | ((files: string[]) => Promise<boolean>);
}

/** The services the lifecycle works with (the `Services` bag, or fakes in unit tests). */
export interface LifecycleServices {
  log: Pick<Log, 'protect' | 'info' | 'warn' | 'error'>;
  accounts: Pick<AccountStore, 'requireCredentials' | 'storeKeySecret' | 'getKeySecret' | 'forgetKeySecret'>;
  keys: Pick<KeyCache, 'upsert' | 'remove'>;
  twilio: Pick<TwilioService, 'get'>;
  envWriter: Pick<EnvWriter, 'write' | 'pickAndWrite'>;
  envIndex: Pick<EnvIndex, 'refresh' | 'whenReady' | 'referencing'>;
}

/** Why a Restricted key cannot be made for an account in `region`. */
export function restrictedUnavailable(region: string | undefined): string {
  return l10n.t('Key type: Standard. Restricted keys exist only in Twilio’s United States (US1) region, and this account is in {0}.', region ?? 'us1');
}

/** A minted key and what became of its secret. */
class Minted implements MintedKey {
  stored = false;
  storeError: string | undefined;
  envFile: vscode.Uri | undefined;
  constructor(
    private readonly lifecycle: KeyLifecycle,
    readonly accountSid: string,
    readonly key: ApiKey,
    readonly secret: string,
  ) {}

  /** Where the user can find the secret again. */
  get saved(): boolean {
    return this.stored || this.envFile !== undefined;
  }

  async writeToEnv(target: EnvTarget): Promise<WriteOutcome> {
    const outcome = await this.lifecycle.writeToEnv(keyEnvEdits(this.accountSid, this.key.sid, this.secret), target);
    if (outcome.ok) this.envFile = outcome.uri;
    return outcome;
  }
}

export class KeyLifecycle {
  constructor(
    private readonly s: LifecycleServices,
    private readonly ui: LifecycleUi,
  ) {}

  /**
   * Creates a key on Twilio, stores its secret and passes the key, secret in hand, to `use`, whose
   * result is returned. A created key's secret is never dropped: whatever fails after Twilio
   * answered (storing, showing it in the tree, `use` itself), a secret neither stored nor written
   * to a `.env` is handed to the user before this returns or throws. A failed create request
   * (nothing to keep) throws its TwilioApiError, or Cancelled once a lost answer was dealt with,
   * unless `opts.notCreated` says what it gives.
   */
  async mint<T>(account: AccountRecord, spec: KeySpec, use: (key: MintedKey) => Promise<T> | T, opts: MintOptions<T> = {}): Promise<T> {
    if (spec.type === 'restricted' && !restrictedKeysAvailable(account.region)) throw new Error(restrictedUnavailable(account.region));
    const creds = await this.s.accounts.requireCredentials(account);
    const api = await this.s.twilio.get();
    const under = opts.under ?? (<R>(work: () => Promise<R>) => this.ui.creating(spec.friendlyName, work));
    const askedAt = Date.now();
    let minted: Minted | undefined;
    let failure: unknown;
    try {
      await under(async () => {
        minted = new Minted(this, account.accountSid, ...(await this.create(api, creds, spec)));
        await this.keep(minted, spec);
      });
      return await use(minted!);
    } catch (e) {
      failure = e;
      if (!(e instanceof KeyNotCreated)) throw e;
      if (opts.notCreated) return opts.notCreated(e.error);
      if (e.error.outcomeUnknown) await this.reconcileLostAnswer(account, api, creds, spec.friendlyName, askedAt, e.error);
      throw e.error;
    } finally {
      if (minted && !minted.saved) await this.handOff(minted, failure);
    }
  }

  /** The one create request; the secret is registered with the log the moment it exists. */
  private async create(api: TwilioApi, creds: AccountCredentials, spec: KeySpec): Promise<[ApiKey, string]> {
    let created: CreatedKey;
    try {
      created = await api.createKey(creds, spec.type === 'restricted' ? spec : { friendlyName: spec.friendlyName, type: 'standard' });
    } catch (e) {
      throw new KeyNotCreated(TwilioApiError.from(e));
    }
    this.s.log.protect(created.secret);
    return [stripSecret(created), created.secret];
  }

  /** SecretStorage first, then the tree; neither failure is thrown: `mint` decides what the user gets. */
  private async keep(minted: Minted, spec: KeySpec): Promise<void> {
    const { accountSid, key } = minted;
    try {
      await this.s.accounts.storeKeySecret(accountSid, key.sid, minted.secret);
      minted.stored = true;
    } catch (e) {
      minted.storeError = errorMessage(e);
      this.s.log.error(`Storing the secret of ${key.sid} failed`, e);
    }
    try {
      this.s.keys.upsert(accountSid, key);
    } catch (e) {
      this.s.log.error(`Showing the new key ${key.sid} failed`, e);
    }
    this.s.log.info(`Created ${spec.type} key ${key.sid} "${spec.friendlyName}" on ${accountSid}; secret ${minted.stored ? 'stored in SecretStorage' : 'NOT stored'}.`);
  }

  /** The last line of defence: the user saves the secret. A hand-off that itself fails is logged, never hides the first error. */
  private async handOff(minted: Minted, failure: unknown): Promise<void> {
    const reason = minted.storeError ?? errorMessage(failure ?? new Error(l10n.t('The secret could not be stored.')));
    try {
      // The user chose "Write to .env" in the hand-off modal: no second modal before the write.
      await this.ui.handOff(minted, reason, async () => (await minted.writeToEnv({ agreed: true })).ok);
    } catch (e) {
      this.s.log.error(`Handing the secret of ${minted.key.sid} to the user failed`, e);
    }
  }

  /**
   * The create request was sent but its answer never arrived: Twilio may have made the key. Look
   * for a key of that name created since; its secret is lost for good, so offer to delete it.
   * Throws the cause when nothing was made, Cancelled once the user has been told.
   */
  private async reconcileLostAnswer(account: AccountRecord, api: TwilioApi, creds: AccountCredentials, friendlyName: string, askedAt: number, cause: TwilioApiError): Promise<void> {
    const lost = await this.findLost(api, creds, friendlyName, askedAt);
    if (lost && !lost.length) {
      this.s.log.info(`The answer to creating "${friendlyName}" was lost, and no such key exists: nothing was created.`);
      return;
    }
    for (const k of lost ?? []) this.s.keys.upsert(account.accountSid, k);
    if ((await this.ui.lostAnswer(friendlyName, cause, lost)) && lost) {
      for (const k of lost) await this.retire(account, k.sid, { envLines: 'keep' });
    }
    throw new Cancelled();
  }

  /** Keys of that name created since we asked (a minute of clock skew allowed); undefined when they cannot be listed. */
  private async findLost(api: TwilioApi, creds: AccountCredentials, friendlyName: string, askedAt: number): Promise<ApiKey[] | undefined> {
    const made = (keys: ApiKey[]) => keys.filter((k) => k.friendlyName === friendlyName && (!k.dateCreated || k.dateCreated.getTime() >= askedAt - 60_000));
    try {
      let page = await api.listKeys(creds, { pageSize: 1000 });
      let found = made(page.keys);
      while (!found.length && page.hasMore) {
        page = await page.next();
        found = made(page.keys);
      }
      return found;
    } catch (e) {
      this.s.log.error('Looking for a key whose creation answer was lost failed', e);
      return undefined;
    }
  }

  /**
   * Writes edits to a `.env` (that file, or the one named or picked) through the one writer, then
   * refreshes the `.env` index so the tree and the next command see what was written.
   */
  async writeToEnv(edits: DotenvEdit[], target: EnvTarget): Promise<WriteOutcome> {
    const outcome = 'uri' in target ? await this.s.envWriter.write(target.uri, edits) : await this.s.envWriter.pickAndWrite(edits, target);
    // The workspace-files gate (issue 19, point 3) makes the writer tell the index what it wrote;
    // until then the refresh is here, once, for every key write.
    if (outcome.ok) await this.s.envIndex.refresh(outcome.uri);
    return outcome;
  }

  /**
   * Deletes a key on Twilio (already gone counts as deleted), removes it from the tree and forgets
   * its stored secret, then deals with its `.env` lines as `opts.envLines` says.
   */
  async retire(account: AccountRecord, keySid: string, opts: RetireOptions): Promise<{ alreadyGone: boolean }> {
    const creds = await this.s.accounts.requireCredentials(account);
    // Read before deleting: the secret identifies the key's lines in .env files afterwards.
    const secret = opts.envLines === 'keep' ? undefined : await this.s.accounts.getKeySecret(account.accountSid, keySid);
    const refs = opts.envLines === 'keep' ? [] : await this.references(keySid);
    const alreadyGone = opts.missing || !(await this.revoke(creds, keySid, opts.under));
    this.s.keys.remove(account.accountSid, keySid);
    await this.s.accounts.forgetKeySecret(account.accountSid, keySid);
    this.s.log.info(`Deleted key ${keySid} of ${account.accountSid}${alreadyGone ? ' (it was already gone)' : ''}.`);
    await opts.onGone?.(alreadyGone);
    const clear = opts.envLines === 'remove' || (typeof opts.envLines === 'function' && refs.length > 0 && (await opts.envLines(refs.map((r) => r.file.label))));
    if (refs.length && clear) await this.clearEnvLines(keySid, secret, refs);
    return { alreadyGone };
  }

  private async references(keySid: string): Promise<Array<{ file: EnvFileFacts; names: string[] }>> {
    await this.s.envIndex.whenReady();
    return this.s.envIndex.referencing(keySid);
  }

  /** Deletes the key on Twilio; false when Twilio says it was already gone (404). */
  private async revoke(creds: AccountCredentials, keySid: string, under?: RetireOptions['under']): Promise<boolean> {
    const api = await this.s.twilio.get();
    const send = (signal?: AbortSignal) => api.deleteKey(creds, keySid, { signal });
    try {
      await (under ? under(send) : send());
      return true;
    } catch (e) {
      const err = TwilioApiError.from(e);
      if (err.kind === 'notFound') return false; // deleted elsewhere: just tidy up here
      throw err;
    }
  }

  /**
   * Removes the variables holding the key's SID and its secret: those whose value is the stored
   * secret, and the configured secret variable when the configured key variable named this key.
   * A file that could not be parsed is never rewritten.
   */
  private async clearEnvLines(keySid: string, secret: string | undefined, refs: Array<{ file: EnvFileFacts; names: string[] }>): Promise<void> {
    const vars = envVariableNames();
    for (const { file, names } of refs) {
      if (file.error) continue;
      const toRemove = new Set(names);
      for (const a of file.assignments) if (secret !== undefined && a.value === secret) toRemove.add(a.name);
      if (names.includes(vars.apiKey)) toRemove.add(vars.apiSecret);
      const present = [...toRemove].filter((n) => file.assignments.some((a) => a.name === n));
      await this.writeToEnv(present.map((n) => ({ remove: n })), { uri: file.uri });
    }
    this.s.log.info(`Removed variables of ${keySid} from ${refs.length} .env file(s).`);
  }
}
