// What a key rotation changes in one .env file. Pure: the variable names come from the caller.
import type { DotenvEdit } from '../../workspace/dotenv/edit';

/**
 * In one .env file: variables holding the old SID get the new SID; the old secret's variables
 * (by value when this editor knows it, else the configured secret variable beside the key
 * variable) get the new secret.
 */
export function replacementEdits(
  assignments: ReadonlyArray<{ name: string; value: string }>,
  sidNames: readonly string[],
  oldSecret: string | undefined,
  created: { sid: string; secret: string },
  vars: { apiKey: string; apiSecret: string },
): DotenvEdit[] {
  const edits: DotenvEdit[] = sidNames.map((name) => ({ name, value: created.sid }));
  const secretNames = new Set(assignments.filter((a) => oldSecret !== undefined && a.value === oldSecret).map((a) => a.name));
  if (sidNames.includes(vars.apiKey) && assignments.some((a) => a.name === vars.apiSecret)) secretNames.add(vars.apiSecret);
  for (const name of secretNames) edits.push({ name, value: created.secret });
  return edits;
}
