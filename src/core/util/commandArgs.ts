/**
 * Command arguments, parsed once. VS Code hands a command whatever its caller passed: a tree row
 * (from a menu), an argument object (keybindings, other extensions, tests, the extension's own
 * code actions and links) or nothing (the Command Palette). `registerCommand` runs the command's
 * parser first, so every handler receives one typed value; an argument it cannot use ends the
 * command with one clear message (`InvalidArgument`). Pure: unit-tested in plain Node.
 */
import * as l10n from '@vscode/l10n';

/** An argument a command cannot use. The message names the field and what it must be. */
export class InvalidArgument extends Error {}

/** Turns what a command was called with into its typed argument, or throws InvalidArgument. */
export type ArgParser<T> = (arg: unknown) => T;

/** The account a command acts on: an account, key, message or subaccount row, or `{ accountSid }`. */
export interface AccountRef {
  accountSid?: string;
  /**
   * Set by a subaccount row only: the subaccount's record may not exist until the row is expanded,
   * so the row says how to record it (the command resolves it, pickAccount).
   */
  subaccount?: SubaccountOf;
}

/** What recording a subaccount needs besides its SID: its parent account and its name. */
export interface SubaccountOf {
  parentSid: string;
  friendlyName: string;
}

/** The key a command acts on: a key row, or `{ accountSid, keySid }`; missing parts are asked for. */
export interface KeyRef extends AccountRef {
  keySid?: string;
}

/** Checks one field of an argument object; `name` is for the message. */
export type Field<V> = (value: unknown, name: string) => V;

/** Throws the InvalidArgument for a field that is not what it must be (`expected`, in words). */
export const invalidArgument = (name: string, expected: string): never => {
  throw new InvalidArgument(l10n.t('The argument "{0}" must be {1}.', name, expected));
};

/** The field kinds argument objects use. */
export const field = {
  string: ((v, name) => (typeof v === 'string' ? v : invalidArgument(name, l10n.t('a string')))) as Field<string>,
  boolean: ((v, name) => (typeof v === 'boolean' ? v : invalidArgument(name, l10n.t('true or false')))) as Field<boolean>,
  number: ((v, name) => (typeof v === 'number' && Number.isFinite(v) ? v : invalidArgument(name, l10n.t('a number')))) as Field<number>,
  strings: ((v, name) => (Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : invalidArgument(name, l10n.t('a list of strings')))) as Field<string[]>,
  /** A plain object, checked further by the command (e.g. Access Token grants). */
  object: <T extends object>(): Field<T> => (v, name) => (isObject(v) ? (v as T) : invalidArgument(name, l10n.t('an object'))),
  oneOf:
    <const V extends string>(...values: V[]): Field<V> =>
    (v, name) =>
      typeof v === 'string' && (values as string[]).includes(v) ? (v as V) : invalidArgument(name, l10n.t('one of {0}', values.map((x) => `"${x}"`).join(', '))),
};

/** Every optional field of T with the check for its value (`subaccount` comes from rows only). */
export type Fields<T> = { [K in Exclude<keyof T, 'subaccount'>]-?: Field<Exclude<T[K], undefined>> };

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/**
 * The account and key a tree row stands for (src/surfaces/tree/treeItems.ts `Node`): an account, key or
 * message row names its account, a key row its key too. A subaccount row names the subaccount and
 * its parent: its record may not exist until the row is expanded, and the command records it
 * (never its parent: that would act on the wrong account). Not a row: undefined.
 */
export function treeRowRef(arg: unknown): KeyRef | undefined {
  if (!isObject(arg) || typeof arg.kind !== 'string') return undefined;
  if (arg.kind === 'subaccount') return subaccountRowRef(arg);
  const account = isObject(arg.account) && typeof arg.account.accountSid === 'string' ? arg.account.accountSid : undefined;
  const key = arg.kind === 'key' && isObject(arg.key) && typeof arg.key.sid === 'string' ? arg.key.sid : undefined;
  return { accountSid: account, keySid: key };
}

/** A subaccount row (`{ info, parent }`): one without its SIDs is refused, never read as "no account". */
function subaccountRowRef({ info, parent }: Record<string, unknown>): AccountRef {
  const sid = field.string(isObject(info) ? info.sid : undefined, 'info.sid');
  const parentSid = field.string(isObject(parent) ? parent.accountSid : undefined, 'parent.accountSid');
  const friendlyName = isObject(info) && typeof info.friendlyName === 'string' ? info.friendlyName : '';
  return { accountSid: sid, subaccount: { parentSid, friendlyName } };
}

/**
 * The parser of an argument object with these optional fields. Nothing gives `{}` (the command
 * asks); a tree row gives the `accountSid` and `keySid` it stands for, when the command takes
 * them (and a subaccount row, with `accountSid`, the `subaccount` to record it by), unless
 * `fromRow` is false: then a row gives `{}`; unknown fields are ignored; a field of the wrong kind
 * is an InvalidArgument.
 */
export function argsOf<T extends object>(fields: Fields<T>, opts: { fromRow?: boolean } = {}): ArgParser<T> {
  const entries = Object.entries(fields) as Array<[string, Field<unknown>]>;
  return (arg) => {
    if (arg === undefined || arg === null) return {} as T;
    const out: Record<string, unknown> = {};
    const row = treeRowRef(arg);
    if (row) {
      if (opts.fromRow === false) return out as T;
      if ('accountSid' in fields && row.accountSid !== undefined) out.accountSid = row.accountSid;
      if ('accountSid' in fields && row.subaccount) out.subaccount = row.subaccount;
      if ('keySid' in fields && row.keySid !== undefined) out.keySid = row.keySid;
      return out as T;
    }
    if (!isObject(arg)) throw new InvalidArgument(l10n.t('The argument must be an object with the fields {0}.', entries.map(([k]) => k).join(', ')));
    for (const [name, check] of entries) {
      if (arg[name] !== undefined) out[name] = check(arg[name], name);
    }
    return out as T;
  };
}

/** The parser with these fields required (for arguments only the extension's own code passes). */
export function withRequired<T extends object, K extends keyof T>(parse: ArgParser<T>, ...names: K[]): ArgParser<T & Required<Pick<T, K>>> {
  return (arg) => {
    const value = parse(arg);
    const missing = names.filter((n) => value[n] === undefined);
    if (missing.length) throw new InvalidArgument(l10n.t('The argument must have the fields {0}.', missing.join(', ')));
    return value as T & Required<Pick<T, K>>;
  };
}

/** For commands that take no argument: whatever they are given is ignored. */
export const noArgs: ArgParser<void> = () => undefined;

export const accountRef: ArgParser<AccountRef> = argsOf<AccountRef>({ accountSid: field.string });
export const keyRef: ArgParser<KeyRef> = argsOf<KeyRef>({ accountSid: field.string, keySid: field.string });
