// twilio-cli profile import registers its command: its table (manifest.ts), bound to its parser and
// handler. The parser is here, in the activation bundle; the flow is in dist/flows.js, loaded when
// the command first runs.
import type * as vscode from 'vscode';
import type { Services } from '../../services/services';
import { bind, registerFeature } from '../../platform/registerFeature';
import { loadLazyBundle } from '../../platform/lazyBundle';
import { Command } from '../../core/util/commandIds';
import { profilesManifest } from './manifest';
import type * as Flows from './flows';
import { importProfilesArgs } from './importProfiles';

/** The flow (flows.ts), from dist/flows.js, loaded on first call. */
function flows(): typeof Flows {
  return loadLazyBundle<{ profiles: typeof Flows }>('flows').profiles;
}

export function registerProfiles(s: Services): vscode.Disposable[] {
  return registerFeature(profilesManifest, { [Command.importCliProfiles]: bind(importProfilesArgs, (s: Services, a) => flows().importCliProfiles(s, a)) }, s, s.log);
}
