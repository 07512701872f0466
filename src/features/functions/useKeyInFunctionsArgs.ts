// The argument of Use Key in Functions, parsed once. Pure: no vscode import.
import { argsOf, field, type ArgParser } from '../../core/util/commandArgs';

/**
 * Every field pre-fills a question (which account, key, service, environment); none skips the
 * confirmation, which is always shown before anything is written.
 */
export interface UseKeyInFunctionsArgs {
  accountSid?: string;
  keySid?: string;
  /** A Functions service SID (ZS…) or unique name. */
  serviceSid?: string;
  /** An environment SID (ZE…) or unique name, of that service. */
  environmentSid?: string;
}

const objectArgs = argsOf<UseKeyInFunctionsArgs>({ accountSid: field.string, keySid: field.string, serviceSid: field.string, environmentSid: field.string });

/** A key row or an argument object (argsOf), or an environment row of the Functions group. */
export const useKeyInFunctionsArgs: ArgParser<UseKeyInFunctionsArgs> = (arg) => environmentRowArgs(arg) ?? objectArgs(arg);

function environmentRowArgs(arg: unknown): UseKeyInFunctionsArgs | undefined {
  const row = arg as { kind?: unknown; account?: { accountSid?: unknown }; service?: { sid?: unknown }; environment?: { sid?: unknown } } | undefined;
  if (!row || typeof row !== 'object' || row.kind !== 'functionsEnvironment') return undefined;
  return {
    accountSid: field.string(row.account?.accountSid, 'account.accountSid'),
    serviceSid: field.string(row.service?.sid, 'service.sid'),
    environmentSid: field.string(row.environment?.sid, 'environment.sid'),
  };
}
