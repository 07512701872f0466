// The credential commands register from their table (manifest.ts). Their flows live in
// dist/credentials.js, loaded on first use: `flows` hands them over (the tree's credential
// section owns that bundle, src/surfaces/tree/credentialsFeature.ts).
import type * as vscode from 'vscode';
import type { Log } from '../../platform/log';
import type { Args } from '../../core/util/commandArgs';
import { bind, registerFeature } from '../../platform/registerFeature';
import { Command } from '../../core/util/commandIds';
import { credentialsManifest } from './manifest';
import { addPublicKeyArgs, credentialRefArgs, renameCredentialArgs } from './args';
import type { AddPublicKeyArgs, RenameAccountCredentialArgs } from './accountCredentialCommands';
import type { CredentialArgs } from './resolveCredential';

/** The command flows, as dist/credentials.js runs them. */
export interface CredentialFlows {
  addPublicKey(args: Args<AddPublicKeyArgs>): Promise<unknown>;
  renameAccountCredential(args: Args<RenameAccountCredentialArgs>): Promise<unknown>;
  deleteAccountCredential(args: CredentialArgs): Promise<unknown>;
  replaceFcmSecret(args: CredentialArgs): Promise<unknown>;
  deletePushCredential(args: CredentialArgs): Promise<unknown>;
}

export function registerCredentials(log: Log, flows: () => CredentialFlows): vscode.Disposable[] {
  return registerFeature(credentialsManifest, {
    [Command.addPublicKey]: bind(addPublicKeyArgs, (f: () => CredentialFlows, args) => f().addPublicKey(args)),
    [Command.renameAccountCredential]: bind(renameCredentialArgs, (f: () => CredentialFlows, args) => f().renameAccountCredential(args)),
    [Command.deleteAccountCredential]: bind(credentialRefArgs, (f: () => CredentialFlows, args) => f().deleteAccountCredential(args)),
    [Command.replaceFcmSecret]: bind(credentialRefArgs, (f: () => CredentialFlows, args) => f().replaceFcmSecret(args)),
    [Command.deletePushCredential]: bind(credentialRefArgs, (f: () => CredentialFlows, args) => f().deletePushCredential(args)),
  }, flows, log);
}
