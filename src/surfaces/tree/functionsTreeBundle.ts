// Entry of dist/functionsTree.js: what lies below each account's Functions group (the cache of
// services, environments and credential variables, and the rows that show them), loaded when a
// Functions group is first expanded or a flow first asks for the cache (./functionsGroup.ts), so
// the activation bundle carries only the collapsed group row. It carries no copy of
// src/platform/callers.ts: the arguments of its rows' commands are marked as this extension's
// own by the activation bundle (FunctionsGroup.treeItem). Its own copy of @vscode/l10n is handed
// the display language's bundle.
import * as l10n from '@vscode/l10n';
import { FunctionsCache } from '../../services/functionsCache';
import { FunctionsSection } from './functionsSection';

export function functionsCache(...args: ConstructorParameters<typeof FunctionsCache>): FunctionsCache {
  return new FunctionsCache(...args);
}

export function functionsSection(cache: FunctionsCache): FunctionsSection {
  return new FunctionsSection(cache);
}

export { receiveSharedModules } from '../../platform/sharedModules';

export function configureL10n(contents: Record<string, string>): void {
  l10n.config({ contents });
}
