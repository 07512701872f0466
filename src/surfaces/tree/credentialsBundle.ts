// Entry of dist/credentials.js (issue 20, points 3-5): the lists, rows and command flows behind an
// account's "Account credentials" and "Push credentials" groups, and the credential report,
// loaded on first use (a group expanded, a command run) so the activation bundle carries only the
// group rows. Its own copy of @vscode/l10n is handed the display language's bundle.
import * as l10n from '@vscode/l10n';
import type { Services } from '../../services/services';
import { CredentialLists } from '../../services/credentialLists';
import { Cancelled } from '../../platform/commands';
import { addPublicKey, deleteAccountCredential, renameAccountCredential, type AddPublicKeyArgs, type RenameAccountCredentialArgs } from '../../features/credentials/accountCredentialCommands';
import { deletePushCredential, replaceFcmSecret } from '../../features/credentials/pushCredentialCommands';
import { credentialReport } from '../../features/report/credentialReport';
import { inventoryFunctionsSource, type ReportSources } from '../../features/report/collectReport';
import { CredentialsView } from './credentialsView';
export { receiveSharedModules } from '../../platform/sharedModules';
import type { UiArgs } from './credentialRows';
import type { Args } from '../../core/util/commandArgs';
import type { CredentialArgs } from '../../features/credentials/resolveCredential';

/** A dismissed prompt throws `Cancelled` (the activation bundle's own, handed over): end the command quietly. */
async function quietly<T>(run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof Cancelled) return undefined;
    throw e;
  }
}

/**
 * The lists, rows and flows, started once. `uiArgs` is the activation bundle's `ourUiArgs`: the
 * arguments of a row's command are marked in the one set the command handlers read.
 */
export function createRuntime(s: Services, uiArgs: UiArgs) {
  const lists = new CredentialLists(s.accounts, s.twilio, s.log);
  const c = { s, lists };
  return {
    lists,
    view: new CredentialsView(lists, uiArgs),
    addPublicKey: (args: Args<AddPublicKeyArgs>) => quietly(() => addPublicKey(c, args)),
    renameAccountCredential: (args: Args<RenameAccountCredentialArgs>) => quietly(() => renameAccountCredential(c, args)),
    deleteAccountCredential: (args: CredentialArgs) => quietly(() => deleteAccountCredential(c, args)),
    replaceFcmSecret: (args: CredentialArgs) => quietly(() => replaceFcmSecret(c, args)),
    deletePushCredential: (args: CredentialArgs) => quietly(() => deletePushCredential(c, args)),
    credentialReport: (sources: Omit<ReportSources, 'functions'> & Partial<Pick<ReportSources, 'functions'>>) =>
      quietly(() => credentialReport(s, lists, { ...sources, functions: sources.functions ?? inventoryFunctionsSource(s) })),
    dispose: () => lists.dispose(),
  };
}

export type CredentialsRuntime = ReturnType<typeof createRuntime>;

export function configureL10n(contents: Record<string, string>): void {
  l10n.config({ contents });
}
