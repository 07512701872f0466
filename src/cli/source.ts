// Where the files of a scan come from. The working tree (walk.ts + scanFiles.ts) is the default
// source; other modules plug in sources of their own (`--staged` reads the git index, `--git`
// the history) without touching output, baselines, exit codes or skip reporting:
//
//   1. describe the option(s) as `ScanOptionExtension`s (args.ts) so `scan` parses them and
//      `scan --help` lists them;
//   2. add a `ScanSourcePlugin` to `SCAN_SOURCES` in main.ts: `select(args)` returns a source
//      when its option is set (`args.extra['staged'] === true`), else undefined;
//   3. the source's `run(ctx, sink)` reports each file scanned, its findings, and each thing it
//      could not scan. Bytes it has in memory (a staged blob, a diff's added lines) go through
//      `ctx.scanBytes`, which applies the same size, NUL-byte and UTF-16 rules as the
//      working-tree scan; the finding's path is the one shown to the user (relative to the
//      current directory, `/` separators), which also decides the file's role (`.env`, test).
//      Suppressions (ignore files, baseline, inline markers) are the CLI's to judge afterwards;
//   4. a history source with a range gives `range(cwd)`, so that suppressions are read at the
//      range's base (a pull request cannot silence its own scan).
//
// Order does not matter: the CLI sorts findings and skips before printing them.

import type { Finding } from '../core/detection';
import type { ScanArgs, ScanOptionExtension } from './args';
import type { SkipReason } from './scanFiles';

/**
 * Why something was not scanned (the type is scanFiles.ts's): each is listed on stderr, in
 * `skipped` in json, as a SARIF notification.
 */
export type { SkipReason };

export const SKIP_REASON_TEXT: Record<SkipReason, string> = {
  'too-large': 'larger than --max-file-size',
  binary: 'contains NUL bytes (binary)',
  utf16: 'UTF-16 text (only UTF-8 and ASCII are scanned)',
  lockfile: 'lockfile',
  unreadable: 'cannot be read',
  'outside-root': 'symbolic link leading outside the scanned folder (not followed)',
  symlink: 'symbolic link (not followed)',
  'not-regular': 'not a regular file (FIFO, socket or device; never opened)',
};

export interface SkippedEntry {
  /** Relative to the current directory, `/` separators (not escaped: output.ts escapes). */
  path: string;
  reason: SkipReason;
  /** e.g. the error code of an unreadable file (`EACCES`). Never file contents. */
  detail?: string;
}

/** Where a finding from history was seen (the `--git` source fills it; the others leave it out). */
export interface FindingOrigin {
  commit: string;
  /** ISO 8601 author date. */
  authorDate: string;
  /** Whether the value is still in the file at HEAD. */
  presentAtHead?: boolean;
}

export interface ScanSink {
  /** One file scanned (clean or not): counts it, and records its findings. */
  file(path: string, findings: readonly Finding[], origin?: FindingOrigin): void;
  skipped(entry: SkippedEntry): void;
}

export interface ScanContext {
  /** The current directory: paths are shown relative to it. */
  cwd: string;
  args: ScanArgs;
  /** `--exclude` and ignore-file globs; excluded paths are left out silently. */
  isExcluded(absolutePath: string, isDirectory: boolean): boolean;
  /**
   * Judges and scans bytes already in memory exactly as a working-tree file is. Findings an
   * inline marker suppresses come back marked (`inlineSuppression`): the CLI decides whether
   * the marker counts, and applies the ignore files' fingerprints and the baseline itself.
   */
  scanBytes(bytes: Uint8Array, displayPath: string): Finding[] | SkipReason;
}

/** A file as a commit holds it (see RangeView). */
export type FileAtRevision =
  | { exists: false }
  | { exists: true; bytes: Buffer }
  /** Something is there that is not read: a symbolic link, a submodule, a file over the limit. */
  | { exists: true; refused: 'not-regular' | 'too-large' };

/** How a range changed one file (see RangeView.changes). */
export interface RangeFileChange {
  /** Relative to the current directory, `/` separators (not escaped). */
  path: string;
  /** git's letter: A added, M modified, D deleted, T type changed. */
  status: string;
  added: readonly string[];
  removed: readonly string[];
  /** Lines not listed (over the cap) and content not read. */
  more: number;
}

/**
 * A history range with a base (`--git BASE..TIP`): what a pull request's scan is judged by. The
 * suppressions that count are the base's; the tip's are read only to say which findings the
 * range tried to suppress itself.
 */
export interface RangeView {
  /** Full commit hashes. */
  base: string;
  tip: string;
  /** A working-tree path as the base (or the tip) has it; undefined when the path is outside the repository. */
  readAt(which: 'base' | 'tip', absolutePath: string, maxBytes: number): Promise<FileAtRevision | undefined>;
  /** The range's own changes to files named `name` anywhere, or at `absolutePaths`. */
  changes(name: string, absolutePaths: readonly string[], maxBytes: number): Promise<RangeFileChange[]>;
}

export interface ScanSource {
  run(ctx: ScanContext, sink: ScanSink): Promise<void>;
  /**
   * For a history range with a base: where suppressions are read. Absent, or resolving to
   * undefined: they come from the working tree. Rejects like `run` when the range is unusable.
   */
  range?(cwd: string): Promise<RangeView | undefined>;
}

export interface ScanSourcePlugin {
  /** The options that select this source, added to `scan`. */
  options: readonly ScanOptionExtension[];
  /** This plugin's source when its option is set, undefined otherwise. */
  select(args: ScanArgs): ScanSource | undefined;
}
