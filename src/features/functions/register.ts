// Twilio Functions registers its commands: its table (manifest.ts), each bound to its parser and
// handler. Use Key in Functions runs from dist/functions.js, loaded on first use (./load.ts).
import type * as vscode from 'vscode';
import type { Services } from '../../services/services';
import { bind, registerFeature } from '../../platform/registerFeature';
import { reportFailure } from '../../platform/commands';
import { Command } from '../../core/util/commandIds';
import { functionsManifest } from './manifest';
import { functionsFlows } from './load';
import { useKeyInFunctionsArgs } from './useKeyInFunctionsArgs';
import { functionsListArgs, loadMoreFunctions } from './loadMoreFunctions';

/**
 * The flows of other features Use Key in Functions starts, handed in by activate(): functions/
 * never imports keys/ (keys/ runs the Functions steps of its rotation and deletion).
 */
export interface FunctionsNeeds {
  createKey(s: Services, args: { accountSid: string }): Promise<unknown>;
}

export function registerFunctions(s: Services, needs: FunctionsNeeds): vscode.Disposable[] {
  const offers = { createKey: (accountSid: string) => void needs.createKey(s, { accountSid }).catch((e: unknown) => reportFailure(s.log, Command.createKey, e)) };
  return registerFeature(functionsManifest, {
    [Command.useKeyInFunctions]: bind(useKeyInFunctionsArgs, (s: Services, args) => functionsFlows().useKeyInFunctions(s, args, offers)),
    [Command.loadMoreFunctions]: bind(functionsListArgs, loadMoreFunctions),
  }, s, s.log);
}
