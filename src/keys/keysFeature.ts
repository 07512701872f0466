import * as vscode from 'vscode';
import type { Services } from '../services/services';
import { registerCommand, orCancel } from '../util/commands';
import { AccountsTree } from './accountsTree';
import { connectAccount } from '../accounts/connectAccount';
import { disconnectAccount, updateCredentials, connectFromEnvironment } from '../accounts/accountCommands';
import { createKey } from './commands/createKey';
import { deleteKey } from './commands/deleteKey';
import { renameKey, copyKeySid, copyKeySecret, writeKeyToEnv, openInConsole } from './commands/simpleKeyCommands';
import { toKeyRef } from './commands/keyRef';
import { SubaccountCache } from './subaccountCache';
import { rotateKey } from './commands/rotateKey';
import { editPermissions } from './commands/editPermissions';
import { createAccessToken } from './commands/createAccessToken';
import { importCliProfiles } from '../profiles/importProfiles';
import { Command, type CommandId } from '../util/commandIds';

/** The sidebar and every account and key command. Owns its disposables. */
export class KeysFeature implements vscode.Disposable {
  readonly tree: AccountsTree;
  readonly subaccounts: SubaccountCache;
  private readonly disposables: vscode.Disposable[] = [];
  private offeredEnvironment = false;

  constructor(private readonly s: Services) {
    this.subaccounts = new SubaccountCache(s.accounts, s.twilio, s.log);
    this.tree = new AccountsTree(s.accounts, s.keys, s.envIndex, this.subaccounts);
    const reg = (id: CommandId, handler: (...args: never[]) => unknown) => this.disposables.push(registerCommand(s.log, id, handler));
    reg(Command.connectAccount, (args?: object) => connectAccount(s, isNode(args) ? {} : args));
    reg(Command.connectFromEnvironment, () => connectFromEnvironment(s));
    reg(Command.disconnectAccount, (arg?: unknown) => disconnectAccount(s, arg));
    reg(Command.updateCredentials, (arg?: unknown) => updateCredentials(s, arg));
    reg(Command.createKey, (args?: object) => createKey(s, isNode(args) ? { accountSid: toKeyRef(args).accountSid } : args));
    reg(Command.deleteKey, (arg?: unknown) => deleteKey(s, arg));
    reg(Command.renameKey, (arg?: unknown) => renameKey(s, arg));
    reg(Command.copyKeySid, (arg?: unknown) => copyKeySid(s, arg));
    reg(Command.copyKeySecret, (arg?: unknown) => copyKeySecret(s, arg));
    reg(Command.writeKeyToEnv, (arg?: unknown) => writeKeyToEnv(s, arg));
    reg(Command.rotateKey, (arg?: unknown) => rotateKey(s, arg));
    reg(Command.editKeyPermissions, (arg?: unknown) => editPermissions(s, arg));
    reg(Command.createAccessToken, (arg?: unknown) => createAccessToken(s, arg));
    reg(Command.importCliProfiles, (arg?: unknown) => importCliProfiles(s, arg));
    reg(Command.openInConsole, (arg?: unknown) => openInConsole(s, arg));
    reg(Command.refresh, (arg?: unknown) => this.refresh(arg));
    reg(Command.loadMoreKeys, (arg?: unknown) => this.loadMore(arg));
    reg(Command.loadMoreSubaccounts, (arg?: unknown) => this.subaccounts.loadMore(toKeyRef(arg).accountSid ?? ''));
    reg(Command.filter, (arg?: { text?: string }) => this.filter(arg));
    reg(Command.clearFilter, () => this.tree.setFilter(''));
    reg(Command.showLog, () => s.log.show());
    this.disposables.push(
      this.subaccounts,
      this.tree,
      this.tree.view.onDidChangeVisibility((e) => {
        if (e.visible) this.offerEnvironmentCredentials();
      }),
    );
    if (this.tree.view.visible) this.offerEnvironmentCredentials();
  }

  private refresh(arg?: unknown): void {
    const { accountSid } = toKeyRef(arg);
    if (accountSid) {
      this.s.keys.forget(accountSid);
      void this.s.keys.load(accountSid);
    } else {
      this.tree.refresh();
    }
    void this.s.envIndex.whenReady();
  }

  private async loadMore(arg?: unknown): Promise<number> {
    const { accountSid } = toKeyRef(arg);
    if (!accountSid) return 0;
    await this.s.keys.loadMore(accountSid);
    return this.s.keys.keys(accountSid).length;
  }

  private async filter(arg?: { text?: string }): Promise<void> {
    const text =
      typeof arg?.text === 'string'
        ? arg.text
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
    if (!vscode.workspace.getConfiguration('twilioCredentials').get('offerEnvironmentCredentials', true)) return;
    this.offeredEnvironment = true;
    void connectFromEnvironment(this.s, true).catch((e) => this.s.log.error('Offering environment credentials failed', e));
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** Tree nodes arrive as the first argument when a command runs from a menu. */
function isNode(arg: unknown): arg is { kind: string } {
  return !!arg && typeof arg === 'object' && 'kind' in arg;
}
