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

/** The sidebar and every account and key command. Owns its disposables. */
export class KeysFeature implements vscode.Disposable {
  readonly tree: AccountsTree;
  readonly subaccounts: SubaccountCache;
  private readonly disposables: vscode.Disposable[] = [];
  private offeredEnvironment = false;

  constructor(private readonly s: Services) {
    this.subaccounts = new SubaccountCache(s.accounts, s.twilio, s.log);
    this.tree = new AccountsTree(s.accounts, s.keys, s.envIndex, this.subaccounts);
    const reg = (id: string, handler: (...args: never[]) => unknown) => this.disposables.push(registerCommand(s.log, id, handler));
    reg('twilioCredentials.connectAccount', (args?: object) => connectAccount(s, isNode(args) ? {} : args));
    reg('twilioCredentials.connectFromEnvironment', () => connectFromEnvironment(s));
    reg('twilioCredentials.disconnectAccount', (arg?: unknown) => disconnectAccount(s, arg));
    reg('twilioCredentials.updateCredentials', (arg?: unknown) => updateCredentials(s, arg));
    reg('twilioCredentials.createKey', (args?: object) => createKey(s, isNode(args) ? { accountSid: toKeyRef(args).accountSid } : args));
    reg('twilioCredentials.deleteKey', (arg?: unknown) => deleteKey(s, arg));
    reg('twilioCredentials.renameKey', (arg?: unknown) => renameKey(s, arg));
    reg('twilioCredentials.copyKeySid', (arg?: unknown) => copyKeySid(s, arg));
    reg('twilioCredentials.copyKeySecret', (arg?: unknown) => copyKeySecret(s, arg));
    reg('twilioCredentials.writeKeyToEnv', (arg?: unknown) => writeKeyToEnv(s, arg));
    reg('twilioCredentials.rotateKey', (arg?: unknown) => rotateKey(s, arg));
    reg('twilioCredentials.editKeyPermissions', (arg?: unknown) => editPermissions(s, arg));
    reg('twilioCredentials.createAccessToken', (arg?: unknown) => createAccessToken(s, arg));
    reg('twilioCredentials.importCliProfiles', (arg?: unknown) => importCliProfiles(s, arg));
    reg('twilioCredentials.openInConsole', (arg?: unknown) => openInConsole(s, arg));
    reg('twilioCredentials.refresh', (arg?: unknown) => this.refresh(arg));
    reg('twilioCredentials.loadMoreKeys', (arg?: unknown) => this.loadMore(arg));
    reg('twilioCredentials.loadMoreSubaccounts', (arg?: unknown) => this.subaccounts.loadMore(toKeyRef(arg).accountSid ?? ''));
    reg('twilioCredentials.filter', (arg?: { text?: string }) => this.filter(arg));
    reg('twilioCredentials.clearFilter', () => this.tree.setFilter(''));
    reg('twilioCredentials.showLog', () => s.log.show());
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
    return this.s.keys.items(accountSid).length;
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
