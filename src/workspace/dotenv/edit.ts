/**
 * Byte-preserving edits of `.env` text: the one transformation every command that writes a
 * `.env` goes through (create key, rotate key, "move to .env", delete a key's lines).
 *
 * - Edits are combined per name; the last edit for a name wins.
 * - An existing variable is updated in place in EVERY occurrence. dotenv loads the last
 *   occurrence, other loaders the first; updating all of them means each loader sees the new
 *   value and no stale secret survives in an earlier duplicate. `export `, the blanks around
 *   `=`, the quote style (while it can still hold the value) and any inline comment are kept.
 *   An occurrence that already holds the value is left byte for byte, which also makes applying
 *   the same edits twice a no-op.
 * - `remove` deletes every occurrence, with all its lines.
 * - New variables are appended at the end, in edit order, as `NAME=value` lines ending with the
 *   file's dominant line ending; a last line without one gets one first.
 * - Every line not owned by an edited variable is kept exactly, BOM included.
 */
import * as l10n from '@vscode/l10n';
import { formatValue } from './format';
import { type DotenvDoc, type DotenvError, type Eol, getValue, parseDotenv } from './parse';

export type DotenvEdit = { name: string; value: string } | { remove: string };

export interface ApplyOptions {
  /** Line ending for a file that has none to copy (empty or single-line); default `\n`. */
  eol?: '\n' | '\r\n';
}

export type ApplyResult = { ok: true; text: string; changed: boolean } | { ok: false; error: DotenvError };

const EDITABLE_NAME = /^[A-Za-z0-9_.-]+$/;

/** The most common line ending of the document, or undefined when it has none. */
export function dominantEol(doc: DotenvDoc): Exclude<Eol, ''> | undefined {
  const counts = new Map<Eol, number>();
  // Stryker disable next-line ConditionalExpression: a last line without an ending would count under '', which is never chosen
  for (const e of doc.entries) if (e.eol) counts.set(e.eol, (counts.get(e.eol) ?? 0) + 1);
  let best: Exclude<Eol, ''> | undefined;
  for (const eol of ['\n', '\r\n', '\r'] as const) {
    if ((counts.get(eol) ?? 0) > (best ? counts.get(best) ?? 0 : 0)) best = eol;
  }
  return best;
}

function editError(message: string): ApplyResult {
  return { ok: false, error: { line: 0, message } };
}

export function applyEdits(text: string, edits: readonly DotenvEdit[], opts: ApplyOptions = {}): ApplyResult {
  const parsed = parseDotenv(text);
  if (!parsed.ok) return parsed;
  const doc = parsed.doc;

  // name -> new value, or null to remove
  const wanted = new Map<string, string | null>();
  for (const edit of edits) {
    const name = 'remove' in edit ? edit.remove : edit.name;
    if (typeof name !== 'string' || !EDITABLE_NAME.test(name)) {
      return editError(l10n.t('A variable name may only use letters, digits, "_", "." and "-".'));
    }
    const value = 'remove' in edit ? null : edit.value;
    if (value !== null && typeof value !== 'string') return editError(l10n.t('The value for {0} is not text.', name));
    // Delete first so that new names are appended in the order of their last edit.
    wanted.delete(name);
    wanted.set(name, value);
  }

  const eol = dominantEol(doc) ?? opts.eol ?? '\n';
  const out: string[] = [];
  const present = new Set<string>();
  for (const entry of doc.entries) {
    // Stryker disable next-line ConditionalExpression: a blank or comment line has no name, so wanted.has() already leaves it alone
    if (entry.kind !== 'assignment' || !wanted.has(entry.name)) {
      out.push(entry.text + entry.eol);
      continue;
    }
    present.add(entry.name);
    const value = wanted.get(entry.name);
    // Stryker disable next-line ConditionalExpression: every name in `wanted` has a string or null, never undefined
    if (value === null || value === undefined) continue;
    if (entry.value === value) {
      out.push(entry.text + entry.eol);
      continue;
    }
    const raw = formatValue(value, entry.quote, eol);
    if (raw === undefined) return unrepresentable(entry.name);
    out.push(entry.lead + entry.name + entry.separator + raw + entry.trailer + entry.eol);
  }

  const appended: string[] = [];
  for (const [name, value] of wanted) {
    if (value === null || present.has(name)) continue;
    const raw = formatValue(value, undefined, eol);
    if (raw === undefined) return unrepresentable(name);
    appended.push(name + '=' + raw + eol);
  }
  if (appended.length > 0) {
    // Only the file's last line can lack a line ending.
    // Stryker disable next-line ConditionalExpression,EqualityOperator: with no line before, the += lands on out[-1], which join() ignores
    if (out.length > 0 && !/[\r\n]$/.test(out[out.length - 1])) out[out.length - 1] += eol;
    out.push(...appended);
  }

  const result = (doc.bom ? '\uFEFF' : '') + out.join('');
  const check = verify(result, wanted);
  // Stryker disable next-line all: defence in depth, reached only if formatValue or the parser had a bug (each is tested on its own)
  if (check) return { ok: false, error: check };
  return { ok: true, text: result, changed: result !== text };
}

function unrepresentable(name: string): ApplyResult {
  return editError(l10n.t('The value for {0} cannot be written to a .env file: no quoting that dotenv understands preserves it exactly.', name));
}

/** Defence in depth: the written text must read back as intended, or nothing is written. */
// Stryker disable all: reached only if formatValue or the parser had a bug, which their own tests look for
function verify(text: string, wanted: Map<string, string | null>): DotenvError | undefined {
  const reparsed = parseDotenv(text);
  if (!reparsed.ok) return { line: 0, message: l10n.t('Internal error: the edited .env would not parse; nothing was changed.') };
  for (const [name, value] of wanted) {
    if (getValue(reparsed.doc, name) !== (value ?? undefined)) {
      return { line: 0, message: l10n.t('Internal error: {0} would not read back as written; nothing was changed.', name) };
    }
  }
  return undefined;
}
// Stryker restore all
