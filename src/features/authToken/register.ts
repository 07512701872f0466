// Auth Token rotation registers its commands: its table (manifest.ts), each bound to its parser and
// handler. Other features that rotate (Replace Auth Token with API Key) call rotateAuthToken directly.
import type * as vscode from 'vscode';
import type { Services } from '../../services/services';
import { bind, registerFeature } from '../../platform/registerFeature';
import { Command } from '../../core/util/commandIds';
import { authTokenManifest } from './manifest';
import { rotateAuthToken, rotateAuthTokenArgs } from './rotateAuthToken';
import { checkAuthToken, checkAuthTokenArgs, deleteSecondaryAuthToken, promoteSecondaryAuthToken, secondaryArgs } from './secondaryCommands';

export function registerAuthToken(s: Services): vscode.Disposable[] {
  return registerFeature(authTokenManifest, {
    [Command.rotateAuthToken]: bind(rotateAuthTokenArgs, rotateAuthToken),
    [Command.promoteSecondaryAuthToken]: bind(secondaryArgs, promoteSecondaryAuthToken),
    [Command.deleteSecondaryAuthToken]: bind(secondaryArgs, deleteSecondaryAuthToken),
    [Command.checkAuthToken]: bind(checkAuthTokenArgs, checkAuthToken),
  }, s, s.log);
}
