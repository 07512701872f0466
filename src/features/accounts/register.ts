// The accounts feature registers its commands: its table (manifest.ts), each bound to its parser and handler.
import type * as vscode from 'vscode';
import type { Services } from '../../services/services';
import { bind, registerFeature } from '../../platform/registerFeature';
import { Command } from '../../core/util/commandIds';
import { noArgs } from '../../core/util/commandArgs';
import { accountsManifest } from './manifest';
import { connectAccount, connectArgs } from './connectAccount';
import { connectFromEnvironment, disconnectAccount, disconnectArgs, updateCredentials, updateCredentialsArgs } from './accountCommands';

export function registerAccounts(s: Services): vscode.Disposable[] {
  return registerFeature(accountsManifest, {
    [Command.connectAccount]: bind(connectArgs, connectAccount),
    [Command.connectFromEnvironment]: bind(noArgs, (s: Services) => connectFromEnvironment(s)),
    [Command.disconnectAccount]: bind(disconnectArgs, disconnectAccount),
    [Command.updateCredentials]: bind(updateCredentialsArgs, updateCredentials),
  }, s, s.log);
}
