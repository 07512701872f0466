// A `scan --git RANGE` judges a pull request (or a push) by what was there before it: the range's
// base commit. This module finds the base and the tip of a range, reads files as they are in a
// commit (from git's objects, never from the working tree, which is the tip's), and lists how the
// range changed a set of files. Pure Node; every git call goes through run.ts.

import * as path from 'path';
import { catBlobs } from './catFile';
import { GitError, gitBuffer, gitText } from './run';
import { parseRawDiff } from './staged';

/** The two ends of a range with a base, as full commit hashes, and the base the tip's side grew from. */
export interface RangeEnds {
  base: string;
  tip: string;
  /** Where the tip's side of the range starts: the merge base of base and tip (the base when none). */
  forkPoint: string;
}

/** A range's revisions as written: the base and the tip, or why there is no single pair. */
export type RangeShape = { base: string; tip: string; symmetric: boolean } | { base: undefined } | { error: string };

/**
 * Reads the base and the tip from revisions as `git log` takes them: `A..B`, `A...B` (base: their
 * merge base), `A..` / `..B` (HEAD for the missing side), `^A B`. Revisions without a negative one
 * (`HEAD`, every ref) have no base: undefined. More than one base or tip is an error.
 */
export function rangeShape(revisions: readonly string[]): RangeShape {
  const bases: string[] = [];
  const tips: string[] = [];
  let symmetric = false;
  for (const r of revisions) {
    if (r.startsWith('-')) return { error: `not a revision range: ${r}` };
    const three = r.indexOf('...');
    const two = r.indexOf('..');
    if (r.startsWith('^')) bases.push(r.slice(1));
    else if (three >= 0) {
      bases.push(r.slice(0, three) || 'HEAD');
      tips.push(r.slice(three + 3) || 'HEAD');
      symmetric = true;
    } else if (two >= 0) {
      bases.push(r.slice(0, two) || 'HEAD');
      tips.push(r.slice(two + 2) || 'HEAD');
    } else tips.push(r);
  }
  if (bases.length === 0) return { base: undefined };
  if (bases.length > 1 || tips.length > 1) return { error: 'a range with a base names one base and one tip (BASE..TIP)' };
  return { base: bases[0], tip: tips[0] ?? 'HEAD', symmetric };
}

async function commitOf(top: string, rev: string): Promise<string> {
  try {
    return (await gitText(['rev-parse', '--verify', '-q', '--end-of-options', `${rev}^{commit}`], { cwd: top })).trim();
  } catch (e) {
    if (e instanceof GitError) throw new GitError(`not a commit: ${rev}`, e.code, e.stderr);
    throw e;
  }
}

async function mergeBase(top: string, a: string, b: string): Promise<string | undefined> {
  const out = await gitText(['merge-base', '--end-of-options', a, b], { cwd: top, okCodes: [1] });
  return out.trim() || undefined;
}

/** The ends of `revisions` in the repository at `top`, or undefined for revisions without a base. */
export async function rangeEnds(top: string, revisions: readonly string[]): Promise<RangeEnds | undefined> {
  const shape = rangeShape(revisions);
  if ('error' in shape) throw new GitError(shape.error, null, '');
  if (shape.base === undefined) return undefined;
  const named = await commitOf(top, shape.base);
  const tip = await commitOf(top, shape.tip);
  const fork = await mergeBase(top, named, tip);
  // `A...B` lists both sides since their merge base: that is the state both grew from.
  const base = shape.symmetric ? (fork ?? named) : named;
  return { base, tip, forkPoint: fork ?? base };
}

/** A file as a commit holds it. */
export type FileAtCommit =
  | { exists: false }
  | { exists: true; bytes: Buffer }
  /** Something is there that is not read: a symbolic link, a submodule, a file over the limit. */
  | { exists: true; refused: 'not-regular' | 'too-large' };

const REGULAR = new Set(['100644', '100755']);

/** `repoPath` (relative to the top, `/` separators) in `commit`, read from git's objects, at most `maxBytes`. */
export async function readAtCommit(top: string, commit: string, repoPath: string, maxBytes: number): Promise<FileAtCommit> {
  const out = await gitBuffer(['--literal-pathspecs', 'ls-tree', '-z', '--full-tree', '--end-of-options', commit, '--', repoPath], { cwd: top });
  const entry = out.toString('utf8').split('\0').map((line) => /^(\d+) (\w+) ([0-9a-f]+)\t([\s\S]*)$/.exec(line)).find((m) => m?.[4] === repoPath);
  if (!entry) return { exists: false };
  if (!REGULAR.has(entry[1])) return { exists: true, refused: 'not-regular' };
  let result: FileAtCommit = { exists: false };
  await catBlobs(top, [entry[3]], maxBytes, (blob) => {
    result = blob.content ? { exists: true, bytes: blob.content } : { exists: true, refused: 'too-large' };
  });
  return result;
}

/** How a range changed one file: its path (relative to the top), git's status letter, and its lines. */
export interface FileChange {
  path: string;
  /** A added, M modified, D deleted, T type changed (a file became a link…). */
  status: string;
  /** Lines the tip has and the fork point had not, and the other way round (at most `maxLines` each, in file order). */
  added: string[];
  removed: string[];
  /** Lines beyond `maxLines`, or content not read (a link, a file over the limit): counted here. */
  more: number;
}

const EMPTY_OID = /^0+$/;

/**
 * The changes from the range's fork point to its tip to files matching `pathspecs` (git pathspecs,
 * relative to the top): the range's own changes, whatever happened on the base's side meanwhile.
 */
export async function changesInRange(top: string, ends: RangeEnds, pathspecs: readonly string[], maxBytes: number, maxLines = 20): Promise<FileChange[]> {
  if (pathspecs.length === 0) return [];
  const raw = await gitBuffer(['diff', '--raw', '-z', '--no-renames', '--no-abbrev', '--end-of-options', ends.forkPoint, ends.tip, '--', ...pathspecs], { cwd: top });
  const changes: FileChange[] = [];
  for (const e of parseRawDiff(raw)) {
    const [before, after] = await Promise.all([
      blobLines(top, e.srcMode, e.srcOid, maxBytes),
      blobLines(top, e.mode, e.oid, maxBytes),
    ]);
    const had = new Set(before.lines);
    const has = new Set(after.lines);
    const added = after.lines.filter((l) => !had.has(l));
    const removed = before.lines.filter((l) => !has.has(l));
    changes.push({
      path: e.path,
      status: e.status,
      added: added.slice(0, maxLines),
      removed: removed.slice(0, maxLines),
      more: Math.max(0, added.length - maxLines) + Math.max(0, removed.length - maxLines) + before.unread + after.unread,
    });
  }
  return changes;
}

async function blobLines(top: string, mode: string, oid: string, maxBytes: number): Promise<{ lines: string[]; unread: number }> {
  if (EMPTY_OID.test(oid)) return { lines: [], unread: 0 };
  if (!REGULAR.has(mode)) return { lines: [], unread: 1 };
  let lines: string[] = [];
  let unread = 0;
  await catBlobs(top, [oid], maxBytes, (blob) => {
    if (!blob.content) unread = 1;
    else lines = blob.content.toString('utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  });
  return { lines, unread };
}

/** `absolutePath` as a path in the repository at `top` (`/` separators), or undefined when outside it. */
export function repoPathOf(top: string, absolutePath: string): string | undefined {
  const rel = path.relative(top, absolutePath);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}
