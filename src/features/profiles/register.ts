// twilio-cli profile import registers its command: its table (manifest.ts), bound to its parser and handler.
import type * as vscode from 'vscode';
import type { Services } from '../../services/services';
import { bind, registerFeature } from '../../platform/registerFeature';
import { Command } from '../../core/util/commandIds';
import { profilesManifest } from './manifest';
import { importCliProfiles, importProfilesArgs } from './importProfiles';

export function registerProfiles(s: Services): vscode.Disposable[] {
  return registerFeature(profilesManifest, { [Command.importCliProfiles]: bind(importProfilesArgs, importCliProfiles) }, s, s.log);
}
