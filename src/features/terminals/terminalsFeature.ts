import * as vscode from 'vscode';
import type { Services } from '../../services/services';
import { bind, registerFeature } from '../../platform/registerFeature';
import { WorkspaceCredentials, choiceArgs, type TerminalsContext } from './workspaceCredentials';
import { terminalsManifest } from './manifest';
import { Command } from '../../core/util/commandIds';
import { noArgs } from '../../core/util/commandArgs';
import { DebugCredentials } from './debugCredentials';
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
        [Command.useInTerminals]: bind(choiceArgs, (t: TerminalsFeature, choice) => t.credentials.use(choice)),
        [Command.stopUsingInTerminals]: bind(noArgs, (t: TerminalsFeature) => t.credentials.stop()),
        [Command.accountSid]: bind(noArgs, (t: TerminalsFeature) => t.debug.variable('accountSid')),
        [Command.apiKey]: bind(noArgs, (t: TerminalsFeature) => t.debug.variable('apiKey')),
        [Command.apiSecret]: bind(noArgs, (t: TerminalsFeature) => t.debug.variable('apiSecret')),
        [Command.authToken]: bind(noArgs, (t: TerminalsFeature) => t.debug.variable('authToken')),
      }, this, s.log),
      this.credentials.onDidChange(() => void vscode.commands.executeCommand('setContext', 'twilioCredentials.terminalsInUse', this.credentials.applied)),
    );
    void this.credentials.restore();
  }
}
