// The keys feature registers its commands: its table (manifest.ts), each bound to its parser and handler.
import type * as vscode from 'vscode';
import type { Services } from '../../services/services';
import { bind, registerFeature } from '../../platform/registerFeature';
import { Command } from '../../core/util/commandIds';
import { keyRef } from '../../core/util/commandArgs';
import { keysManifest } from './manifest';
import { createKey, createKeyArgs } from './commands/createKey';
import { deleteKey, deleteKeyArgs } from './commands/deleteKey';
import { rotateKey, rotateKeyArgs } from './commands/rotateKey';
import { editPermissions, editPermissionsArgs } from './commands/editPermissions';
import { createAccessToken, createAccessTokenArgs } from './commands/createAccessToken';
import { copyKeySecret, copyKeySecretArgs, copyKeySid, openInConsole, renameKey, renameKeyArgs, writeKeyToEnv, writeKeyToEnvArgs } from './commands/simpleKeyCommands';

export function registerKeys(s: Services): vscode.Disposable[] {
  return registerFeature(keysManifest, {
    [Command.createKey]: bind(createKeyArgs, createKey),
    [Command.deleteKey]: bind(deleteKeyArgs, deleteKey),
    [Command.renameKey]: bind(renameKeyArgs, renameKey),
    [Command.copyKeySid]: bind(keyRef, copyKeySid),
    [Command.copyKeySecret]: bind(copyKeySecretArgs, copyKeySecret),
    [Command.writeKeyToEnv]: bind(writeKeyToEnvArgs, writeKeyToEnv),
    [Command.rotateKey]: bind(rotateKeyArgs, rotateKey),
    [Command.editKeyPermissions]: bind(editPermissionsArgs, editPermissions),
    [Command.createAccessToken]: bind(createAccessTokenArgs, createAccessToken),
    [Command.openInConsole]: bind(keyRef, openInConsole),
  }, s, s.log);
}
