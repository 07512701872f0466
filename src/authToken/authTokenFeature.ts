import * as vscode from 'vscode';
import type { Services } from '../services/services';
import { registerCommand } from '../util/commands';
import { rotateAuthToken } from './rotateAuthToken';
import { deleteSecondaryAuthToken, promoteSecondaryAuthToken } from './secondaryCommands';
import { Command } from '../util/commandIds';

/**
 * Auth Token rotation: `twilioCredentials.rotateAuthToken` (tree, palette, and other features'
 * quick fixes and hovers with `{ accountSid }`), and promoting or deleting a secondary left waiting.
 */
export class AuthTokenFeature implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[];

  constructor(s: Services) {
    this.disposables = [
      registerCommand(s.log, Command.rotateAuthToken, (arg?: unknown) => rotateAuthToken(s, arg)),
      registerCommand(s.log, Command.promoteSecondaryAuthToken, (arg?: unknown) => promoteSecondaryAuthToken(s, arg)),
      registerCommand(s.log, Command.deleteSecondaryAuthToken, (arg?: unknown) => deleteSecondaryAuthToken(s, arg)),
    ];
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
