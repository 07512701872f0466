// Entry point: wires the features and returns. No network, no Twilio library, no heavy work here;
// each feature owns its disposables, loads what it needs on first use, and registers its own
// commands: those of its table (its manifest.ts), each bound to its parser and handler.
import * as vscode from 'vscode';
import { Log } from './platform/log';
import { AccountStore } from './services/accountStore';
import { TwilioService } from './services/twilioService';
import { KeyCache } from './services/keyCache';
import { FunctionsAccess } from './services/functionsAccess';
import { functionsTreeBundle } from './surfaces/tree/functionsGroup';
import { EnvIndex } from './workspace/dotenv/envIndex';
import { EnvWriter } from './workspace/dotenv/envWriter';
import { AccountsView } from './surfaces/tree/accountsView';
import { DetectionFeature } from './surfaces/editor/detectionFeature';
import { TerminalsFeature } from './features/terminals/terminalsFeature';
import { TwilioAuthProvider } from './features/auth/twilioAuthProvider';
import { MixupFeature } from './surfaces/editor/mixups';
import { CredentialsFeature } from './surfaces/tree/credentialsFeature';
import { keyPageSize } from './platform/config';
import { configurePureModulesL10n } from './platform/l10n';
import type { Services } from './services/services';
import { KeyLifecycle } from './services/keyLifecycle';
import { lifecycleUi } from './features/keys/lifecycleUi';
import { registerAccounts } from './features/accounts/register';
import { registerKeys } from './features/keys/register';
import { registerAuthToken } from './features/authToken/register';
import { registerReplace } from './features/replace/register';
import { registerProfiles } from './features/profiles/register';
import { registerFunctions } from './features/functions/register';
import { createKey } from './features/keys/commands/createKey';
import type { TestDriver, TestKeyring } from './testDriver';
import { loadLazyBundle } from './platform/lazyBundle';
import { ours } from './platform/callers';
import { commandArgumentRoles } from './platform/commands';

/** The features that are commands over the services alone; the others register theirs as they are built. */
const COMMAND_FEATURES = [
  registerAccounts,
  registerKeys,
  registerAuthToken,
  registerReplace,
  registerProfiles,
  // Use Key in Functions offers Create API Key, which functions/ cannot import (keys/ uses functions/).
  (s: Services) => registerFunctions(s, { createKey }),
];

export interface ExtensionApi {
  /**
   * The in-host tests' driver (src/testDriver.ts): snapshots, a reset and the consent seam.
   * Present only in test mode (VS Code running the extension under development for its tests),
   * never in an installed extension; no secret crosses it.
   */
  testDriver?: TestDriver;
  /**
   * The old test API (every service and the ExtensionContext), for the in-host suites not yet moved
   * to the driver (test/integration/helpers.ts, `legacySlate`); same test-mode rule. To be removed
   * when the last of them has moved.
   */
  testing?: Services & {
    context: vscode.ExtensionContext;
    accountsView: AccountsView;
    detection: DetectionFeature;
    mixups: MixupFeature;
    terminals: TerminalsFeature;
    auth: TwilioAuthProvider;
    credentials: CredentialsFeature;
    ours: typeof ours;
    commandArgumentRoles: typeof commandArgumentRoles;
  };
}

/** When this bundle started evaluating: activation time is measured from here (npm run bench). */
const loadedAt = performance.now();

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  configurePureModulesL10n();
  const log = new Log();
  const accounts = new AccountStore(context.globalState, context.secrets);
  const twilio = new TwilioService(log, String(context.extension.packageJSON.version));
  const keys = new KeyCache(accounts, twilio, log, keyPageSize);
  const functions = new FunctionsAccess(() => functionsTreeBundle().functionsCache(accounts, twilio, log, keyPageSize));
  const envIndex = new EnvIndex();
  const envWriter = new EnvWriter(log, envIndex);
  const base = { log, accounts, keys, twilio, envWriter, envIndex };
  const services: Services = { ...base, functions, lifecycle: new KeyLifecycle(base, lifecycleUi) };
  const commands = COMMAND_FEATURES.flatMap((register) => register(services));
  const accountsView = new AccountsView(services);
  const detection = new DetectionFeature(services, context);
  const mixups = new MixupFeature(services);
  const terminals = new TerminalsFeature(services, context);
  accountsView.tree.showTerminalChoice(() => (terminals.credentials.applied ? terminals.credentials.choice : undefined), terminals.credentials.onDidChange);
  accountsView.tree.showLaunchGrants(() => terminals.credentials.grants, terminals.credentials.onDidChange);
  const auth = new TwilioAuthProvider(services, context.globalState);
  const credentials = new CredentialsFeature(services, {
    terminalChoice: () => (terminals.credentials.applied ? terminals.credentials.choice : undefined),
    sessions: () => auth.sessionKeys(),
    hardcoded: () => detection.liveFindings(),
  });
  accountsView.tree.addSection(credentials);
  context.subscriptions.push(log, accounts, twilio, keys, functions, envIndex, ...commands, accountsView, detection, mixups, terminals, auth, credentials);
  const now = performance.now();
  log.info(`Activated in ${(now - started).toFixed(1)} ms (bundle evaluated ${(started - loadedAt).toFixed(1)} ms before).`);
  return context.extensionMode === vscode.ExtensionMode.Test
    ? {
        // dist/testDriver.js: built beside the others, loaded only here, never shipped (.vscodeignore).
        testDriver: loadLazyBundle<typeof import('./testDriver')>('testDriver').testDriver(services, { context, accountsView, terminals, detection, mixups, auth, keyring: testKeyring(context) }),
        testing: { ...services, context, accountsView, detection, mixups, terminals, auth, credentials, ours, commandArgumentRoles },
      }
    : {};
}

/** The test driver's keyring faults (test mode only): activate() is the one place that hands context.secrets over. */
function testKeyring(context: vscode.ExtensionContext): TestKeyring {
  const secrets = context.secrets;
  return {
    read: (id) => secrets.get(id),
    write: (id, value) => (value === undefined ? secrets.delete(id) : secrets.store(id, value)),
    lock() {
      const store = secrets.store;
      secrets.store = async () => {
        throw new Error('keyring is locked');
      };
      return () => {
        secrets.store = store;
      };
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
