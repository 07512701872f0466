import * as path from 'path';
import type * as GitModule from '../../workspace/git/editor';

let loaded: typeof GitModule | undefined;

/**
 * dist/git.js (src/workspace/git/editor.ts), required on first use: the history lookups and the hook
 * installer are not needed at activation. A computed path, so esbuild leaves it to run time.
 */
export function gitModule(): typeof GitModule {
  loaded ??= require(path.join(__dirname, 'git.js')) as typeof GitModule;
  return loaded;
}
