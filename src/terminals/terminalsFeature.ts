import * as vscode from 'vscode';
import type { Services } from '../services/services';
import { registerCommand } from '../util/commands';
import { WorkspaceCredentials, type TerminalsContext } from './workspaceCredentials';
import { DebugCredentials } from '../debug/debugCredentials';

/**
 * "Use Key in Terminals" / "Stop Using in Terminals", and the debug-session side of the same
 * choice. Restores the workspace's choice at activation (from SecretStorage, never from a saved
 * environment collection).
 */
export class TerminalsFeature implements vscode.Disposable {
  readonly credentials: WorkspaceCredentials;
  readonly debug: DebugCredentials;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(s: Services, context: TerminalsContext) {
    this.credentials = new WorkspaceCredentials(s, context);
    this.debug = new DebugCredentials(this.credentials, s.log);
    this.disposables.push(
      this.credentials,
      this.debug,
      registerCommand(s.log, 'twilioCredentials.useInTerminals', (arg?: unknown) => this.credentials.use(arg)),
      registerCommand(s.log, 'twilioCredentials.stopUsingInTerminals', () => this.credentials.stop()),
      this.credentials.onDidChange(() => void vscode.commands.executeCommand('setContext', 'twilioCredentials.terminalsInUse', this.credentials.applied)),
    );
    void this.credentials.restore();
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
