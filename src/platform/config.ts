import * as vscode from 'vscode';
import { SETTINGS, SETTINGS_SECTION, SettingGroup, SettingKey, settingId, SettingValue, settingValue } from '../core/util/settingKeys';

/**
 * The extension's settings, typed: the only code that reads `twilioCredentials.*`. Keys and types
 * come from ./settingKeys.ts; defaults only from package.json (VS Code supplies them). Restricted
 * Mode is VS Code's: in an untrusted workspace it leaves out the workspace values of the settings
 * package.json lists under `restrictedConfigurations`, so nothing here checks trust.
 */

type ResourceKey = { [K in SettingKey]: (typeof SETTINGS)[K] extends { perResource: true } ? K : never }[SettingKey];
type WindowKey = Exclude<SettingKey, ResourceKey>;

/**
 * One setting's value. A value of the wrong type in settings.json gives way to package.json's
 * default (as VS Code reports it), never to a literal here.
 */
function read<K extends SettingKey>(key: K, scope?: vscode.ConfigurationScope): SettingValue<K> {
  const c = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  const value = settingValue(key, c.get(key)) ?? settingValue(key, c.inspect(key)?.defaultValue);
  if (value === undefined) throw new Error(`${settingId(key)} is not contributed with a default in package.json`);
  return value;
}

/** A setting read window-wide. */
export function setting<K extends WindowKey>(key: K): SettingValue<K> {
  return read(key);
}

/** A setting that may differ per folder: read for the document (or folder) it applies to. */
export function resourceSetting<K extends ResourceKey>(key: K, scope: vscode.ConfigurationScope | undefined): SettingValue<K> {
  return read(key, scope);
}

/** Whether a configuration change touches any of these settings or groups (`'env'` covers every `env.*`). */
export function affectsSettings(e: vscode.ConfigurationChangeEvent, ...keys: Array<SettingKey | SettingGroup>): boolean {
  return keys.some((k) => e.affectsConfiguration(settingId(k)));
}

/** The variable names credentials are written to and read from. */
export function envVariableNames(): { accountSid: string; apiKey: string; apiSecret: string; authToken: string } {
  return {
    accountSid: setting('env.accountSidVariable'),
    apiKey: setting('env.apiKeyVariable'),
    apiSecret: setting('env.apiSecretVariable'),
    authToken: setting('env.authTokenVariable'),
  };
}

/** Deadline for one Twilio call, retries included. */
export function requestTimeoutMs(): number {
  return setting('requestTimeoutSeconds') * 1000;
}

export function keyPageSize(): number {
  return setting('keys.pageSize');
}

/** Keys at least this many days old get a "rotate" hint in the tree; 0 turns the hint off. */
export function rotationHintDays(): number {
  return setting('keys.rotationHintDays');
}

export interface DetectionSettings {
  enabled: boolean;
  /** Overrides the severity of hardcoded-secret findings in source files ('default' keeps the engine's). */
  severity: SettingValue<'detection.severity'>;
  exclude: string[];
  maxFileSize: number;
}

/** The settings that shape detection, for one document (or window-wide without a scope). */
export function detectionSettings(scope?: vscode.ConfigurationScope): DetectionSettings {
  return {
    enabled: resourceSetting('detection.enabled', scope),
    severity: resourceSetting('detection.severity', scope),
    exclude: resourceSetting('detection.exclude', scope),
    maxFileSize: resourceSetting('detection.maxFileSize', scope),
  };
}
