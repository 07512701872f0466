// The `.env` edits of an API key, under the variable names the settings choose.
import type { DotenvEdit } from './edit';
import { envVariableNames } from '../../platform/config';

/** The three variables that let code authenticate with an API key. */
export function keyEnvEdits(accountSid: string, keySid: string, secret: string): DotenvEdit[] {
  const names = envVariableNames();
  return [
    { name: names.accountSid, value: accountSid },
    { name: names.apiKey, value: keySid },
    { name: names.apiSecret, value: secret },
  ];
}
