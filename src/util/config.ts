import * as vscode from 'vscode';
import type { DotenvEdit } from '../dotenv/edit';

/** Typed access to the extension's settings. */
export function envVariableNames(): { accountSid: string; apiKey: string; apiSecret: string; authToken: string } {
  const c = vscode.workspace.getConfiguration('twilioCredentials.env');
  return {
    accountSid: c.get('accountSidVariable', 'TWILIO_ACCOUNT_SID'),
    apiKey: c.get('apiKeyVariable', 'TWILIO_API_KEY'),
    apiSecret: c.get('apiSecretVariable', 'TWILIO_API_SECRET'),
    authToken: c.get('authTokenVariable', 'TWILIO_AUTH_TOKEN'),
  };
}

/** Deadline for one Twilio call, retries included. */
export function requestTimeoutMs(): number {
  const s = vscode.workspace.getConfiguration('twilioCredentials').get('requestTimeoutSeconds', 20);
  return Math.min(300, Math.max(1, s)) * 1000;
}

export function keyPageSize(): number {
  const n = vscode.workspace.getConfiguration('twilioCredentials').get('keys.pageSize', 50);
  return Math.min(1000, Math.max(1, Math.floor(n)));
}

/** Keys at least this many days old get a "rotate" hint in the tree; 0 turns the hint off. */
export function rotationHintDays(): number {
  const n = vscode.workspace.getConfiguration('twilioCredentials').get('keys.rotationHintDays', 0);
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

/** The three variables that let code authenticate with an API key. */
export function keyEnvEdits(accountSid: string, keySid: string, secret: string): DotenvEdit[] {
  const names = envVariableNames();
  return [
    { name: names.accountSid, value: accountSid },
    { name: names.apiKey, value: keySid },
    { name: names.apiSecret, value: secret },
  ];
}
