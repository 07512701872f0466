import * as vscode from 'vscode';
import type { Services } from '../../services/services';
import { registerCommand, orCancel } from '../../platform/commands';
import { AccountsTree } from './accountsTree';
import { connectAccount, connectArgs } from '../../features/accounts/connectAccount';
import { disconnectAccount, disconnectArgs, updateCredentials, updateCredentialsArgs, connectFromEnvironment } from '../../features/accounts/accountCommands';
import { createKey, createKeyArgs } from '../../features/keys/commands/createKey';
import { deleteKey, deleteKeyArgs } from '../../features/keys/commands/deleteKey';
import { renameKey, renameKeyArgs, copyKeySid, copyKeySecret, writeKeyToEnv, writeKeyToEnvArgs, openInConsole } from '../../features/keys/commands/simpleKeyCommands';
import { SubaccountCache } from '../../services/subaccountCache';
import { Disposable } from '../../core/util/disposable';
import { setting } from '../../platform/config';
import { rotateKey, rotateKeyArgs } from '../../features/keys/commands/rotateKey';
import { editPermissions, editPermissionsArgs } from '../../features/keys/commands/editPermissions';
import { createAccessToken, createAccessTokenArgs } from '../../features/keys/commands/createAccessToken';
import { importCliProfiles, importProfilesArgs } from '../../features/profiles/importProfiles';
import { Command, type CommandId } from '../../core/util/commandIds';
import { accountRef, argsOf, field, keyRef, noArgs, type AccountRef, type ArgParser } from '../../core/util/commandArgs';

/** The sidebar and every account and key command. Owns its disposables. */
export class KeysFeature extends Disposable {
  readonly tree: AccountsTree;
  readonly subaccounts: SubaccountCache;
  private offeredEnvironment = false;

  constructor(private readonly s: Services) {
    super();
    this.subaccounts = new SubaccountCache(s.accounts, s.twilio, s.log);
    this.tree = new AccountsTree(s.accounts, s.keys, s.envIndex, this.subaccounts);
    const reg = <T>(id: CommandId, parse: ArgParser<T>, handler: (arg: T) => unknown) => this.own(registerCommand(s.log, id, parse, handler));
    reg(Command.connectAccount, connectArgs, (args) => connectAccount(s, args));
    reg(Command.connectFromEnvironment, noArgs, () => connectFromEnvironment(s));
    reg(Command.disconnectAccount, disconnectArgs, (args) => disconnectAccount(s, args));
    reg(Command.updateCredentials, updateCredentialsArgs, (args) => updateCredentials(s, args));
    reg(Command.createKey, createKeyArgs, (args) => createKey(s, args));
    reg(Command.deleteKey, deleteKeyArgs, (args) => deleteKey(s, args));
    reg(Command.renameKey, renameKeyArgs, (args) => renameKey(s, args));
    reg(Command.copyKeySid, keyRef, (ref) => copyKeySid(s, ref));
    reg(Command.copyKeySecret, keyRef, (ref) => copyKeySecret(s, ref));
    reg(Command.writeKeyToEnv, writeKeyToEnvArgs, (args) => writeKeyToEnv(s, args));
    reg(Command.rotateKey, rotateKeyArgs, (args) => rotateKey(s, args));
    reg(Command.editKeyPermissions, editPermissionsArgs, (args) => editPermissions(s, args));
    reg(Command.createAccessToken, createAccessTokenArgs, (args) => createAccessToken(s, args));
    reg(Command.importCliProfiles, importProfilesArgs, (args) => importCliProfiles(s, args));
    reg(Command.openInConsole, keyRef, (ref) => openInConsole(s, ref));
    reg(Command.refresh, accountRef, (ref) => this.refresh(ref));
    reg(Command.loadMoreKeys, accountRef, (ref) => this.loadMore(ref));
    reg(Command.loadMoreSubaccounts, accountRef, (ref) => this.subaccounts.loadMore(ref.accountSid ?? ''));
    reg(Command.filter, argsOf<{ text?: string }>({ text: field.string }), (args) => this.filter(args));
    reg(Command.clearFilter, noArgs, () => this.tree.setFilter(''));
    reg(Command.showLog, noArgs, () => s.log.show());
    this.own(
      this.subaccounts,
      this.tree,
      this.tree.view.onDidChangeVisibility((e) => {
        if (e.visible) this.offerEnvironmentCredentials();
      }),
    );
    if (this.tree.view.visible) this.offerEnvironmentCredentials();
  }

  private refresh({ accountSid, subaccount }: AccountRef): void {
    if (accountSid) {
      this.s.keys.forget(accountSid);
      this.s.functions.forget(accountSid);
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

  private async filter(args: { text?: string }): Promise<void> {
    const text =
      args.text !== undefined
        ? args.text
        : orCancel(
            await vscode.window.showInputBox({
              title: vscode.l10n.t('Filter API Keys'),
              prompt: vscode.l10n.t('Show keys whose name or SID contains this text (empty to clear)'),
              value: this.tree.filter,
            }),
          );
    this.tree.setFilter(text);
  }

  /** Once per session, when the view opens with no account, offer credentials found nearby. */
  private offerEnvironmentCredentials(): void {
    if (this.offeredEnvironment || this.s.accounts.roots().length) return;
    if (!setting('offerEnvironmentCredentials')) return;
    this.offeredEnvironment = true;
    void connectFromEnvironment(this.s, true).catch((e) => this.s.log.error('Offering environment credentials failed', e));
  }
}
