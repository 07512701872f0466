// How old a key is, for the tree's "rotate" hint. Pure; small enough for the activation bundle.

/** Whole days since `created`; undefined for a missing or future date. */
export function ageInDays(created: Date | undefined, now: Date): number | undefined {
  if (!created || Number.isNaN(created.getTime())) return undefined;
  const ms = now.getTime() - created.getTime();
  return ms < 0 ? undefined : Math.floor(ms / 86_400_000);
}

/** The key's age in days when it has reached `thresholdDays` (0 or less: hints are off). */
export function rotationDue(created: Date | undefined, now: Date, thresholdDays: number): number | undefined {
  if (!(thresholdDays > 0)) return undefined;
  const age = ageInDays(created, now);
  return age !== undefined && age >= thresholdDays ? age : undefined;
}
