import type * as GitModule from '../../workspace/git/editor';
import { loadLazyBundle } from '../../platform/lazyBundle';

/**
 * dist/git.js (src/workspace/git/editor.ts), loaded on first use: the history lookups and the hook
 * installer are not needed at activation.
 */
export function gitModule(): typeof GitModule {
  return loadLazyBundle<typeof GitModule>('git');
}
