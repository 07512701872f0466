// Streams the files under the given paths, depth first, without building the whole list: each
// file is scanned as soon as the walk reaches it.
//
// The walk stays inside the real path of its root. A repository is hostile input: a symbolic
// link to `~/.ssh` or `/etc` must not be read (and its contents must not land in a report), a
// FIFO must not hang the scan, a device must not be opened. Such entries are reported as skipped,
// never silently dropped, so a CI job can tell a clean scan from an incomplete one.

import * as fs from 'fs';
import * as path from 'path';
import { isLockfile, matchesAnyGlob } from '../core/detection';
import type { SkipReason } from './scanFiles';

/** Folders never worth scanning: version control internals. */
const VCS_DIRS = new Set(['.git', '.hg', '.svn', '.jj']);

export interface WalkOptions {
  /** Paths are shown relative to this folder (`displayPath`). */
  cwd: string;
  includeNodeModules: boolean;
  /** True when a path must be skipped (`--exclude`, ignore-file globs). */
  isExcluded(absolutePath: string, isDirectory: boolean): boolean;
}

export type WalkEntry =
  /**
   * `displayPath`: as reached from the root, relative to `cwd` with `/` separators (what the user
   * sees, and what decides the file's role); `absolutePath` is what is opened (a link's target).
   */
  | { type: 'file'; absolutePath: string; displayPath: string }
  | { type: 'skipped'; displayPath: string; reason: SkipReason; detail?: string };

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? 'error';
}

/** True when `real` is `root` or inside it (both real paths). */
export function isInside(root: string, real: string): boolean {
  if (real === root) return true;
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  return real.startsWith(prefix);
}

/** What a non-file, non-folder entry is, for the user. */
function specialKind(stat: fs.Stats | fs.Dirent): string {
  if (stat.isFIFO()) return 'FIFO';
  if (stat.isSocket()) return 'socket';
  if (stat.isCharacterDevice()) return 'character device';
  if (stat.isBlockDevice()) return 'block device';
  return 'special file';
}

/** `dir` + separator, once per folder: a file's path is then one concatenation, not a path.join. */
function withSep(dir: string): string {
  return dir.endsWith(path.sep) ? dir : dir + path.sep;
}

interface Folder {
  /** As reached from the root (absolute): what exclude globs see. */
  shown: string;
  /** Its real path: what is read. */
  real: string;
}

/**
 * Yields the files under `root` (or `root` itself when it is a file), and what it skipped.
 * Symbolic links are resolved: a link whose target lies outside the root's real path is
 * skipped as `outside-root`; a link to a folder inside is not followed (its folder is walked
 * where it really is: no cycles, no double counting); a link to a file inside is scanned under
 * the link's name. Only links are resolved (one realpath each): a folder's entries are named
 * by readdir's file types, with no stat per file. Synchronous on purpose: see scanFiles.ts.
 */
