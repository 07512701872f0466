// `twilio-credentials scan --staged`: what `git commit` is about to record. The content comes
// from the index (the staged blobs), never from the working-tree file, so a secret that was
// staged and then deleted from the file is still found, and a file whose staged version is clean
// passes even while the working copy holds a secret. Line numbers are those of the staged text.

import * as path from 'path';
import { Finding, isLockfile, mightContainSecret, scanText } from '../detection';
import { ReportedFinding, toReported } from '../cli/output';
import { catBlobs } from './catFile';
import { GitError, gitBuffer, gitTopLevel } from './run';

export interface GitScanOptions {
  /** Where the command runs; reported paths are relative to it, with `/`. */
  cwd: string;
  maxFileSize: number;
  ignoreFingerprints: ReadonlySet<string>;
  includeNodeModules: boolean;
  /** True when an absolute path must be skipped (`--exclude`, ignore-file globs). */
  isExcluded?(absolutePath: string): boolean;
  signal?: AbortSignal;
}

export interface GitScanFinding extends ReportedFinding {
  /** The engine's finding (for the exit status: `isSecret`, `fileRole`). */
  finding: Finding;
}

export interface StagedScanResult {
  findings: GitScanFinding[];
  /** Staged files read and scanned. */
  scanned: number;
  /** Staged files not scanned, with the reason (too large, binary). */
  skipped: { path: string; reason: string }[];
}

export class NotARepositoryError extends Error {}

/** Gitlinks (submodules) and symbolic links have no file content of their own to scan. */
const SKIPPED_MODES = new Set(['160000', '120000']);

/** Parses `git diff --raw -z` output: `:srcmode dstmode srcoid dstoid status\0path\0`. */
export function parseRawDiff(out: Buffer): { mode: string; oid: string; path: string }[] {
  const fields = out.toString('utf8').split('\0');
  const entries: { mode: string; oid: string; path: string }[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const meta = fields[i].replace(/^:/, '').split(' ');
    if (meta.length < 5) continue;
    entries.push({ mode: meta[1], oid: meta[3], path: fields[i + 1] });
  }
  return entries;
}

export function shouldSkipPath(repoPath: string, opts: Pick<GitScanOptions, 'includeNodeModules'>): boolean {
  if (isLockfile(path.posix.basename(repoPath))) return true;
  return !opts.includeNodeModules && ('/' + repoPath).includes('/node_modules/');
}

/** Binary content (a NUL byte in the first 8 KB), as git and the file scan decide. */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8192).indexOf(0) >= 0;
}

export function displayPath(cwd: string, top: string, repoPath: string): string {
  return path.relative(cwd, path.join(top, repoPath)).split(path.sep).join('/') || '.';
}

export async function scanStaged(opts: GitScanOptions): Promise<StagedScanResult> {
  const top = await gitTopLevel(opts.cwd);
  if (!top) throw new NotARepositoryError('not inside a git work tree (--staged reads the index of the repository you commit to)');
  // Added, copied, modified files (renames as additions: their content is committed again).
  const raw = await gitBuffer(['diff', '--cached', '--raw', '-z', '--no-renames', '--no-ext-diff', '--diff-filter=ACM'], { cwd: top, signal: opts.signal });
  const result: StagedScanResult = { findings: [], scanned: 0, skipped: [] };
  const entries = parseRawDiff(raw).filter((e) => {
    if (SKIPPED_MODES.has(e.mode) || /^0+$/.test(e.oid)) return false;
    if (shouldSkipPath(e.path, opts)) return false;
    return !opts.isExcluded?.(path.join(top, e.path));
  });
  await catBlobs(top, entries.map((e) => e.oid), opts.maxFileSize, (blob, i) => {
    const rel = displayPath(opts.cwd, top, entries[i].path);
    if (!blob.content) {
      result.skipped.push({ path: rel, reason: `larger than ${opts.maxFileSize} bytes` });
      return;
    }
    if (blob.size < 32) return;
    if (looksBinary(blob.content)) {
      result.skipped.push({ path: rel, reason: 'binary' });
      return;
    }
    result.scanned++;
    if (!mightContainSecret(blob.content)) return;
    for (const f of scanText(blob.content.toString('utf8'), { path: rel, ignoreFingerprints: opts.ignoreFingerprints })) {
      result.findings.push({ ...toReported(rel, f), finding: f });
    }
  }, opts.signal);
  return result;
}

export { GitError };
