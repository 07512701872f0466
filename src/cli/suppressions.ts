// The "load suppressions" stage of `scan`: the ignore files (`.twilio-credentials-ignore` of the
// current directory and of each folder scanned: fingerprints and path globs) and the baseline.
//
// Normally they are read from the working tree. In a history range with a base
// (`--git BASE..TIP`, what the GitHub Action runs on a pull request) they are read from git's
// objects at the base commit, with the same size limits and parsing, because the working tree is
// the tip: a pull request could otherwise suppress its own findings. A file missing at the base
// suppresses nothing. The tip's files are read too, only to tell which findings the range tried
// to suppress, and the range's changes to these files are listed for the report.

import * as path from 'path';
import { IGNORE_FILE_NAME, matchesAnyGlob, parseIgnoreFile } from '../core/detection';
import { decodeOrRefuse, decodeUtf8Strict, readGuardedSync, SafeFsError } from '../workspace/files/safeFs';
import { Baseline, MAX_BASELINE_BYTES, parseBaseline, readBaselineFile } from './baseline';
import type { SuppressionState } from './judge';
import { escapeForTerminal } from './output';
import type { RangeFileChange, RangeView } from './source';
import { relativePosix } from './walk';

export const MAX_IGNORE_FILE_BYTES = 1024 * 1024;
/** Content of a changed suppression file read to list its changed lines. */
const MAX_CHANGE_BYTES = 8 * 1024 * 1024;

/** Ignore-file globs by the folder they are relative to (absolute paths). */
export type GlobsByDir = ReadonlyMap<string, readonly string[]>;

export interface LoadedState extends SuppressionState {
  globsByDir: GlobsByDir;
}

export interface Suppressions {
  /** The suppressions that hold: the working tree's, or the range base's. */
  active: LoadedState;
  /** A range with a base: its view, the tip's suppressions (notes only) and its changes to suppression files. */
  range?: { view: RangeView; tip: LoadedState; changes: RangeFileChange[] };
}

export interface LoadRequest {
  cwd: string;
  /** Folders whose ignore files count (the current directory and each folder scanned). */
  ignoreDirs: readonly string[];
  /** --baseline as given (relative to cwd), if any. */
  baseline?: string;
  /** A range with a base, from the scan source. */
  range?: RangeView;
  /** Warnings (unreadable ignore files, lines that are neither fingerprint nor glob). */
  warn(line: string): void;
}

type TextRead = { text: string } | { missing: true } | { problem: string };
type TextReader = (file: string, dir: string, label: string) => Promise<TextRead>;

/** The working tree, through the guarded file access: a link, FIFO, device or huge file is refused, not read. */
const fromWorkingTree: TextReader = async (file, dir, label) => {
  try {
    const read = readGuardedSync(file, { roots: [dir], label, maxBytes: MAX_IGNORE_FILE_BYTES });
    if (!read.exists) return { missing: true };
    return { text: decodeOrRefuse(read.bytes, file, { roots: [dir], label }) };
  } catch (error) {
    if (!(error instanceof SafeFsError)) throw error;
    return { problem: error.message };
  }
};

/** A commit of the range, from git's objects. */
function fromRevision(view: RangeView, which: 'base' | 'tip'): TextReader {
  const commit = (which === 'base' ? view.base : view.tip).slice(0, 12);
  return async (file, _dir, label) => {
    const r = await view.readAt(which, file, MAX_IGNORE_FILE_BYTES);
    if (!r || !r.exists) return { missing: true };
    if ('refused' in r) {
      return { problem: `${label} at ${commit}: ${r.refused === 'too-large' ? `larger than ${MAX_IGNORE_FILE_BYTES} bytes` : 'not a regular file'}; not used` };
    }
    const d = decodeUtf8Strict(r.bytes);
    return d.ok ? { text: d.text } : { problem: `${label} at ${commit}: line ${d.line} is not valid UTF-8; not used` };
  };
}

