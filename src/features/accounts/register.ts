// The accounts feature registers its commands: its table (manifest.ts), each bound to its parser and
// handler. The parsers are here, in the activation bundle; the flows are in dist/flows.js, loaded
// when an account command first runs (or the view's Connect from Environment, accountFlows).
import type * as vscode from 'vscode';
import type { Services } from '../../services/services';
import { bind, registerFeature } from '../../platform/registerFeature';
import { loadLazyBundle } from '../../platform/lazyBundle';
import { Command } from '../../core/util/commandIds';
import { noArgs } from '../../core/util/commandArgs';
import { accountsManifest } from './manifest';
import type * as Flows from './flows';
import { connectArgs } from './connectAccount';
import { disconnectArgs, updateCredentialsArgs } from './accountCommands';

/** The account flows (flows.ts), from dist/flows.js, loaded on first call. */
export function accountFlows(): typeof Flows {
  return loadLazyBundle<{ accounts: typeof Flows }>('flows').accounts;
}

export function registerAccounts(s: Services): vscode.Disposable[] {
  return registerFeature(accountsManifest, {
    [Command.connectAccount]: bind(connectArgs, (s: Services, a) => accountFlows().connectAccount(s, a)),
    [Command.connectFromEnvironment]: bind(noArgs, (s: Services) => accountFlows().connectFromEnvironment(s)),
    [Command.disconnectAccount]: bind(disconnectArgs, (s: Services, a) => accountFlows().disconnectAccount(s, a)),
    [Command.updateCredentials]: bind(updateCredentialsArgs, (s: Services, a) => accountFlows().updateCredentials(s, a)),
  }, s, s.log);
}
