import * as vscode from 'vscode';
import type { Services } from '../../services/services';
import { orCancel } from '../../platform/commands';
import { bind, registerFeature } from '../../platform/registerFeature';
import { AccountsTree } from './accountsTree';
import { accountFlows } from '../../features/accounts/register';
import { FunctionsGroup, functionsTreeBundle } from './functionsGroup';
import { SubaccountCache } from '../../services/subaccountCache';
import { Disposable } from '../../core/util/disposable';
import { setting } from '../../platform/config';
import { accountRef, argsOf, field, noArgs, prefill, suggestion, type AccountRef, type Args } from '../../core/util/commandArgs';
import { Command } from '../../core/util/commandIds';
import { accountsViewManifest } from './manifest';

/**
 * The Accounts view: the tree and the commands that act on the view itself (refresh, load more,
 * filter, the log); every account and key command is registered by its own feature. Owns its
 * disposables.
 */
export class AccountsView extends Disposable {
  readonly tree: AccountsTree;
  readonly subaccounts: SubaccountCache;
  private offeredEnvironment = false;

  constructor(private readonly s: Services) {
    super();
    this.subaccounts = new SubaccountCache(s.accounts, s.twilio, s.log);
    this.tree = new AccountsTree(s.accounts, s.keys, s.envIndex, this.subaccounts);
    this.tree.showFunctions(new FunctionsGroup(() => functionsTreeBundle().functionsSection(s.functions.cache())));
    this.own(
      this.subaccounts,
      this.tree,
      ...registerFeature(accountsViewManifest, {
        [Command.refresh]: bind(accountRef, (v: AccountsView, ref) => v.refresh(ref)),
        [Command.loadMoreKeys]: bind(accountRef, (v: AccountsView, ref) => v.loadMore(ref)),
        [Command.loadMoreSubaccounts]: bind(accountRef, (v: AccountsView, { accountSid }) => v.subaccounts.loadMore(accountSid ?? '')),
        [Command.filter]: bind(argsOf<{ text?: string }>({ text: prefill(field.string) }), (v: AccountsView, args) => v.filter(args)),
        [Command.clearFilter]: bind(noArgs, (v: AccountsView) => v.tree.setFilter('')),
        [Command.showLog]: bind(noArgs, (v: AccountsView) => v.s.log.show()),
      }, this, s.log),
      this.tree.view.onDidChangeVisibility((e) => {
        if (e.visible) this.offerEnvironmentCredentials();
      }),
    );
    if (this.tree.view.visible) this.offerEnvironmentCredentials();
  }

  private refresh({ accountSid, subaccount }: AccountRef): void {
    if (accountSid) {
      this.s.keys.forget(accountSid);
      this.tree.forgetSections(accountSid);
      this.s.functions.loaded?.forget(accountSid);
      // A subaccount row may never have been expanded: its keys are loaded as expanding does.
      void (subaccount ? this.s.keys.loadSubaccount(subaccount.parentSid, { sid: accountSid, friendlyName: subaccount.friendlyName }) : this.s.keys.load(accountSid));
    } else {
      this.tree.refresh();
    }
    void this.s.envIndex.whenReady();
  }

  private async loadMore({ accountSid }: AccountRef): Promise<number> {
    if (!accountSid) return 0;
    await this.s.keys.loadMore(accountSid);
    return this.s.keys.items(accountSid).length;
  }

  private async filter(args: Args<{ text?: string }>): Promise<void> {
    const text =
      args.text !== undefined
        ? args.text
        : orCancel(
            await vscode.window.showInputBox({
              title: vscode.l10n.t('Filter API Keys'),
              prompt: vscode.l10n.t('Show keys whose name or SID contains this text (empty to clear)'),
              value: suggestion(args, 'text') ?? this.tree.filter,
            }),
          );
    this.tree.setFilter(text);
  }

  /** Once per session, when the view opens with no account, offer credentials found nearby. */
  private offerEnvironmentCredentials(): void {
    if (this.offeredEnvironment || this.s.accounts.roots().length) return;
    if (!setting('offerEnvironmentCredentials')) return;
    this.offeredEnvironment = true;
    void accountFlows().connectFromEnvironment(this.s, true).catch((e) => this.s.log.error('Offering environment credentials failed', e));
  }
}
