// Replace Auth Token with API Key registers its command: its table (manifest.ts), bound to its parser
// and handler. The parser is here, in the activation bundle; the flow is in dist/flows.js, loaded
// when the command first runs.
import type * as vscode from 'vscode';
import type { Services } from '../../services/services';
import { bind, registerFeature } from '../../platform/registerFeature';
import { loadLazyBundle } from '../../platform/lazyBundle';
import { Command } from '../../core/util/commandIds';
import { replaceManifest } from './manifest';
import type * as Flows from './flows';
import { replaceAuthTokenArgs } from './replaceAuthToken';

/** The flow (flows.ts), from dist/flows.js, loaded on first call. */
function flows(): typeof Flows {
  return loadLazyBundle<{ replace: typeof Flows }>('flows').replace;
}

export function registerReplace(s: Services): vscode.Disposable[] {
  return registerFeature(replaceManifest, { [Command.replaceAuthTokenWithKey]: bind(replaceAuthTokenArgs, (s: Services, a) => flows().replaceAuthTokenWithKey(s, a)) }, s, s.log);
}
