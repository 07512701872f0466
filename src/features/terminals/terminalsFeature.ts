import * as vscode from 'vscode';
import type { Services } from '../../services/services';
import { bind, registerFeature } from '../../platform/registerFeature';
import { WorkspaceCredentials, stopArgs, useArgs, withdrawArgs, type TerminalsContext } from './workspaceCredentials';
import { terminalsManifest } from './manifest';
import { Command } from '../../core/util/commandIds';
import { DebugCredentials, launchTargetArgs } from './debugCredentials';
import { Disposable } from '../../core/util/disposable';

/**
 * "Use Key in Terminals" / "Stop Using in Terminals", and the debug-session side of the same
 * choice; its commands are the table in manifest.ts. Restores the workspace's choice at activation (from SecretStorage, never from a saved
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
      ...registerFeature(terminalsManifest, {
        [Command.useInTerminals]: bind(useArgs, (t: TerminalsFeature, args) => t.credentials.use(args)),
        [Command.stopUsingInTerminals]: bind(stopArgs, (t: TerminalsFeature, args) => t.credentials.stop(args)),
        [Command.withdrawLaunchGrant]: bind(withdrawArgs, (t: TerminalsFeature, args) => t.credentials.withdraw(args)),
        [Command.accountSid]: bind(launchTargetArgs, (t: TerminalsFeature, target) => t.debug.variable('accountSid', target)),
        [Command.apiKey]: bind(launchTargetArgs, (t: TerminalsFeature, target) => t.debug.variable('apiKey', target)),
        [Command.apiSecret]: bind(launchTargetArgs, (t: TerminalsFeature, target) => t.debug.variable('apiSecret', target)),
        [Command.authToken]: bind(launchTargetArgs, (t: TerminalsFeature, target) => t.debug.variable('authToken', target)),
      }, this, s.log),
      this.credentials.onDidChange(() => {
        void vscode.commands.executeCommand('setContext', 'twilioCredentials.terminalsInUse', this.credentials.applied);
        void vscode.commands.executeCommand('setContext', 'twilioCredentials.hasLaunchGrants', this.credentials.grants.length > 0);
      }),
    );
    void this.credentials.restore();
  }
}
