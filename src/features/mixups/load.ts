import type * as Rules from './bundle';
import { loadLazyBundle } from '../../platform/lazyBundle';

export type RulesModule = typeof Rules;

/** The pure rules of dist/rules.js (code rewrite, mix-ups), loaded on first use. */
export function rules(): RulesModule {
  return loadLazyBundle<RulesModule>('rules');
}
