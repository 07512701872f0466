/**
 * What a feature contributes to package.json, in one table per feature (`manifest.ts` in its
 * folder): its commands, each with the tree rows whose context menu offers it (their
 * contextValues, src/core/util/treeRows.ts), its views, and the activation events it needs beyond
 * the implied ones, each with why. test/unit/docs/featureManifests.test.ts holds package.json
 * against every table, both ways. The feature binds each command to its argument parser and
 * handler where it registers them (src/platform/registerFeature.ts), and the compiler holds that
 * binding to the table: every command bound, none more. Pure: no vscode.
 */
import type { CommandId } from './commandIds';

export interface CommandDeclaration {
  /** The contextValues of the rows whose context menu offers the command (none: not in a context menu). */
  readonly rows?: readonly string[];
}

export interface FeatureManifest<Ids extends CommandId = CommandId> {
  readonly feature: string;
  readonly commands: { readonly [K in Ids]: CommandDeclaration };
  /** Views it contributes (package.json `contributes.views`), by id. */
  readonly views?: readonly string[];
  /** Activation events it needs beyond those VS Code implies from views and commands, each with why. */
  readonly activationEvents?: Readonly<Record<string, string>>;
}

/** A feature's table, with its command ids kept as a type (for the binding to be checked against). */
export function featureManifest<const Ids extends CommandId>(manifest: FeatureManifest<Ids>): FeatureManifest<Ids> {
  return manifest;
}

/** Any feature's table, whichever its commands (for code that reads every table). */
export type AnyFeatureManifest = Omit<FeatureManifest, 'commands'> & { readonly commands: Readonly<Partial<Record<CommandId, CommandDeclaration>>> };
