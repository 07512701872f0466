// The modules whose one instance lives in dist/extension.js and that a lazily loaded bundle uses
// rather than a copy of its own (sharedModules.json lists them): those with state that must be
// one, such as the set of arguments this extension made (callers.ts, the consent rule), the
// classes the error handling recognises with `instanceof` (`Cancelled` of commands.ts) and the
// loader itself with the bundles it loaded (lazyBundle.ts), so a flow that loads dist/rules.js
// or dist/twilio.js gets the one the activation bundle has.
//
// In a lazy bundle, esbuild.js replaces each listed module with a stand-in: live bindings,
// declared here with `receives` and filled by `receiveSharedModules`, which the loader
// (lazyBundle.ts) calls with the activation bundle's own modules right after `require`, before
// anything of the bundle runs. Nothing passes through a global: only this extension's loader holds
// the modules, and it hands them only to the bundles it requires itself.
import table from './sharedModules.json';

export type SharedModulePath = (typeof table)[number];

export const SHARED_MODULES: readonly string[] = table;

const standIns = new Map<string, { names: readonly string[]; fill: (module: object) => void }>();

/** Called by a stand-in as the lazy bundle is evaluated: the names it declares and how to fill them. */
export function receives(path: string, names: readonly string[], fill: (module: object) => void): void {
  standIns.set(path, { names, fill });
}

let received = false;

/**
 * Exported by every lazy bundle's entry; the loader hands it the activation bundle's modules.
 * A stand-in the host did not fill would leave `undefined` where a function should be: refused
 * here, at load, before any binding is filled, rather than at some later call. Received once: a
 * second hand-over (anyone else who requires this bundle's file) is refused, so nothing can swap
 * the modules the flows use after the loader handed over its own.
 */
export function receiveSharedModules(modules: Readonly<Record<string, object>>): void {
  if (received) throw new Error('The shared modules were already handed over.');
  for (const [path, { names }] of standIns) {
    const module = modules[path];
    const missing = module ? names.filter((n) => !(n in module)) : ['the module'];
    if (missing.length) throw new Error(`The activation bundle did not hand over ${path}: ${missing.join(', ')}.`);
  }
  for (const [path, { fill }] of standIns) fill(modules[path]);
  received = true;
}
