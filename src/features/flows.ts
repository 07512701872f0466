// Entry of dist/flows.js: what the commands do once they run (prompts, modals, Twilio calls, .env
// writes), loaded on the first run of any of them, so activation parses only their registrations
// (each feature's register.ts: the command table, the argument parsers and a handler that loads
// this bundle). One namespace per feature, named after its folder; each feature's flows.ts says
// what it holds. callers.ts and commands.ts are the activation bundle's own (sharedModules.json);
// its own copy of @vscode/l10n is handed the display language's bundle.
import * as l10n from '@vscode/l10n';

export * as accounts from './accounts/flows';
export * as authToken from './authToken/flows';
export * as keys from './keys/flows';
export * as profiles from './profiles/flows';
export * as replace from './replace/flows';
export { receiveSharedModules } from '../platform/sharedModules';

export function configureL10n(contents: Record<string, string>): void {
  l10n.config({ contents });
}
