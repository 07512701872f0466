import * as vscode from 'vscode';
import type { Services } from '../../services/services';
import { registerCommand } from '../../platform/commands';
import { WorkspaceCredentials, stopArgs, useArgs, withdrawArgs, type TerminalsContext } from './workspaceCredentials';
import { DebugCredentials } from './debugCredentials';
import { Disposable } from '../../core/util/disposable';
import { Command } from '../../core/util/commandIds';

/**
 * "Use Key in Terminals" / "Stop Using in Terminals", and the debug-session side of the same
 * choice. Restores the workspace's choice at activation (from SecretStorage, never from a saved
 * environment collection).
 */
export class TerminalsFeature extends Disposable {
  readonly credentials: WorkspaceCredentials;
  readonly debug: DebugCredentials;

  constructor(s: Services, context: TerminalsContext) {
    super();
    this.credentials = new WorkspaceCredentials(s, context);
    this.debug = new DebugCredentials(this.credentials, s.log);
    this.own(
      this.credentials,
      this.debug,
      registerCommand(s.log, Command.useInTerminals, useArgs, (args) => this.credentials.use(args)),
      registerCommand(s.log, Command.stopUsingInTerminals, stopArgs, (args) => this.credentials.stop(args)),
      registerCommand(s.log, Command.withdrawLaunchGrant, withdrawArgs, (args) => this.credentials.withdraw(args)),
      this.credentials.onDidChange(() => {
        void vscode.commands.executeCommand('setContext', 'twilioCredentials.terminalsInUse', this.credentials.applied);
        void vscode.commands.executeCommand('setContext', 'twilioCredentials.hasLaunchGrants', this.credentials.grants.length > 0);
      }),
    );
    void this.credentials.restore();
  }
}
