// Entry of dist/git.js: what the editor uses from src/git (history lookups, the hook installer),
// loaded on first use (src/editor/gitModule.ts) so that dist/extension.js stays small.
export { FirstCommitIndex } from './firstCommit';
export type { FirstCommit } from './firstCommit';
export { installHook } from './hooks';
