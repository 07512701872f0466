/**
 * "Would git commit this file?", asked per file of the repository the file itself belongs to:
 * git runs in the file's own folder, so a workspace folder holding several repositories, a
 * submodule or a nested repository each answer for their own files. Pure Node (no `vscode`),
 * shared by the editor and the CLI.
 *
 * - tracked: `git ls-files --error-unmatch` (a tracked file stays committed whatever .gitignore says);
 * - ignored: `git check-ignore --no-index` (what the ignore rules say, also for a tracked file).
 *
 * Only file names go on the command line, never contents. Git runs through run.ts, which switches
 * off every program a hostile repository configuration could name; variables that would point
 * git at another repository are dropped, and every call has a timeout.
 */
import * as fs from 'fs';
import * as path from 'path';
import { gitRun } from './run';

export type GitFileStatus =
  | { kind: 'not-a-repo' }
  /** git is missing, timed out or refused the repository (e.g. "dubious ownership"). */
  | { kind: 'unknown'; detail: string }
  | {
      kind: 'repo';
      tracked: boolean;
      /** The ignore rules match the file (for a tracked file they have no effect). */
      ignored: boolean;
      /** tracked, or not ignored: a secret in it would be (or is) committed. */
      committable: boolean;
    };

export interface GitOptions {
  /** Per git call; default 5 s. */
  timeoutMs?: number;
  /** The git executable (tests); default `git` from PATH. */
  git?: string;
}

interface Run {
  code: number | 'timeout' | 'missing' | 'error';
  stderr: string;
}

/** One call through the git runner (run.ts: repository programs off), in `cwd`'s own repository. */
async function git(args: string[], cwd: string, opts: GitOptions): Promise<Run> {
  const r = await gitRun(args, { cwd, git: opts.git, cleanEnv: true, timeoutMs: opts.timeoutMs ?? 5000, maxStdout: 64 * 1024 });
  return { code: r.code, stderr: r.stderr };
}

/** The nearest existing folder at or above `dir` (a new file's folder may not exist yet). */
function existingFolder(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    try {
      if (fs.statSync(d).isDirectory()) return d;
    } catch {
      // keep climbing
    }
    if (path.dirname(d) === d) return undefined;
  }
}

function notARepo(stderr: string): boolean {
  return /not a git repository/i.test(stderr);
}

/** Whether git tracks `file` or would commit it; see the module comment. */
export async function gitFileStatus(file: string, opts: GitOptions = {}): Promise<GitFileStatus> {
  const abs = path.resolve(file);
  const cwd = existingFolder(path.dirname(abs));
  if (!cwd) return { kind: 'unknown', detail: 'no folder' };
  // Relative to cwd, so a path with unusual characters is never parsed by a shell (there is none).
  const rel = path.relative(cwd, abs);
  const unknown = (r: Run, what: string): GitFileStatus => ({
    kind: 'unknown',
    detail: r.code === 'missing' ? 'git not found' : r.code === 'timeout' ? `${what} timed out` : `${what} failed (${r.code})`,
  });

  // Literal pathspecs: a file named `*.env` means that file, not every .env file.
  const ls = await git(['--literal-pathspecs', 'ls-files', '--error-unmatch', '--', rel], cwd, opts);
  if (ls.code === 128 && notARepo(ls.stderr)) return { kind: 'not-a-repo' };
  if (ls.code !== 0 && ls.code !== 1) return unknown(ls, 'git ls-files');
  const tracked = ls.code === 0;

  const ci = await git(['check-ignore', '-q', '--no-index', '--', rel], cwd, opts);
  if (ci.code !== 0 && ci.code !== 1) return unknown(ci, 'git check-ignore');
  const ignored = ci.code === 0;
  return { kind: 'repo', tracked, ignored, committable: tracked || !ignored };
}

/** A stable name for why a file counts as committed, for messages. */
export function committedReason(s: GitFileStatus): 'tracked' | 'not-ignored' | undefined {
  if (s.kind !== 'repo' || !s.committable) return undefined;
  return s.tracked ? 'tracked' : 'not-ignored';
}

/**
 * Stops git tracking one file, which stays on disk (what `git rm --cached` does). Done with
 * `update-index --force-remove`, which never reads the working file: `rm --cached` compares it
 * with the index and so runs the repository's clean filter. Resolves to an error text or undefined.
 */
export async function gitUntrack(file: string, opts: GitOptions = {}): Promise<string | undefined> {
  const abs = path.resolve(file);
  const r = await git(['update-index', '--force-remove', '--', path.basename(abs)], path.dirname(abs), { timeoutMs: 15_000, ...opts });
  if (r.code === 0) return undefined;
  return r.code === 'missing' ? 'git not found' : r.stderr.trim().split('\n')[0] || `git update-index --force-remove failed (${r.code})`;
}
