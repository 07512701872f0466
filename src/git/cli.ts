// The CLI's git modes (`scan --staged`, `scan --git`, `install-hook`), kept apart from the file
// scan so that main.ts only branches here. Findings come back as the same records the file scan
// prints (`ReportedFinding`), plus commit, date and presentAtHead for history.

import * as path from 'path';
import { ReportedFinding, formatHuman, sortReported } from '../cli/output';
import { HistoryFinding, scanHistory } from './history';
import { installHook } from './hooks';
import { GitError } from './run';
import { GitScanFinding, NotARepositoryError, scanStaged } from './staged';

export interface GitCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}

export interface GitScanRequest {
  staged: boolean;
  /** Revision ranges for `--git` (empty: every ref). */
  revisions: readonly string[];
  maxFileSize: number;
  includeNodeModules: boolean;
  ignoreFingerprints: ReadonlySet<string>;
  isExcluded(absolutePath: string, isDirectory: boolean): boolean;
}

export interface GitScanReport {
  /** Sorted; history records carry commit, date and presentAtHead. */
  reported: (ReportedFinding & Partial<Pick<HistoryFinding, 'commit' | 'date' | 'presentAtHead'>>)[];
  /** Secrets that fail the run. In these modes a `.env` file counts: it is being (or was) committed. */
  failing: number;
  files: number;
  summary: string;
}

/** A record without the engine's internal finding (nothing beyond the printed fields leaves). */
function strip<T extends GitScanFinding>(f: T): Omit<T, 'finding'> {
  const { finding: _finding, ...rest } = f;
  return rest;
}

export async function runGitScan(req: GitScanRequest, io: GitCliIo): Promise<GitScanReport | { error: string }> {
  const common = {
    cwd: io.cwd, maxFileSize: req.maxFileSize, includeNodeModules: req.includeNodeModules,
    ignoreFingerprints: req.ignoreFingerprints, isExcluded: (p: string) => req.isExcluded(p, false),
  };
  try {
    if (req.staged) {
      const r = await scanStaged(common);
      for (const s of r.skipped) io.stderr(`twilio-credentials: skipped ${s.path} (${s.reason})\n`);
      const secrets = r.findings.filter((f) => f.finding.isSecret);
      const files = new Set(secrets.map((f) => f.path)).size;
      return {
        reported: sortReported(r.findings.map(strip)),
        failing: secrets.length,
        files,
        summary: `twilio-credentials: ${plural(secrets.length, 'hardcoded secret')} staged in ${plural(files, 'file')} (${plural(r.scanned, 'staged file')} scanned)`,
      };
    }
    const r = await scanHistory({ ...common, revisions: req.revisions });
    for (const s of r.skipped) io.stderr(`twilio-credentials: skipped ${s.path} in ${s.commit.slice(0, 7)} (${s.reason})\n`);
    const secrets = r.findings.filter((f) => f.finding.isSecret);
    const atHead = secrets.filter((f) => f.presentAtHead).length;
    return {
      reported: sortReported(r.findings.map(strip)),
      failing: secrets.length,
      files: new Set(secrets.map((f) => f.path)).size,
      summary: `twilio-credentials: ${plural(secrets.length, 'secret')} in git history (${atHead} still at HEAD; ${plural(r.commits, 'commit')} scanned)`,
    };
  } catch (e) {
    if (e instanceof NotARepositoryError || e instanceof GitError) return { error: e.message };
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { error: 'git is not installed (or not on PATH)' };
    throw e;
  }
}

/** `path:line:col  severity  message  (commit abc1234 on 2026-03-02, still at HEAD)` for history findings. */
export function formatGitHuman(r: GitScanReport['reported'][number]): string {
  if (!r.commit) return formatHuman(r);
  return `${formatHuman(r)}  (commit ${r.commit.slice(0, 7)} on ${r.date?.slice(0, 10)}, ${r.presentAtHead ? 'still at HEAD' : 'removed since, still in history'})`;
}

export async function runInstallHook(chain: boolean, io: GitCliIo): Promise<number> {
  const cliPath = require.main?.filename ? path.resolve(require.main.filename) : undefined;
  let r;
  try {
    r = await installHook({ cwd: io.cwd, chain, cliPath, nodePath: process.execPath });
  } catch (e) {
    io.stderr(`twilio-credentials: cannot install the hook: ${(e as Error).message}\n`);
    return 2;
  }
  switch (r.status) {
    case 'not-a-repository':
      io.stderr('twilio-credentials: not inside a git repository\n');
      return 2;
    case 'exists':
      io.stderr(`twilio-credentials: ${r.hookPath} already exists and is not ours; left unchanged. Run install-hook --chain to keep it and run it before the scan.\n`);
      return 1;
    case 'chained':
      io.stdout(`installed ${r.hookPath}; the previous hook is kept as ${r.chainedPath} and runs first\n`);
      return 0;
    case 'unchanged':
      io.stdout(`${r.hookPath} is already installed\n`);
      return 0;
    default:
      io.stdout(`${r.status} ${r.hookPath}: commits with a hardcoded Twilio secret are refused\n`);
      return 0;
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
