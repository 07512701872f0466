/** For showing that a secret is set without showing it. */

/** What stands for a hidden value: fixed width, so it does not reveal the length. */
export const MASK = '••••••••';

/**
 * A fixed-width mask and at most the last 4 characters, and never more than a quarter of the
 * value (a short value shows less, or nothing). The mask's width does not reveal the length.
 */
export function maskSecret(value: string | undefined | null): string {
  if (!value) return '';
  const chars = [...value];
  const shown = Math.min(4, Math.floor(chars.length / 4));
  return MASK + chars.slice(chars.length - shown).join('');
}
