// Entry of dist/git.js: what the editor uses from this folder (history lookups, the hook installer),
// loaded on first use (lazyBundles.json) so that dist/extension.js stays small.
export { FirstCommitIndex } from './firstCommit';
export type { FirstCommit } from './firstCommit';
export { installHook } from './hooks';
