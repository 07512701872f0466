// `twilio-credentials scan --staged`: what `git commit` is about to record. The content comes
// from the index (the staged blobs), never from the working-tree file, so a secret that was
// staged and then deleted from the file is still found, and a file whose staged version is clean
// passes even while the working copy holds a secret. Line numbers are those of the staged text.

import * as path from 'path';
import { isLockfile } from '../../core/detection';
import { catBlobs } from './catFile';
import { gitBuffer, gitTopLevel } from './run';

export interface GitReadOptions {
  /** Where the command runs; paths are shown relative to it, with `/`. */
  cwd: string;
  /** Pathspecs relative to `cwd` (default: the whole repository). */
  paths?: readonly string[];
  maxFileSize: number;
  includeNodeModules: boolean;
  /** True when an absolute path must be skipped (`--exclude`, ignore-file globs). */
  isExcluded?(absolutePath: string): boolean;
  signal?: AbortSignal;
}

export class NotARepositoryError extends Error {}

/** Gitlinks (submodules) and symbolic links have no file content of their own to scan. */
const SKIPPED_MODES = new Set(['160000', '120000']);

/** One entry of `git diff --raw -z --no-renames`: the new side's mode and blob, the old side's, the status letter. */
export interface RawDiffEntry {
  mode: string;
  oid: string;
  path: string;
  srcMode: string;
  srcOid: string;
  status: string;
}

/** Parses `git diff --raw -z` output: `:srcmode dstmode srcoid dstoid status\0path\0`. */
export function parseRawDiff(out: Buffer): RawDiffEntry[] {
  const fields = out.toString('utf8').split('\0');
  const entries: RawDiffEntry[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const meta = fields[i].replace(/^:/, '').split(' ');
    if (meta.length < 5) continue;
    entries.push({ mode: meta[1], oid: meta[3], path: fields[i + 1], srcMode: meta[0], srcOid: meta[2], status: meta[4] });
  }
  return entries;
}

/** Lockfiles (by name) and, unless asked, node_modules: as the working-tree scan skips them. */
export function skipsPath(repoPath: string, opts: Pick<GitReadOptions, 'includeNodeModules'>): boolean {
  if (isLockfile(path.posix.basename(repoPath))) return true;
  return !opts.includeNodeModules && ('/' + repoPath).includes('/node_modules/');
}

export function displayPath(cwd: string, top: string, repoPath: string): string {
  return path.relative(cwd, path.join(top, repoPath)).split(path.sep).join('/') || '.';
}

/** Pathspecs for git, which runs in `top`: the caller's paths are relative to `cwd`. */
export function pathspecs(cwd: string, top: string, paths: readonly string[] | undefined): string[] {
  if (!paths || paths.length === 0) return [];
  return paths.map((p) => {
    const rel = path.relative(top, path.resolve(cwd, p)).split(path.sep).join('/');
    // `:(top,literal)` so a name with glob characters or a leading `:` means that file only.
    return rel === '' ? ':(top)' : `:(top,literal)${rel}`;
  });
}

/**
 * Calls `onBlob` with each staged file's content (added, copied or modified against HEAD; on an
 * unborn branch, everything staged). `content` is undefined when the blob is over `maxFileSize`.
 */
export async function readStaged(
  opts: GitReadOptions,
  onBlob: (displayPath: string, content: Buffer | undefined, size: number) => void,
): Promise<void> {
  const top = await gitTopLevel(opts.cwd);
  if (!top) throw new NotARepositoryError('not inside a git work tree (--staged reads the index of the repository you commit to)');
  // Renames count as additions: their content is committed again.
  const raw = await gitBuffer(
    ['diff', '--cached', '--raw', '-z', '--no-renames', '--no-ext-diff', '--diff-filter=ACM', '--', ...pathspecs(opts.cwd, top, opts.paths)],
    { cwd: top, signal: opts.signal },
  );
  const entries = parseRawDiff(raw).filter((e) => {
    if (SKIPPED_MODES.has(e.mode) || /^0+$/.test(e.oid)) return false;
    if (skipsPath(e.path, opts)) return false;
    return !opts.isExcluded?.(path.join(top, e.path));
  });
  await catBlobs(top, entries.map((e) => e.oid), opts.maxFileSize, (blob, i) => {
    onBlob(displayPath(opts.cwd, top, entries[i].path), blob.content, blob.size);
  }, opts.signal);
}