/** Reads the ignore files of `dirs`; `warn` gets what could not be used. */
async function readIgnoreFiles(req: Pick<LoadRequest, 'cwd' | 'ignoreDirs'>, read: TextReader, warn: (line: string) => void): Promise<Omit<LoadedState, 'baseline' | 'baselineLabel'>> {
  const fingerprints = new Map<string, string>();
  const globsByDir = new Map<string, string[]>();
  for (const dir of new Set(req.ignoreDirs)) {
    const file = path.join(dir, IGNORE_FILE_NAME);
    const label = relativePosix(req.cwd, file);
    const r = await read(file, dir, label);
    if ('missing' in r) continue;
    if ('problem' in r) {
      warn(`twilio-credentials: ${escapeForTerminal(r.problem)}`);
      continue;
    }
    const rules = parseIgnoreFile(r.text);
    for (const f of rules.fingerprints) if (!fingerprints.has(f)) fingerprints.set(f, label);
    if (rules.pathGlobs.length > 0) globsByDir.set(dir, rules.pathGlobs);
    for (const bad of rules.invalidLines) warn(`${escapeForTerminal(label)}:${bad.line}: not a fingerprint or a glob: ${escapeForTerminal(bad.text)}`);
  }
  return { fingerprints, globsByDir, matchesGlob: globMatcher(req.cwd, globsByDir) };
}

/** Whether a path (relative to `cwd`) matches a glob of an ignore file (relative to its folder). */
export function globMatcher(cwd: string, globsByDir: GlobsByDir): (rel: string) => boolean {
  return (rel) => {
    const abs = path.resolve(cwd, rel);
    for (const [dir, globs] of globsByDir) {
      const inDir = relativePosix(dir, abs);
      if (!inDir.startsWith('../') && inDir !== '..' && matchesAnyGlob(inDir, globs)) return true;
    }
    return false;
  };
}

const NO_BASELINE_ENTRIES: Baseline = { size: 0, has: () => false };

/** The baseline at a commit of the range: missing there = no entries; unusable = an error message. */
async function baselineAt(view: RangeView, which: 'base' | 'tip', file: string, label: string): Promise<Baseline | { error: string } | undefined> {
  const r = await view.readAt(which, file, MAX_BASELINE_BYTES);
  if (r === undefined) return undefined; // outside the repository: not part of the range
  const at = `at the range's ${which} ${(which === 'base' ? view.base : view.tip).slice(0, 12)}`;
  if (!r.exists) return NO_BASELINE_ENTRIES;
  if ('refused' in r) return { error: `cannot use baseline ${label} ${at}: ${r.refused === 'too-large' ? `larger than ${MAX_BASELINE_BYTES} bytes` : 'not a regular file'}` };
  try {
    return parseBaseline(r.bytes.toString('utf8'));
  } catch (e) {
    return { error: `cannot use baseline ${label} ${at}: ${(e as Error).message}` };
  }
}

function baselineFromDisk(file: string, label: string): Baseline | { error: string } {
  try {
    return readBaselineFile(file);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return { error: `cannot use baseline ${label}: ${e.code ? e.code : e.message}` };
  }
}

/** The stage: suppressions that hold (and, in a range, the tip's and the range's changes), or why the baseline is unusable. */
export async function loadSuppressions(req: LoadRequest): Promise<Suppressions | { error: string }> {
  const label = req.baseline !== undefined ? escapeForTerminal(req.baseline) : undefined;
  const baselineFile = req.baseline !== undefined ? path.resolve(req.cwd, req.baseline) : undefined;
  const view = req.range;

  let baseline: Baseline | undefined;
  if (baselineFile !== undefined) {
    const b = (view && (await baselineAt(view, 'base', baselineFile, label!))) ?? baselineFromDisk(baselineFile, label!);
    if ('error' in b) return b;
    baseline = b;
  }
  const ignore = await readIgnoreFiles(req, view ? fromRevision(view, 'base') : fromWorkingTree, req.warn);
  const active: LoadedState = { ...ignore, baseline, baselineLabel: req.baseline };
  if (!view) return { active };

  const tipIgnore = await readIgnoreFiles(req, fromRevision(view, 'tip'), () => undefined);
  let tipBaseline: Baseline | undefined;
  if (baselineFile !== undefined) {
    const b = await baselineAt(view, 'tip', baselineFile, label!);
    tipBaseline = b && !('error' in b) ? b : undefined;
  }
  const changes = await view.changes(IGNORE_FILE_NAME, baselineFile !== undefined ? [baselineFile] : [], MAX_CHANGE_BYTES);
  return { active, range: { view, tip: { ...tipIgnore, baseline: tipBaseline, baselineLabel: req.baseline }, changes } };
}
