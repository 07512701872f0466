import type { Services } from '../../services/services';
import { registerCommand } from '../../platform/commands';
import { Disposable } from '../../core/util/disposable';
import { Command } from '../../core/util/commandIds';
import { argsOf, field } from '../../core/util/commandArgs';
import { environmentsKey, variablesKey } from '../../services/functionsVariables';
import type { PagedCache } from '../../services/pagedCache';
import { functionsFlows } from './load';
import { useKeyInFunctionsArgs } from './useKeyInFunctionsArgs';

/** Which Functions list: an account's services, a service's environments, or an environment's variables. */
export interface FunctionsListArgs {
  accountSid?: string;
  serviceSid?: string;
  environmentSid?: string;
}

const functionsListArgs = argsOf<FunctionsListArgs>({ accountSid: field.string, serviceSid: field.string, environmentSid: field.string });

/** Twilio Functions: Use Key in Functions, and the tree's "load more" and Retry rows. */
export class FunctionsFeature extends Disposable {
  constructor(s: Services) {
    super();
    this.own(
      registerCommand(s.log, Command.useKeyInFunctions, useKeyInFunctionsArgs, (args) => functionsFlows().useKeyInFunctions(s, args)),
      registerCommand(s.log, Command.loadMoreFunctions, functionsListArgs, (args) => loadMoreFunctions(s, args)),
    );
  }
}

/** The next page of a Functions list, or its first page again after a failure (Retry). Reads only. */
async function loadMoreFunctions(s: Services, { accountSid, serviceSid, environmentSid }: FunctionsListArgs): Promise<void> {
  if (!accountSid) return;
  const [cache, key]: [PagedCache<{ sid: string }>, string] =
    serviceSid && environmentSid
      ? [s.functions.variables, variablesKey(accountSid, { serviceSid, environmentSid })]
      : serviceSid
        ? [s.functions.environments, environmentsKey(accountSid, serviceSid)]
        : [s.functions.services, accountSid];
  const state = cache.state(key);
  if (state?.status === 'loaded') await cache.loadMore(key);
  else if (state?.status !== 'loading') await cache.load(key, true);
}
