// Region display names. Kept tiny here; the full table with edges lives in src/core/validation.
import { REGIONS } from '../../core/validation/regions';

export function regionLabel(region: string | undefined): string {
  const id = region || 'us1';
  const r = REGIONS.find((x) => x.id === id);
  return r ? `${id} (${r.label})` : id;
}
