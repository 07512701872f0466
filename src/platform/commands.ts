import * as vscode from 'vscode';
import { TwilioApiError } from '../core/twilio/errors';
import type { Log } from './log';
import { redact } from '../core/util/redact';
import { Command, type CommandId } from '../core/util/commandIds';
import { InvalidArgument, type ArgParser, type FieldRole } from '../core/util/commandArgs';
import { isOurs } from './callers';

// A lazily loaded bundle (dist/functions.js) carries its own copy of this class: a global brand
// lets `instanceof` recognise a dismissal thrown by either copy, as TwilioApiError does.
const CANCELLED = Symbol.for('twilio-credentials.Cancelled');

/** Thrown when the user dismisses a prompt: ends the command quietly. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    Object.defineProperty(this, CANCELLED, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[CANCELLED] === true;
  }
}

/** Returns the value or ends the command when a prompt was dismissed. */
export function orCancel<T>(value: T | undefined): T {
  if (value === undefined) throw new Cancelled();
  return value;
}

/** Each registered command's argument table: field → role (for the documentation check in the tests). */
const argumentRoles = new Map<CommandId, Readonly<Record<string, FieldRole>>>();

export function commandArgumentRoles(): ReadonlyMap<CommandId, Readonly<Record<string, FieldRole>>> {
  return argumentRoles;
}

/**
 * Registers a command: `parse` turns what VS Code passed (a tree row, an argument object or
 * nothing, see `commandArgs.ts`) into the handler's one typed argument, and failures become one
 * clear, redacted message instead of an unhandled rejection. An argument the command cannot use
 * ends it with a message naming the command and the field. The handler's result is returned to
 * programmatic callers.
 *
 * The consent rule of every command is applied here, in one place: the first argument counts as
 * this extension's own only by identity (src/platform/callers.ts); any other caller gets the
 * command as if run from the palette, its argument at most suggesting starting answers.
 */
export function registerCommand<T>(log: Log, id: CommandId, parse: ArgParser<T>, handler: (arg: T) => unknown): vscode.Disposable {
  const roles = (parse as { roles?: Readonly<Record<string, FieldRole>> }).roles;
  argumentRoles.set(id, roles ?? {});
  return vscode.commands.registerCommand(id, async (arg?: unknown) => {
    try {
      return await handler(parseArgument(id, parse, arg));
    } catch (e) {
      reportFailure(log, id, e);
      return undefined;
    }
  });
}

/**
 * How a command ends on a failure: quietly when the user cancelled, else logged (redacted) and
 * shown. Also for a flow one command starts inside another (Rotate Auth Token after Replace
 * Auth Token with API Key, Create API Key from Use Key in Terminals), called as a function.
 */
export function reportFailure(log: Log, what: string, e: unknown): void {
  if (e instanceof Cancelled || (e instanceof TwilioApiError && e.kind === 'cancelled')) return;
  log.error(`${what} failed`, e);
  void showError(e);
}

function parseArgument<T>(id: CommandId, parse: ArgParser<T>, arg: unknown): T {
  try {
    return parse(arg, isOurs(arg) ? 'ours' : 'other');
  } catch (e) {
    if (e instanceof InvalidArgument) throw new InvalidArgument(vscode.l10n.t('{0} cannot use its argument: {1}', id, e.message));
    throw e;
  }
}

/** What a modal that asks before something happens says: the question, what exactly happens, and its verb. */
export interface Consequence {
  message: string;
  detail: string;
  /** The button, a specific verb ("Delete Key", "Write to .env"), never "OK". */
  verb: string;
}

/**
 * Shows what will happen, in a modal, before it happens; true when the user pressed the verb.
 * Creating, deleting, rotating, promoting, writing a secret to a file, disconnecting, forgetting a
 * stored secret, changing the terminal choice and handing a secret over all ask through this.
 */
export async function agree(c: Consequence): Promise<boolean> {
  return (await vscode.window.showWarningMessage(c.message, { modal: true, detail: c.detail }, c.verb)) === c.verb;
}

export async function showError(e: unknown, prefix?: string): Promise<void> {
  const message = errorMessage(e);
  const text = prefix ? `${prefix} ${message}` : message;
  const showLog = vscode.l10n.t('Show Log');
  const choice = await vscode.window.showErrorMessage(text, showLog);
  if (choice === showLog) void vscode.commands.executeCommand(Command.showLog);
}

/** A user-facing message: Twilio errors carry their own; anything else is redacted. */
export function errorMessage(e: unknown): string {
  if (e instanceof TwilioApiError) return e.message;
  if (e instanceof Error) return redact(e.message);
  return redact(String(e));
}
