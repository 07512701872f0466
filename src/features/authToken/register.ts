// Auth Token rotation registers its commands: its table (manifest.ts), each bound to its parser and
// handler. Other features that rotate (Replace Auth Token with API Key) call rotateAuthToken directly.
// The parsers are here, in the activation bundle; the flows are in dist/flows.js, loaded when one
// of these commands first runs.
import type * as vscode from 'vscode';
import type { Services } from '../../services/services';
import { bind, registerFeature } from '../../platform/registerFeature';
import { loadLazyBundle } from '../../platform/lazyBundle';
import { Command } from '../../core/util/commandIds';
import { authTokenManifest } from './manifest';
import type * as Flows from './flows';
import { rotateAuthTokenArgs } from './rotateAuthToken';
import { checkAuthTokenArgs, secondaryArgs } from './secondaryCommands';

/** The Auth Token flows (flows.ts), from dist/flows.js, loaded on first call. */
function flows(): typeof Flows {
  return loadLazyBundle<{ authToken: typeof Flows }>('flows').authToken;
}

export function registerAuthToken(s: Services): vscode.Disposable[] {
  return registerFeature(authTokenManifest, {
    [Command.rotateAuthToken]: bind(rotateAuthTokenArgs, (s: Services, a) => flows().rotateAuthToken(s, a)),
    [Command.promoteSecondaryAuthToken]: bind(secondaryArgs, (s: Services, a) => flows().promoteSecondaryAuthToken(s, a)),
    [Command.deleteSecondaryAuthToken]: bind(secondaryArgs, (s: Services, a) => flows().deleteSecondaryAuthToken(s, a)),
    [Command.checkAuthToken]: bind(checkAuthTokenArgs, (s: Services, a) => flows().checkAuthToken(s, a)),
  }, s, s.log);
}
