// A feature registers its own commands: each command of its table (src/core/util/featureManifest.ts)
// bound to its argument parser and handler. The binding's type is the table's: a command missing
// or one not in the table does not compile.
import type * as vscode from 'vscode';
import type { Log } from './log';
import { registerCommand } from './commands';
import type { CommandId } from '../core/util/commandIds';
import type { ArgParser } from '../core/util/commandArgs';
import type { FeatureManifest } from '../core/util/featureManifest';

/** A command's parser and handler; `C` is what the handler runs on (the Services, or the feature object). */
export interface CommandBinding<C> {
  readonly parse: ArgParser<unknown>;
  readonly run: (ctx: C, arg: unknown) => unknown;
}

/** The parser's type flows into the handler's argument. */
export function bind<C, T>(parse: ArgParser<T>, run: (ctx: C, arg: T) => unknown): CommandBinding<C> {
  return { parse, run: run as (ctx: C, arg: unknown) => unknown };
}

/** Registers every command of the table with its binding, each handler running on `ctx`. */
export function registerFeature<Ids extends CommandId, C>(
  manifest: FeatureManifest<Ids>,
  bindings: { readonly [K in Ids]: CommandBinding<C> },
  ctx: C,
  log: Log,
): vscode.Disposable[] {
  return (Object.keys(manifest.commands) as Ids[]).map((id) => registerCommand(log, id, bindings[id].parse, (arg) => bindings[id].run(ctx, arg)));
}
