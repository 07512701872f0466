/**
 * Reading and writing `.env` files, their templates and `.gitignore` on disk, without `vscode`
 * (the EnvWriter adds trust, prompts and messages). Everything goes through src/workspace/files/safeFs.ts:
 * no links, no pipes or devices, nothing outside the workspace, size capped, strict UTF-8,
 * serialised and re-checked writes. Templates get names only (./templates.ts).
 */
import * as path from 'path';
import * as l10n from '@vscode/l10n';
import { applyEdits, DotenvEdit } from './edit';
import { ensureExampleEntries } from './example';
import { appendGitignoreEntry } from './gitignore';
import { parseDotenv, AssignmentEntry } from './parse';
import { isTemplateFile, templateEdits } from './templates';
import { FILE_LIMITS } from '../../core/util/fileLimits';
import { decodeOrRefuse, GuardOptions, readGuarded, SafeFsError, updateGuarded, WriteOptions } from '../files/safeFs';

export interface EnvFileOptions extends GuardOptions {
  /** The file's name in messages (workspace-relative). */
  label: string;
  /** Which variables hold secrets (decides tightening to 0600); default: names with SECRET, TOKEN, PASSWORD or KEY… see isSecretName. */
  isSecret?: (name: string) => boolean;
  /** Test hook, see WriteOptions. */
  beforeRename?: WriteOptions['beforeRename'];
}

export type EnvFileOutcome =
  | {
      ok: true;
      created: boolean;
      changed: boolean;
      /** The file was readable by group or others and now is 0600, because a secret went in. */
      tightened: boolean;
      /** A template: values were left out, only names written. */
      template: boolean;
    }
  | { ok: false; reason: 'malformed' | 'io' | 'refused'; message: string };

/** The largest `.env` (or template, or `.gitignore`) read or written: see src/core/util/fileLimits.ts. */
export const MAX_ENV_FILE_BYTES = FILE_LIMITS.maxEnvFileBytes;

/** Variable names that hold secrets by convention. */
export function isSecretName(name: string): boolean {
  return /SECRET|TOKEN|PASSWORD|PASSWD|PRIVATE|AUTH/i.test(name);
}

class Malformed extends Error {}

/**
 * Applies edits to the `.env` file at `file` (creating it, 0600, when it does not exist). A file
 * that cannot be parsed, is not UTF-8, is a link, a pipe or outside the roots is never written.
 */
export async function writeEnvEdits(file: string, edits: readonly DotenvEdit[], opts: EnvFileOptions): Promise<EnvFileOutcome> {
  const template = isTemplateFile(file);
  const effective = template ? templateEdits(edits) : edits;
  const isSecret = opts.isSecret ?? isSecretName;
  const writesSecret = effective.some((e) => 'value' in e && e.value !== '' && isSecret(e.name));
  try {
    const r = await updateGuarded(
      file,
      (current) => {
        const text = current.exists ? decodeOrRefuse(current.bytes, file, opts) : '';
        const result = applyEdits(text, effective);
        if (!result.ok) {
          const reason = result.error.message.replace(/\.$/, '');
          throw new Malformed(
            // Line 0 means the requested value itself cannot be written (no dotenv quoting holds it).
            result.error.line > 0
              ? l10n.t('{0} line {1}: {2}. The file was not changed; fix that line and try again.', opts.label, result.error.line, reason)
              : l10n.t('{0} was not changed: {1}.', opts.label, reason),
          );
        }
        if (current.exists && !result.changed) return { value: false };
        const mode = !current.exists ? 0o600 : current.mode;
        const tighten = writesSecret && (mode & 0o077) !== 0;
        return { data: result.text, mode: tighten ? 0o600 : mode, value: tighten };
      },
      { ...opts, maxBytes: MAX_ENV_FILE_BYTES },
    );
    return { ok: true, created: r.created, changed: r.written, tightened: r.value, template };
  } catch (e) {
    if (e instanceof Malformed) return { ok: false, reason: 'malformed', message: e.message };
    if (e instanceof SafeFsError) return { ok: false, reason: e.reason === 'io' || e.reason === 'busy' ? 'io' : 'refused', message: e.message };
    throw e;
  }
}

/** Adds names, with empty values, to a template such as `.env.example` when it exists. */
export async function addExampleNames(file: string, names: readonly string[], opts: EnvFileOptions): Promise<EnvFileOutcome> {
  try {
    const r = await updateGuarded(
      file,
      (current) => {
        if (!current.exists) return { value: false };
        const result = ensureExampleEntries(decodeOrRefuse(current.bytes, file, opts), [...names]);
        if (!result.ok) throw new Malformed(l10n.t('{0} line {1}: {2}. The file was not changed; fix that line and try again.', opts.label, result.error.line, result.error.message.replace(/\.$/, '')));
        return result.changed ? { data: result.text, mode: current.mode, value: false } : { value: false };
      },
      { ...opts, maxBytes: MAX_ENV_FILE_BYTES },
    );
    return { ok: true, created: false, changed: r.written, tightened: false, template: true };
  } catch (e) {
    if (e instanceof Malformed) return { ok: false, reason: 'malformed', message: e.message };
    if (e instanceof SafeFsError) return { ok: false, reason: e.reason === 'io' ? 'io' : 'refused', message: e.message };
    throw e;
  }
}

/**
 * Adds `entry` as a line of the `.gitignore` in `folder`, creating the file only when it does not
 * exist. A `.gitignore` that cannot be read (a link, not UTF-8, unreadable) is refused: throws
 * SafeFsError and changes nothing.
 */
export async function addToGitignoreFile(folder: string, entry: string, opts: GuardOptions): Promise<boolean> {
  const file = path.join(folder, '.gitignore');
  const o = { ...opts, label: opts.label ?? '.gitignore', maxBytes: MAX_ENV_FILE_BYTES };
  const r = await updateGuarded(
    file,
    (current) => {
      const next = appendGitignoreEntry(current.exists ? decodeOrRefuse(current.bytes, file, o) : '', entry);
      return next.changed ? { data: next.text, mode: current.exists ? current.mode : 0o644, value: true } : { value: false };
    },
    o,
  );
  return r.written;
}

/** What one `.env*` file assigns, for the index; values stay in memory only. */
export type EnvFileRead =
  | { kind: 'missing' }
  | { kind: 'parsed'; assignments: Array<{ name: string; value: string; line: number }> }
  /** Refused (link, pipe, too large, not UTF-8) or malformed: never rewritten; `text` only when it could be decoded. */
  | { kind: 'error'; error: string; text?: string };

export async function readEnvFile(file: string, opts: GuardOptions): Promise<EnvFileRead> {
  let text: string;
  try {
    const r = await readGuarded(file, { ...opts, maxBytes: MAX_ENV_FILE_BYTES });
    if (!r.exists) return { kind: 'missing' };
    text = decodeOrRefuse(r.bytes, file, opts);
  } catch (e) {
    if (e instanceof SafeFsError) return { kind: 'error', error: e.message };
    throw e;
  }
  const parsed = parseDotenv(text);
  if (!parsed.ok) return { kind: 'error', error: l10n.t('line {0}: {1}', parsed.error.line, parsed.error.message), text };
  const assignments = parsed.doc.entries
    .filter((e): e is AssignmentEntry => e.kind === 'assignment')
    .map((e) => ({ name: e.name, value: e.value, line: e.line }));
  return { kind: 'parsed', assignments };
}
