// The argument objects of the credential commands, and their roles under the consent rule
// (src/platform/callers.ts): every field pre-fills, none skips a question. A credential row
// (accountCredential, pushCredential) stands for its account and SID. Pure: no vscode.
import { argsOf, field, prefill, type TableParser } from '../../core/util/commandArgs';
import type { AddPublicKeyArgs, RenameAccountCredentialArgs } from './accountCredentialCommands';
import type { CredentialRef } from './resolveCredential';

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** The account and SID a credential row names; undefined for anything else. */
export function credentialRowRef(arg: unknown): CredentialRef | undefined {
  if (!isObject(arg) || (arg.kind !== 'accountCredential' && arg.kind !== 'pushCredential')) return undefined;
  const accountSid = isObject(arg.account) && typeof arg.account.accountSid === 'string' ? arg.account.accountSid : undefined;
  const sid = isObject(arg.credential) && typeof arg.credential.sid === 'string' ? arg.credential.sid : undefined;
  return { accountSid, sid };
}

/** `parse`, reading a credential row as the `{ accountSid, sid }` it stands for, for the same caller. */
function withCredentialRows<T>(parse: TableParser<T>): TableParser<T> {
  const read: typeof parse = Object.assign((arg: unknown, caller: Parameters<typeof parse>[1]) => parse(credentialRowRef(arg) ?? arg, caller), { roles: parse.roles });
  return read;
}

export const addPublicKeyArgs = argsOf<AddPublicKeyArgs>({ accountSid: prefill(field.string), friendlyName: prefill(field.string) });
export const credentialRefArgs = withCredentialRows(argsOf<CredentialRef>({ accountSid: prefill(field.string), sid: prefill(field.string) }));
export const renameCredentialArgs = withCredentialRows(
  argsOf<RenameAccountCredentialArgs>({ accountSid: prefill(field.string), sid: prefill(field.string), friendlyName: prefill(field.string) }),
);
