// Human-readable ages for tree descriptions. Pure.
const UNITS: Array<[number, string]> = [
  [365 * 24 * 3600, 'y'],
  [30 * 24 * 3600, 'mo'],
  [7 * 24 * 3600, 'w'],
  [24 * 3600, 'd'],
  [3600, 'h'],
  [60, 'm'],
];

/** "3d", "5mo", "just now". */
export function formatAge(date: Date | undefined, now: Date = new Date()): string {
  if (!date || isNaN(date.getTime())) return '';
  const seconds = Math.max(0, Math.floor((now.getTime() - date.getTime()) / 1000));
  for (const [size, unit] of UNITS) {
    if (seconds >= size) return `${Math.floor(seconds / size)}${unit}`;
  }
  return 'just now';
}

/** "2026-11-27 03:53 UTC": unambiguous in tooltips. */
export function formatDate(date: Date | undefined): string {
  if (!date || isNaN(date.getTime())) return '—';
  return date.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}
