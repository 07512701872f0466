import type { Services } from '../../services/services';
import { argsOf, field, prefill } from '../../core/util/commandArgs';

/** Which Functions list: an account's services, a service's environments, or an environment's variables. */
export interface FunctionsListArgs {
  accountSid?: string;
  serviceSid?: string;
  environmentSid?: string;
}

export const functionsListArgs = argsOf<FunctionsListArgs>({ accountSid: prefill(field.string), serviceSid: prefill(field.string), environmentSid: prefill(field.string) });

/** The next page of a Functions list, or its first page again after a failure (Retry). Reads only; nothing before the tree showed a list. */
export async function loadMoreFunctions(s: Services, { accountSid, serviceSid, environmentSid }: FunctionsListArgs): Promise<void> {
  if (accountSid) await s.functions.loaded?.more({ accountSid, serviceSid, environmentSid });
}