export function* walk(root: string, opts: WalkOptions): Generator<WalkEntry> {
  let rootReal: string;
  let rootStat: fs.Stats;
  try {
    rootReal = fs.realpathSync(root);
    rootStat = fs.statSync(rootReal);
  } catch (error) {
    yield { type: 'skipped', displayPath: relativePosix(opts.cwd, root), reason: 'unreadable', detail: errorCode(error) };
    return;
  }
  if (rootStat.isFile()) {
    // A file named on the command line: the user chose it, wherever its link leads.
    yield { type: 'file', absolutePath: rootReal, displayPath: relativePosix(opts.cwd, root) };
    return;
  }
  if (!rootStat.isDirectory()) {
    yield { type: 'skipped', displayPath: relativePosix(opts.cwd, root), reason: 'not-regular', detail: specialKind(rootStat) };
    return;
  }
  // Walk the real folder, show paths under the name the user gave.
  const stack: Folder[] = [{ shown: root, real: rootReal }];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    // Relative to cwd once per folder; a file's is the folder's plus its name (a file is never
    // cwd nor above it, so path.relative would give the same).
    const dirDisplay = relativePosix(opts.cwd, dir.shown);
    const displayPrefix = dirDisplay === '.' ? '' : dirDisplay.endsWith('/') ? dirDisplay : dirDisplay + '/';
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir.real, { withFileTypes: true });
    } catch (error) {
      yield { type: 'skipped', displayPath: dirDisplay, reason: 'unreadable', detail: errorCode(error) };
      continue;
    }
    // Sorted: the same tree gives the same order on every file system.
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const shownPrefix = withSep(dir.shown), realPrefix = withSep(dir.real);
    const subdirs: Folder[] = [];
    for (const entry of entries) {
      const name = entry.name;
      if (entry.isDirectory()) {
        if (VCS_DIRS.has(name)) continue;
        if (name === 'node_modules' && !opts.includeNodeModules) continue;
        const shown = shownPrefix + name;
        if (opts.isExcluded(shown, true)) continue;
        subdirs.push({ shown, real: realPrefix + name });
        continue;
      }
      const displayPath = displayPrefix + name;
      if (entry.isSymbolicLink()) {
        const shown = shownPrefix + name;
        let target: string;
        let stat: fs.Stats;
        try {
          target = fs.realpathSync(realPrefix + name);
          stat = fs.statSync(target);
        } catch (error) {
          if (!opts.isExcluded(shown, false)) yield { type: 'skipped', displayPath, reason: 'unreadable', detail: `broken symbolic link (${errorCode(error)})` };
          continue;
        }
        if (opts.isExcluded(shown, stat.isDirectory())) continue;
        if (!isInside(rootReal, target)) {
          yield { type: 'skipped', displayPath, reason: 'outside-root' };
          continue;
        }
        if (stat.isDirectory()) continue; // walked where it really is
        if (!stat.isFile()) {
          yield { type: 'skipped', displayPath, reason: 'not-regular', detail: specialKind(stat) };
          continue;
        }
        if (isLockfile(name)) yield { type: 'skipped', displayPath, reason: 'lockfile' };
        else yield { type: 'file', absolutePath: target, displayPath };
        continue;
      }
      if (opts.isExcluded(shownPrefix + name, false)) continue;
      if (!entry.isFile()) {
        yield { type: 'skipped', displayPath, reason: 'not-regular', detail: specialKind(entry) };
        continue;
      }
      if (isLockfile(name)) yield { type: 'skipped', displayPath, reason: 'lockfile' };
      else yield { type: 'file', absolutePath: realPrefix + name, displayPath };
    }
    // Reverse so that the stack pops folders in directory order.
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]);
  }
}

/**
 * `walk` over several roots, in order. A file reached from two roots (`scan . src`) is listed
 * once, under its first path.
 */
export function* walkRoots(roots: readonly string[], opts: WalkOptions): Generator<WalkEntry> {
  if (roots.length === 1) {
    yield* walk(roots[0], opts);
    return;
  }
  const seen = new Set<string>();
  for (const root of roots) {
    for (const entry of walk(root, opts)) {
      if (seen.has(entry.displayPath)) continue;
      seen.add(entry.displayPath);
      yield entry;
    }
  }
}

/** `target` relative to `base`, with forward slashes. */
export function relativePosix(base: string, target: string): string {
  const rel = path.relative(base, target) || '.';
  return rel.split(path.sep).join('/');
}

/** `--exclude` globs (relative to the current directory) and ignore-file globs (relative to their folder). */
export function globExcluder(cwd: string, excludes: readonly string[], ignoreGlobsByDir: ReadonlyMap<string, readonly string[]>): WalkOptions['isExcluded'] {
  if (excludes.length === 0 && ignoreGlobsByDir.size === 0) return () => false;
  return (absolutePath) => {
    if (excludes.length > 0 && matchesAnyGlob(relativePosix(cwd, absolutePath), excludes)) return true;
    for (const [dir, globs] of ignoreGlobsByDir) {
      const rel = relativePosix(dir, absolutePath);
      if (!rel.startsWith('../') && rel !== '..' && matchesAnyGlob(rel, globs)) return true;
    }
    return false;
  };
}
