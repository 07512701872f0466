// The argument of Use Key in Functions, parsed once. Pure: no vscode import.
import { argsOf, field, prefill, type Args, type Caller, type TableParser } from '../../core/util/commandArgs';

/**
 * Every field pre-fills a question (which account, key, service, environment); none skips the
 * confirmation, which is always shown before anything is written. From this extension's own UI
 * (its tree rows, its flows) the fields answer their questions; from any other caller they are
 * only the pickers' starting answers (the consent rule, src/core/util/commandArgs.ts).
 */
export interface UseKeyInFunctionsArgs {
  accountSid?: string;
  keySid?: string;
  /** A Functions service SID (ZS…) or unique name. */
  serviceSid?: string;
  /** An environment SID (ZE…) or unique name, of that service. */
  environmentSid?: string;
}

const objectArgs = argsOf<UseKeyInFunctionsArgs>({
  accountSid: prefill(field.string),
  keySid: prefill(field.string),
  serviceSid: prefill(field.string),
  environmentSid: prefill(field.string),
});

/**
 * A key row or an argument object (argsOf), or an environment row of the Functions group: the
 * tree's own row answers which account, service and environment; a look-alike made by anyone
 * else only suggests them, as an argument object would.
 */
export const useKeyInFunctionsArgs: TableParser<UseKeyInFunctionsArgs> = Object.assign(
  (arg: unknown, caller: Caller): Args<UseKeyInFunctionsArgs> => {
    const row = environmentRowArgs(arg);
    if (!row) return objectArgs(arg, caller);
    return caller === 'ours' ? row : { prefill: Object.freeze(row) };
  },
  { roles: objectArgs.roles },
);

function environmentRowArgs(arg: unknown): UseKeyInFunctionsArgs | undefined {
  const row = arg as { kind?: unknown; account?: { accountSid?: unknown }; service?: { sid?: unknown }; environment?: { sid?: unknown } } | undefined;
  if (!row || typeof row !== 'object' || row.kind !== 'functionsEnvironment') return undefined;
  return {
    accountSid: field.string(row.account?.accountSid, 'account.accountSid'),
    serviceSid: field.string(row.service?.sid, 'service.sid'),
    environmentSid: field.string(row.environment?.sid, 'environment.sid'),
  };
}
