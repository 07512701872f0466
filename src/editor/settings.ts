import * as vscode from 'vscode';
import type { Severity } from '../detection';

export interface DetectionSettings {
  enabled: boolean;
  /** Overrides the severity of hardcoded-secret findings in source files ('default' keeps the engine's). */
  severity: 'default' | Severity;
  exclude: string[];
  maxFileSize: number;
}

export function detectionSettings(scope?: vscode.Uri): DetectionSettings {
  const c = vscode.workspace.getConfiguration('twilioCredentials.detection', scope);
  return {
    enabled: c.get('enabled', true),
    severity: c.get('severity', 'default'),
    exclude: c.get<string[]>('exclude', []),
    maxFileSize: c.get('maxFileSize', 5 * 1024 * 1024),
  };
}

export function toVscodeSeverity(s: Severity): vscode.DiagnosticSeverity {
  switch (s) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'information':
      return vscode.DiagnosticSeverity.Information;
    case 'hint':
      return vscode.DiagnosticSeverity.Hint;
  }
}
