import * as path from 'path';
import type * as Flows from './bundle';
import { configurePureModulesL10n } from '../../platform/l10n';

export type FunctionsFlows = typeof Flows;
let loaded: FunctionsFlows | undefined;

/**
 * The Functions flows of dist/functions.js, required on first use (a command, a rotation, a
 * deletion): a run-time require of the sibling bundle, which esbuild leaves alone.
 */
export function functionsFlows(): FunctionsFlows {
  if (!loaded) {
    const mod = require(path.join(__dirname, 'functions.js')) as FunctionsFlows;
    configurePureModulesL10n(mod.configureL10n);
    loaded = mod;
  }
  return loaded;
}
