import * as vscode from 'vscode';
import type { Services } from '../../services/services';
import type { CredentialLists } from '../../services/credentialLists';
import type { PagedCache } from '../../services/pagedCache';
import type { AccountRecord } from '../../services/model';
import type { AccountCredential, PushCredential } from '../../core/twilio/types';
import { TwilioApiError } from '../../core/twilio/errors';
import { pickAccount } from '../accounts/pickAccount';
import { Cancelled } from '../../platform/commands';
import type { Args } from '../../core/util/commandArgs';

/** What the credential commands work with: the services, and the lists the tree shows. */
export interface CredentialsContext {
  s: Services;
  lists: CredentialLists;
}

/** The credential a command acts on: a row, or `{ accountSid, sid }`; what is missing is asked for. */
export interface CredentialRef {
  accountSid?: string;
  sid?: string;
}

/**
 * The answers of this extension's own rows and flows, or another caller's suggestions
 * (`prefill`, src/core/util/commandArgs.ts): a suggested account or credential is offered first
 * in the picker, never taken without it.
 */
export type CredentialArgs = Args<CredentialRef>;

/**
 * The account a credential command acts on. A subaccount managed with its parent's Auth Token
 * cannot reach these APIs (Twilio gives a parent's token the REST API 2010 only): said up front.
 */
export async function credentialAccount(s: Services, ref: Args<{ accountSid?: string }>, title: string): Promise<AccountRecord> {
  const account = await pickAccount(s.accounts, { accountSid: ref.accountSid, prefill: ref.prefill }, title);
  if (account.parentAccountSid) {
    throw new Error(vscode.l10n.t('"{0}" is managed with its parent’s Auth Token, which reaches only the REST API 2010. Connect the subaccount with its own Auth Token or API key to manage its credentials.', account.label));
  }
  return account;
}

/** The account's list, loaded (again, when `fresh`) if needed; a failure to load is the command's error. */
async function loadedItems<T extends { sid: string }>(cache: PagedCache<T>, accountSid: string, fresh = false): Promise<T[]> {
  if (fresh || cache.state(accountSid)?.status !== 'loaded') await cache.load(accountSid, fresh || cache.state(accountSid)?.status === 'error');
  const state = cache.state(accountSid);
  if (state?.status === 'error') throw state.error;
  if (state?.status === 'noCredentials') throw new TwilioApiError('authentication', vscode.l10n.t('No stored credentials for this account.'));
  return cache.items(accountSid);
}

/** Finds the credential by SID (reloading the list once if it is not there), or asks which one. */
async function resolve<T extends { sid: string; friendlyName: string }>(
  cache: PagedCache<T>,
  account: AccountRecord,
  { sid, suggested }: { sid?: string; suggested?: string },
  pick: { title: string; placeHolder: string; none: string; describe: (item: T) => string; filter?: (item: T) => boolean },
): Promise<T> {
  if (sid) {
    const found = (await loadedItems(cache, account.accountSid)).find((c) => c.sid === sid) ?? (await loadedItems(cache, account.accountSid, true)).find((c) => c.sid === sid);
    if (!found) throw new Error(vscode.l10n.t('"{0}" has no such credential: {1}.', account.label, sid));
    return found;
  }
  const listed = (await loadedItems(cache, account.accountSid)).filter((c) => pick.filter?.(c) ?? true);
  const items = [...listed.filter((c) => c.sid === suggested), ...listed.filter((c) => c.sid !== suggested)];
  if (!items.length) {
    void vscode.window.showInformationMessage(pick.none);
    throw new Cancelled();
  }
  const chosen = await vscode.window.showQuickPick(
    items.map((item) => ({ label: item.friendlyName || item.sid, description: pick.describe(item), detail: item.sid, item })),
    { title: pick.title, placeHolder: pick.placeHolder, ignoreFocusOut: true },
  );
  if (!chosen) throw new Cancelled();
  return chosen.item;
}

export async function resolveAccountCredential(c: CredentialsContext, ref: CredentialArgs, title: string): Promise<{ account: AccountRecord; credential: AccountCredential }> {
  const account = await credentialAccount(c.s, ref, title);
  const credential = await resolve(c.lists.accountCredentials, account, { sid: ref.sid, suggested: ref.prefill?.sid }, {
    title,
    placeHolder: vscode.l10n.t('Which public key or AWS credential?'),
    none: vscode.l10n.t('"{0}" has no public keys or AWS credentials.', account.label),
    describe: (x) => (x.kind === 'publicKey' ? vscode.l10n.t('public key') : vscode.l10n.t('AWS')),
  });
  return { account, credential };
}

export async function resolvePushCredential(
  c: CredentialsContext,
  ref: CredentialArgs,
  title: string,
  filter?: (x: PushCredential) => boolean,
): Promise<{ account: AccountRecord; credential: PushCredential }> {
  const account = await credentialAccount(c.s, ref, title);
  const credential = await resolve(c.lists.push, account, { sid: ref.sid, suggested: ref.prefill?.sid }, {
    title,
    placeHolder: vscode.l10n.t('Which push credential?'),
    none: filter ? vscode.l10n.t('"{0}" has no FCM push credentials.', account.label) : vscode.l10n.t('"{0}" has no push credentials.', account.label),
    describe: (x) => x.type.toUpperCase(),
    filter,
  });
  return { account, credential };
}

/** Runs a Twilio call under a cancellable progress notification. */
export function withProgress<T>(title: string, run: (signal: AbortSignal) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_p, token) => {
    const ctl = new AbortController();
    token.onCancellationRequested(() => ctl.abort());
    return run(ctl.signal);
  });
}
