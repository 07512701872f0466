/**
 * `.env.example` upkeep: the committed file that lists which variables an app needs, with no
 * values. When a command writes a new variable to `.env`, the same name is added here, empty.
 */
import { type ApplyOptions, type ApplyResult, applyEdits } from './edit';
import { names, parseDotenv } from './parse';

/**
 * Adds `NAME=` for each name the example file does not list yet. Names already present are left
 * alone, whatever their (example) value; the rest of the file is kept byte for byte.
 */
export function ensureExampleEntries(text: string, wanted: readonly string[], opts?: ApplyOptions): ApplyResult {
  const parsed = parseDotenv(text);
  if (!parsed.ok) return parsed;
  const existing = new Set(names(parsed.doc));
  const missing = [...new Set(wanted)].filter((n) => !existing.has(n));
  return applyEdits(text, missing.map((name) => ({ name, value: '' })), opts);
}
