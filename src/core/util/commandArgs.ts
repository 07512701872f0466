/**
 * Command arguments, parsed once. VS Code hands a command whatever its caller passed: a tree row
 * (from a menu), an argument object (keybindings, other extensions, tests, the extension's own
 * code actions and links) or nothing (the Command Palette). `registerCommand` runs the command's
 * parser first, so every handler receives one typed value; an argument it cannot use ends the
 * command with one clear message (`InvalidArgument`). Every command is a public API: the parser
 * also applies the consent rule (see `Caller` and `FieldRole`). Pure: unit-tested in plain Node.
 */
import * as l10n from '@vscode/l10n';

/** An argument a command cannot use. The message names the field and what it must be. */
export class InvalidArgument extends Error {}

/**
 * Who called a command, as far as the consent rule is concerned (src/platform/callers.ts decides,
 * by identity): `ours` is this extension's own UI (a tree row it made, a CodeLens, code action or
 * tree-item command it built), its own composite flows and its own tests; `other` is everything
 * else: another extension, a keybinding, a command link, the Command Palette.
 */
export type Caller = 'ours' | 'other';

/** Turns what a command was called with into its typed argument, or throws InvalidArgument. */
export type ArgParser<T> = (arg: unknown, caller: Caller) => T;

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

/**
 * What a field of an argument object may do for a caller that is not this extension:
 * - `prefill`: names something or gives a starting answer (an account, a key, a name). From this
 *   extension's own UI it answers its question; from anyone else the question is still asked,
 *   starting from this value (the handler finds it under `prefill`).
 * - `consent`: skips a question that asks for consent (a confirmation modal, what to do with a
 *   secret, a pre-chosen `.env` target, a secret typed for the user). Honoured only from this
 *   extension's own UI, flows and tests; from anyone else it is dropped, unread.
 */
export type FieldRole = 'prefill' | 'consent';

export interface ArgField<V> {
  check: Field<V>;
  role: FieldRole;
}

export const prefill = <V>(check: Field<V>): ArgField<V> => ({ check, role: 'prefill' });
export const consent = <V>(check: Field<V>): ArgField<V> => ({ check, role: 'consent' });

/** Every optional field of T with its check and role (`subaccount` comes from rows only, `prefill` from the parser). */
export type Fields<T> = { [K in Exclude<keyof T, 'subaccount' | 'prefill'>]-?: ArgField<Exclude<T[K], undefined>> };

/**
 * A parsed argument: its fields as answers (from this extension's own callers), and under
 * `prefill` the starting answers another caller suggested, never answers.
 */
export type Args<T> = T & { prefill?: Readonly<Partial<T>> };

/** A parser made by `argsOf`, with its table of roles (for the documentation check). */
export type TableParser<T> = ArgParser<Args<T>> & { roles: Readonly<Record<string, FieldRole>> };

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/**
 * The account and key a tree row stands for (src/surfaces/tree/treeItems.ts `Node`): an account, key,
 * grant or message row names its account, a key row its key too, a grant row the key it grants. A subaccount row names the subaccount and
 * its parent: its record may not exist until the row is expanded, and the command records it
 * (never its parent: that would act on the wrong account). Not a row: undefined.
 */
export function treeRowRef(arg: unknown): KeyRef | undefined {
  if (!isObject(arg) || typeof arg.kind !== 'string') return undefined;
  if (arg.kind === 'subaccount') return subaccountRowRef(arg);
  const account = isObject(arg.account) && typeof arg.account.accountSid === 'string' ? arg.account.accountSid : undefined;
  const key =
    arg.kind === 'key' && isObject(arg.key) && typeof arg.key.sid === 'string'
      ? arg.key.sid
      : arg.kind === 'grant' && isObject(arg.grant) && typeof arg.grant.keySid === 'string'
        ? arg.grant.keySid
        : undefined;
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
 * is an InvalidArgument. The consent rule is applied here, once, for every command: for a caller
 * that is not this extension, consent fields are dropped unread and the rest moves under
 * `prefill`, so every question is asked (see FieldRole).
 */
export function argsOf<T extends object>(fields: Fields<T>, opts: { fromRow?: boolean } = {}): TableParser<T> {
  const entries = Object.entries(fields) as Array<[string, ArgField<unknown>]>;
  const parse = (arg: unknown, caller: Caller): Args<T> => {
    const answers = parseFields(entries, fields, arg, caller, opts.fromRow !== false);
    if (caller === 'ours') return answers as Args<T>;
    const suggested: Record<string, unknown> = {};
    for (const [name, spec] of entries) if (spec.role === 'prefill' && answers[name] !== undefined) suggested[name] = answers[name];
    return (Object.keys(suggested).length ? { prefill: Object.freeze(suggested) } : {}) as Args<T>;
  };
  return Object.assign(parse, { roles: Object.freeze(Object.fromEntries(entries.map(([name, spec]) => [name, spec.role]))) });
}

function parseFields(entries: Array<[string, ArgField<unknown>]>, fields: object, arg: unknown, caller: Caller, fromRow: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (arg === undefined || arg === null) return out;
  const row = treeRowRef(arg);
  if (row) {
    if (!fromRow) return out;
    if ('accountSid' in fields && row.accountSid !== undefined) out.accountSid = row.accountSid;
    // Recording a subaccount is for rows this extension drew only.
    if ('accountSid' in fields && row.subaccount && caller === 'ours') out.subaccount = row.subaccount;
    if ('keySid' in fields && row.keySid !== undefined) out.keySid = row.keySid;
    return out;
  }
  if (!isObject(arg)) throw new InvalidArgument(l10n.t('The argument must be an object with the fields {0}.', entries.map(([k]) => k).join(', ')));
  for (const [name, spec] of entries) {
    // A consent field from anyone else is dropped unread: it can neither answer nor fail.
    if (spec.role === 'consent' && caller !== 'ours') continue;
    if (arg[name] !== undefined) out[name] = spec.check(arg[name], name);
  }
  return out;
}

/**
 * The parser with these fields required, for arguments only the extension's own UI passes (its
 * CodeLens and quick fixes): from anyone else the command is refused.
 */
export function withRequired<T extends object, K extends keyof T>(parse: TableParser<T>, ...names: K[]): TableParser<T & Required<Pick<T, K>>> {
  const required = (arg: unknown, caller: Caller) => {
    if (caller !== 'ours') throw new InvalidArgument(l10n.t('This command runs only from this extension’s own editor actions (CodeLens, quick fixes).'));
    const value = parse(arg, caller);
    const missing = names.filter((n) => value[n] === undefined);
    if (missing.length) throw new InvalidArgument(l10n.t('The argument must have the fields {0}.', missing.join(', ')));
    return value as Args<T & Required<Pick<T, K>>>;
  };
  return Object.assign(required, { roles: parse.roles });
}

/** For commands that take no argument: whatever they are given is ignored. */
export const noArgs: ArgParser<void> = () => undefined;

export const accountRef = argsOf<AccountRef>({ accountSid: prefill(field.string) });
export const keyRef = argsOf<KeyRef>({ accountSid: prefill(field.string), keySid: prefill(field.string) });

/** The answer a caller gave, or else the starting answer another caller suggested (for a question's default). */
export function suggestion<T, K extends keyof T>(args: Args<T>, name: K): T[K] | undefined {
  return args[name] ?? args.prefill?.[name];
}
