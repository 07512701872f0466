import * as path from 'path';
import type * as Rules from './bundle';
import { configurePureModulesL10n } from '../../platform/l10n';

export type RulesModule = typeof Rules;
let loaded: RulesModule | undefined;

/**
 * The pure rules of dist/rules.js (code rewrite, mix-ups), required on first use: a run-time
 * require of the sibling bundle, which esbuild leaves alone, as for dist/twilio.js.
 */
export function rules(): RulesModule {
  if (!loaded) {
    const mod = require(path.join(__dirname, 'rules.js')) as RulesModule;
    configurePureModulesL10n(mod.configureL10n);
    loaded = mod;
  }
  return loaded;
}
