// Entry point: wires the features and returns. No network, no Twilio library, no heavy work here;
// each feature owns its disposables and loads what it needs on first use.
import * as vscode from 'vscode';
import { Log } from './platform/log';
import { AccountStore } from './services/accountStore';
import { TwilioService } from './services/twilioService';
import { KeyCache } from './services/keyCache';
import { FunctionsCache } from './services/functionsCache';
import { EnvIndex } from './workspace/dotenv/envIndex';
import { EnvWriter } from './workspace/dotenv/envWriter';
import { KeysFeature } from './surfaces/tree/keysFeature';
import { FunctionsSection } from './surfaces/tree/functionsSection';
import { DetectionFeature } from './surfaces/editor/detectionFeature';
import { TerminalsFeature } from './features/terminals/terminalsFeature';
import { TwilioAuthProvider } from './features/auth/twilioAuthProvider';
import { MixupFeature } from './surfaces/editor/mixups';
import { AuthTokenFeature } from './features/authToken/authTokenFeature';
import { FunctionsFeature } from './features/functions/functionsFeature';
import { keyPageSize } from './platform/config';
import { configurePureModulesL10n } from './platform/l10n';
import type { Services } from './services/services';

export interface ExtensionApi {
  /** Internals for the extension's own in-host tests; present only in test mode. */
  testing?: Services & { context: vscode.ExtensionContext; keysFeature: KeysFeature; detection: DetectionFeature; mixups: MixupFeature; terminals: TerminalsFeature; auth: TwilioAuthProvider };
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
  const functions = new FunctionsCache(accounts, twilio, log, keyPageSize);
  const envIndex = new EnvIndex();
  const envWriter = new EnvWriter(log);
  const services: Services = { log, accounts, keys, functions, twilio, envWriter, envIndex };
  const keysFeature = new KeysFeature(services);
  const detection = new DetectionFeature(services, context);
  const mixups = new MixupFeature(services);
  const authToken = new AuthTokenFeature(services);
  const functionsFeature = new FunctionsFeature(services);
  const terminals = new TerminalsFeature(services, context);
  keysFeature.tree.showFunctions(new FunctionsSection(functions));
  keysFeature.tree.showTerminalChoice(() => (terminals.credentials.applied ? terminals.credentials.choice : undefined), terminals.credentials.onDidChange);
  const auth = new TwilioAuthProvider(services, context.globalState);
  context.subscriptions.push(log, accounts, twilio, keys, functions, envIndex, keysFeature, detection, mixups, authToken, functionsFeature, terminals, auth);
  const now = performance.now();
  log.info(`Activated in ${(now - started).toFixed(1)} ms (bundle evaluated ${(started - loadedAt).toFixed(1)} ms before).`);
  return context.extensionMode === vscode.ExtensionMode.Test ? { testing: { ...services, context, keysFeature, detection, mixups, terminals, auth } } : {};
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
