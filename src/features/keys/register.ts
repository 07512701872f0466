// The keys feature registers its commands: its table (manifest.ts), each bound to its parser and
// handler. The parsers are here, in the activation bundle (they run before the handler, where the
// consent rule is applied); the flows are in dist/flows.js, loaded when a key command first runs.
import type * as vscode from 'vscode';
import type { Services } from '../../services/services';
import { bind, registerFeature } from '../../platform/registerFeature';
import { loadLazyBundle } from '../../platform/lazyBundle';
import { Command } from '../../core/util/commandIds';
import { keyRef } from '../../core/util/commandArgs';
import { keysManifest } from './manifest';
import type * as Flows from './flows';
import { createKeyArgs } from './commands/createKey';
import { deleteKeyArgs } from './commands/deleteKey';
import { rotateKeyArgs } from './commands/rotateKey';
import { editPermissionsArgs } from './commands/editPermissions';
import { createAccessTokenArgs } from './commands/createAccessToken';
import { copyKeySecretArgs, renameKeyArgs, writeKeyToEnvArgs } from './commands/simpleKeyCommands';

/** The key flows (flows.ts), from dist/flows.js, loaded on first call. */
export function keyFlows(): typeof Flows {
  return loadLazyBundle<{ keys: typeof Flows }>('flows').keys;
}

export function registerKeys(s: Services): vscode.Disposable[] {
  return registerFeature(keysManifest, {
    [Command.createKey]: bind(createKeyArgs, (s: Services, a) => keyFlows().createKey(s, a)),
    [Command.deleteKey]: bind(deleteKeyArgs, (s: Services, a) => keyFlows().deleteKey(s, a)),
    [Command.renameKey]: bind(renameKeyArgs, (s: Services, a) => keyFlows().renameKey(s, a)),
    [Command.copyKeySid]: bind(keyRef, (s: Services, a) => keyFlows().copyKeySid(s, a)),
    [Command.copyKeySecret]: bind(copyKeySecretArgs, (s: Services, a) => keyFlows().copyKeySecret(s, a)),
    [Command.writeKeyToEnv]: bind(writeKeyToEnvArgs, (s: Services, a) => keyFlows().writeKeyToEnv(s, a)),
    [Command.rotateKey]: bind(rotateKeyArgs, (s: Services, a) => keyFlows().rotateKey(s, a)),
    [Command.editKeyPermissions]: bind(editPermissionsArgs, (s: Services, a) => keyFlows().editPermissions(s, a)),
    [Command.createAccessToken]: bind(createAccessTokenArgs, (s: Services, a) => keyFlows().createAccessToken(s, a)),
    [Command.openInConsole]: bind(keyRef, (s: Services, a) => keyFlows().openInConsole(s, a)),
  }, s, s.log);
}
