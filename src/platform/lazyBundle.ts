// The bundles dist/extension.js loads on first use, so that activation does not pay for them:
// dist/NAME.js, built from the table's `entry` by esbuild.js, which reads the same table
// (lazyBundles.json), as do the bundle tests. `l10n`: the bundle carries its own copy of
// @vscode/l10n and exports `configureL10n`, which is handed the display language's strings.
// A bundle that imports a module of sharedModules.json (one whose state or classes must be one)
// exports `receiveSharedModules`, handed this bundle's own instances before anything in it runs
// (see sharedModules.ts).
import * as path from 'path';
import table from './lazyBundles.json';
import { configurePureModulesL10n } from './l10n';
import type { SharedModulePath } from './sharedModules';
import * as callers from './callers';
import * as commands from './commands';
import * as fileLocks from './fileLocks';

export type LazyBundleName = keyof typeof table;

export interface LazyBundle {
  /** The source file esbuild bundles into dist/NAME.js. */
  entry: string;
  /** Whether the bundle exports `configureL10n(contents)`. */
  l10n: boolean;
  /** `false`: built for the tests only (the in-host test driver), left out of the .vsix. */
  ship?: boolean;
}

export const LAZY_BUNDLES: Readonly<Record<LazyBundleName, LazyBundle>> = table;

/** What the loader calls on a bundle, when it exports it. */
interface LazyExports {
  configureL10n?: (contents: Record<string, string>) => void;
  receiveSharedModules?: (modules: Readonly<Record<string, object>>) => void;
}

const loaded = new Map<LazyBundleName, unknown>();

/**
 * The module of dist/NAME.js, required on first call. `M` is the type of the entry module
 * (`typeof import(entry)`, as a type-only import at the caller). A computed path, so esbuild
 * leaves the require to run time instead of inlining the bundle.
 */
export function loadLazyBundle<M>(name: LazyBundleName): M {
  if (!loaded.has(name)) {
    const mod = require(path.join(__dirname, `${name}.js`)) as M & LazyExports;
    mod.receiveSharedModules?.(sharedInstances());
    if (LAZY_BUNDLES[name].l10n && mod.configureL10n) configurePureModulesL10n(mod.configureL10n);
    loaded.set(name, mod);
  }
  return loaded.get(name) as M;
}

/**
 * This bundle's instances of the shared modules, by path (every path of sharedModules.json),
 * handed to each lazy bundle it loads. This module is one of them: a lazy bundle's flows load
 * the others through this very loader and its table of loaded bundles.
 */
export function sharedInstances(): Readonly<Record<SharedModulePath, object>> {
  return {
    'src/platform/callers.ts': callers,
    'src/platform/commands.ts': commands,
    'src/platform/lazyBundle.ts': { LAZY_BUNDLES, loadLazyBundle, sharedInstances },
    'src/platform/fileLocks.ts': fileLocks,
  };
}
