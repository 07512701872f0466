import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

/**
 * The pure modules (validation, .env, detection, the Twilio layer) translate with `@vscode/l10n`,
 * which knows no language until told: give it the bundle VS Code loaded for the display language.
 * Without one (English, or no translation) the strings stay as written.
 */
export function configurePureModulesL10n(configure: (contents: Record<string, string>) => void = (contents) => l10n.config({ contents })): void {
  const bundle = vscode.l10n.bundle;
  if (bundle) configure(bundle);
}
