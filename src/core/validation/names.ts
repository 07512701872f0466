/**
 * Names of environment variables the extension writes (to `.env` and friends): POSIX-style
 * `[A-Za-z_][A-Za-z0-9_]*`, which every shell and dotenv loader accepts. (The `.env` parser reads
 * the wider dotenv set with `.` and `-`, but new names are kept portable.)
 */
import * as l10n from '@vscode/l10n';

export function validateEnvVarName(value: string): string | undefined {
  if (value === '') return l10n.t('Enter a variable name, for example TWILIO_API_KEY.');
  if (/\s/.test(value)) return l10n.t('A variable name has no blanks; use "_" between words.');
  if (/^[0-9]/.test(value)) return l10n.t('A variable name cannot start with a digit.');
  const bad = [...value].find((c) => !/[A-Za-z0-9_]/.test(c));
  if (bad !== undefined) {
    // Stryker disable next-line Regex: `bad` is one character, so the anchors change nothing
    return /^[\x21-\x7e]$/.test(bad)
      ? l10n.t('"{0}" is not allowed: a variable name uses only letters, digits and "_".', bad)
      : l10n.t('A variable name uses only letters, digits and "_".');
  }
  return undefined;
}
