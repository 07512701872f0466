import type * as Flows from './bundle';
import { loadLazyBundle } from '../../platform/lazyBundle';

export type FunctionsFlows = typeof Flows;

/** The Functions flows of dist/functions.js (a command, a rotation's or a deletion's step), loaded on first use. */
export function functionsFlows(): FunctionsFlows {
  return loadLazyBundle<FunctionsFlows>('functions');
}
