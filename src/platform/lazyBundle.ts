// The bundles dist/extension.js loads on first use, so that activation does not pay for them:
// dist/NAME.js, built from the table's `entry` by esbuild.js, which reads the same table
// (lazyBundles.json), as do the bundle tests. `l10n`: the bundle carries its own copy of
// @vscode/l10n and exports `configureL10n`, which is handed the display language's strings.
import * as path from 'path';
import table from './lazyBundles.json';
import { configurePureModulesL10n } from './l10n';

export type LazyBundleName = keyof typeof table;

export interface LazyBundle {
  /** The source file esbuild bundles into dist/NAME.js. */
  entry: string;
  /** Whether the bundle exports `configureL10n(contents)`. */
  l10n: boolean;
}

export const LAZY_BUNDLES: Readonly<Record<LazyBundleName, LazyBundle>> = table;

const loaded = new Map<LazyBundleName, unknown>();

/**
 * The module of dist/NAME.js, required on first call. `M` is the type of the entry module
 * (`typeof import(entry)`, as a type-only import at the caller). A computed path, so esbuild
 * leaves the require to run time instead of inlining the bundle.
 */
export function loadLazyBundle<M>(name: LazyBundleName): M {
  if (!loaded.has(name)) {
    const mod = require(path.join(__dirname, `${name}.js`)) as M & { configureL10n?: (contents: Record<string, string>) => void };
    if (LAZY_BUNDLES[name].l10n && mod.configureL10n) configurePureModulesL10n(mod.configureL10n);
    loaded.set(name, mod);
  }
  return loaded.get(name) as M;
}
