// Replace Auth Token with API Key registers its command: its table (manifest.ts), bound to its parser and handler.
import type * as vscode from 'vscode';
import type { Services } from '../../services/services';
import { bind, registerFeature } from '../../platform/registerFeature';
import { Command } from '../../core/util/commandIds';
import { replaceManifest } from './manifest';
import { replaceAuthTokenArgs, replaceAuthTokenWithKey } from './replaceAuthToken';

export function registerReplace(s: Services): vscode.Disposable[] {
  return registerFeature(replaceManifest, { [Command.replaceAuthTokenWithKey]: bind(replaceAuthTokenArgs, replaceAuthTokenWithKey) }, s, s.log);
}
