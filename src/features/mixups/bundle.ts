// Entry of dist/rules.js: the pure rules behind "Replace Auth Token with API Key" and the
// credential mix-up diagnostics, loaded on first use (src/features/mixups/load.ts) so the activation
// bundle stays small. Its own copy of @vscode/l10n is handed the display language's bundle.
import * as l10n from '@vscode/l10n';

export { planKeyRewrites, applyTextEdits, canRewrite, lookupNeedsImport } from './clientRewrite';
export type { ClientRewrite, EnvNames, TextEdit } from './clientRewrite';
export { envMixups, codeMixups, hostnameMixups, missingKeyMixups, variableRole } from './rules';
export type { Mixup, MixupCode, MixupFix, KeyPresence, VariableNames } from './rules';

export function configureL10n(contents: Record<string, string>): void {
  l10n.config({ contents });
}
