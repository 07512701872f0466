import type { Services } from '../../services/services';
import { argsOf, field, prefill } from '../../core/util/commandArgs';
import { environmentsKey, variablesKey } from '../../services/functionsVariables';
import type { PagedCache } from '../../services/pagedCache';

/** Which Functions list: an account's services, a service's environments, or an environment's variables. */
export interface FunctionsListArgs {
  accountSid?: string;
  serviceSid?: string;
  environmentSid?: string;
}

export const functionsListArgs = argsOf<FunctionsListArgs>({ accountSid: prefill(field.string), serviceSid: prefill(field.string), environmentSid: prefill(field.string) });

/** The next page of a Functions list, or its first page again after a failure (Retry). Reads only. */
export async function loadMoreFunctions(s: Services, { accountSid, serviceSid, environmentSid }: FunctionsListArgs): Promise<void> {
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
