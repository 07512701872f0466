/**
 * Names of environment variables the extension writes (to `.env` and friends): POSIX-style
 * `[A-Za-z_][A-Za-z0-9_]*`, which every shell and dotenv loader accepts. (The `.env` parser reads
 * the wider dotenv set with `.` and `-`, but new names are kept portable.)
 */

export function validateEnvVarName(value: string): string | undefined {
  if (value === '') return 'Enter a variable name, for example TWILIO_API_KEY.';
  if (/\s/.test(value)) return 'A variable name has no blanks; use "_" between words.';
  if (/^[0-9]/.test(value)) return 'A variable name cannot start with a digit.';
  const bad = [...value].find((c) => !/[A-Za-z0-9_]/.test(c));
  if (bad !== undefined) {
    const rule = 'a variable name uses only letters, digits and "_".';
    return /^[\x21-\x7e]$/.test(bad) ? `"${bad}" is not allowed: ${rule}` : rule[0].toUpperCase() + rule.slice(1);
  }
  return undefined;
}
