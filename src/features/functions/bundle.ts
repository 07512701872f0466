// Entry of dist/functions.js: the Twilio Functions command flows (Use Key in Functions) and the
// steps the key and Auth Token flows run, loaded on first use (./load.ts) so the activation bundle
// carries only the tree's Functions group. The modules with state are the activation bundle's
// (sharedModules.json, handed over by the loader). Its own copy of @vscode/l10n is handed the display
// language's bundle.
import * as l10n from '@vscode/l10n';

export { useKeyInFunctions } from './useKeyInFunctions';
export type { UseKeyInFunctionsResult, UseKeyInFunctionsOffers } from './useKeyInFunctions';
export { keyRotationStep, tokenRotationStep, checkKeyInFunctions, functionsConfirmationLine, keyRotatedMessage } from './functionsSteps';
export type { FunctionsOutcome, FunctionsRotationStep } from './functionsSteps';

export { receiveSharedModules } from '../../platform/sharedModules';

export function configureL10n(contents: Record<string, string>): void {
  l10n.config({ contents });
}
