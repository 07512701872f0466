/**
 * The one gate to workspace files: the extension finds and reads the files of a workspace here, by
 * purpose, and nowhere else.
 *
 * - `envFiles`: the `.env*` files (the index, the writer's picker, rotation);
 * - `sourceFilesToScan`: every file Scan Workspace reads, with its bytes;
 * - `filesHoldingValue`: where a value (an old Auth Token) is still written.
 *
 * Whatever finds the candidates (VS Code's file search follows links and lists pipes), each one is
 * checked here again before anything is read: inside a workspace folder by real path with no
 * symbolic link on the way, a regular file (never a FIFO or a device), within the size limit of
 * src/core/util/fileLimits.ts, and not left out by the folders never looked in, the folder's
 * `.twilio-credentials-ignore` file or the `twilioCredentials.detection.exclude` setting. Reads go
 * through the guarded file access (./safeFs.ts). Every purpose can be cancelled between files.
 *
 * Pure Node: what is editor-specific (the workspace folders, the file search, the settings) comes
 * in through a `WorkspaceHost` (./editorWorkspace.ts in the extension; a temporary folder in tests).
 */
import * as path from 'path';
import { IGNORE_FILE_NAME, matchesAnyGlob, parseIgnoreFile, sniffEncoding, type IgnoreRules } from '../../core/detection';
import { FILE_LIMITS } from '../../core/util/fileLimits';
import { checkPlacement, readGuarded, readTextGuarded, SafeFsError, tooLarge, type RefusalReason } from './safeFs';

/** What the gate asks of the editor (or of a test). */
export interface WorkspaceHost {
  /** The workspace folders on disk (absolute paths). */
  roots(): readonly string[];
  /**
   * Candidate files under the roots whose workspace-relative path matches `glob`, leaving out what
   * `exclude` matches, at most `max`. Only candidates: each is checked again by the gate.
   */
  find(glob: string, exclude: string, max: number, cancel?: Cancellation): Promise<string[]>;
  /** The user's exclude globs for the files of `root` (relative to it). */
  excludeGlobs(root: string): readonly string[];
  /** The largest file scanned for credentials in `root`. */
  maxScanBytes(root: string): number;
}

/** `vscode.CancellationToken` has this shape. */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
}

/** Folders never looked in: version control, dependencies, build output, virtual environments. */
export const EXCLUDED_FOLDERS = ['.git', 'node_modules', 'dist', 'out', 'build', '.venv', 'venv', '__pycache__', 'vendor'] as const;
const EXCLUDED_GLOB = `**/{${EXCLUDED_FOLDERS.join(',')}}/**`;
const ENV_GLOB = '**/.env*';

/** A file the gate let through: its absolute path, its workspace folder and its path relative to it (`/`). */
export interface WorkspaceFile {
  path: string;
  root: string;
  rel: string;
}

/** Why a file that was found was not read. */
export type Refusal = RefusalReason | 'binary' | 'utf16';

export type ScanItem = WorkspaceFile & ({ bytes: Buffer; refused?: undefined } | { refused: Refusal; bytes?: undefined });

export interface SourceFiles {
  /** Files found (after the folders never looked in and the file search's own excludes). */
  total: number;
  /** The file search stopped at FILE_LIMITS.maxFiles: files past it were not looked at. */
  truncated: boolean;
  /** The files, read one at a time; a left-out file is not given, a refused one is given with its reason. */
  files: AsyncGenerator<ScanItem>;
}

/** How a look through the workspace is narrowed: files the caller has in hand, and cancellation. */
export interface LookOptions {
  /** Files left out (their paths): the open documents a scan already follows, say. */
  skip?: (file: string) => boolean;
  /** A file's text the caller holds (an open editor's, saved or not): used instead of reading the file. */
  inHand?: (file: string) => string | undefined;
  cancel?: Cancellation;
}

export interface ValuePlace extends WorkspaceFile {
  /** 1-based line of the value. */
  line: number;
}

/** What one folder's ignore file says, or why it was not read (a link, a pipe, too large, not UTF-8…). */
export type IgnoreFileRead = { rules?: IgnoreRules; refused?: undefined } | { rules?: undefined; refused: string };

/** Reads the `.twilio-credentials-ignore` file of a workspace folder through the guarded file access. */
export async function readIgnoreFile(root: string, label?: string): Promise<IgnoreFileRead> {
  const file = path.join(root, IGNORE_FILE_NAME);
  try {
    const r = await readTextGuarded(file, { roots: [root], label: label ?? IGNORE_FILE_NAME, maxBytes: FILE_LIMITS.maxIgnoreFileBytes });
    return r.exists ? { rules: parseIgnoreFile(r.text) } : {};
  } catch (e) {
    return { refused: e instanceof Error ? e.message : String(e) };
  }
}

/** True when `child` is `parent` or below it (lexically). */
function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..' + path.sep) && rel !== '..' && !path.isAbsolute(rel));
}

/** What leaves files out, read once per look through the workspace. */
class Filters {
  private constructor(private readonly byRoot: Map<string, { ignore: readonly string[]; exclude: readonly string[] }>) {}

  static async read(host: WorkspaceHost): Promise<Filters> {
    const byRoot = new Map<string, { ignore: readonly string[]; exclude: readonly string[] }>();
    for (const root of host.roots().map((r) => path.resolve(r))) {
      const ignore = (await readIgnoreFile(root)).rules?.pathGlobs ?? [];
      byRoot.set(root, { ignore, exclude: host.excludeGlobs(root) });
    }
    return new Filters(byRoot);
  }

  get roots(): string[] {
    return [...this.byRoot.keys()];
  }

  /** The file's workspace folder (the deepest that holds it) and its path there; undefined when outside all. */
  locate(file: string): WorkspaceFile | undefined {
    const abs = path.resolve(file);
    const root = this.roots.filter((r) => isInside(abs, r) && abs !== r).sort((a, b) => b.length - a.length)[0];
    return root === undefined ? undefined : { path: abs, root, rel: path.relative(root, abs).split(path.sep).join('/') };
  }

  /** True when the folders never looked in, the ignore file or the exclude setting leave the file out. */
  leavesOut(f: WorkspaceFile): boolean {
    const folders = f.rel.split('/').slice(0, -1);
    if (folders.some((d) => (EXCLUDED_FOLDERS as readonly string[]).includes(d))) return true;
    const rules = this.byRoot.get(f.root)!;
    return matchesAnyGlob(f.rel, rules.ignore) || matchesAnyGlob(f.rel, rules.exclude);
  }
}

function refusalOf(e: unknown): RefusalReason {
  if (e instanceof SafeFsError) return e.reason;
  return 'io';
}

/** A file (or a folder on its way) that is gone: found a moment ago, deleted since. */
const isGone = (e: unknown) => e instanceof SafeFsError && e.code === 'ENOENT';

export class WorkspaceFiles {
  constructor(private readonly host: WorkspaceHost) {}

  /**
   * The workspace's `.env*` files: regular files inside a workspace folder by real path, no larger
   * than FILE_LIMITS.maxEnvFileBytes, not left out; at most FILE_LIMITS.maxEnvFiles. Found, not read:
   * their reader (src/workspace/dotenv/envFile.ts) reads through the same guarded access.
   */
  async envFiles(cancel?: Cancellation): Promise<WorkspaceFile[]> {
    const filters = await Filters.read(this.host);
    const found = await this.host.find(ENV_GLOB, EXCLUDED_GLOB, FILE_LIMITS.maxEnvFiles, cancel);
    const out: WorkspaceFile[] = [];
    const checkedFolders = new Set<string>();
    for (const file of found) {
      if (cancel?.isCancellationRequested) break;
      const admitted = this.admitEnv(file, filters, checkedFolders);
      if (admitted) out.push(admitted);
    }
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** The file as `envFiles` would give it (for a file watcher's event), or undefined when it would not. */
  async envFile(file: string): Promise<WorkspaceFile | undefined> {
    if (!path.basename(file).startsWith('.env')) return undefined;
    return this.admitEnv(file, await Filters.read(this.host));
  }

  private admitEnv(file: string, filters: Filters, checkedFolders?: Set<string>): WorkspaceFile | undefined {
    const f = filters.locate(file);
    if (!f || filters.leavesOut(f)) return undefined;
    try {
      const placed = checkPlacement(f.path, { roots: [f.root], label: f.rel, checkedFolders });
      return placed.exists && placed.size <= FILE_LIMITS.maxEnvFileBytes ? f : undefined;
    } catch {
      return undefined; // a link, a pipe, a device, outside by real path, unreadable
    }
  }

  /**
   * Checks a file the editor is asked to open by name (a finding's, a command argument's) before it
   * is read: inside a workspace folder by real path with no link on the way, a regular file, within
   * the scan's size limit. Throws a SafeFsError saying why not; a missing file is left to the opener.
   */
  checkDocument(file: string, label = path.basename(file)): void {
    const roots = this.host.roots().map((r) => path.resolve(r));
    let placed: { exists: boolean; size: number };
    try {
      placed = checkPlacement(file, { roots, label });
    } catch (e) {
      if (isGone(e)) return;
      throw e;
    }
    if (!placed.exists) return;
    const abs = path.resolve(file);
    const root = roots.filter((r) => isInside(abs, r)).sort((a, b) => b.length - a.length)[0];
    const max = this.host.maxScanBytes(root);
    if (placed.size > max) throw tooLarge(label, max);
  }

  /**
   * Every file to scan for credentials, read one at a time within the scan's size limit. `skip`
   * leaves out files the caller has in hand (open documents). Left-out files are not given; a
   * refused one (a link, a pipe, too large…) is given with its reason and without bytes.
   */
  async sourceFilesToScan(opts: LookOptions = {}): Promise<SourceFiles> {
    const filters = await Filters.read(this.host);
    const found = await this.host.find('**/*', EXCLUDED_GLOB, FILE_LIMITS.maxFiles, opts.cancel);
    return { total: found.length, truncated: found.length >= FILE_LIMITS.maxFiles, files: this.read(found, filters, opts) };
  }

  private async *read(found: readonly string[], filters: Filters, opts: LookOptions): AsyncGenerator<ScanItem> {
    // Folders found in place once need not be checked again in this look (each file still is).
    const checkedFolders = new Set<string>();
    for (const file of found) {
      if (opts.cancel?.isCancellationRequested) return;
      const f = filters.locate(file);
      if (!f) {
        yield { path: path.resolve(file), root: '', rel: file, refused: 'outside' };
        continue;
      }
      if (filters.leavesOut(f) || opts.skip?.(f.path)) continue;
      const text = opts.inHand?.(f.path);
      if (text !== undefined) {
        yield { ...f, bytes: Buffer.from(text, 'utf8') };
        continue;
      }
      try {
        const r = await readGuarded(f.path, { roots: [f.root], label: f.rel, maxBytes: this.host.maxScanBytes(f.root), checkedFolders });
        if (r.exists) yield { ...f, bytes: r.bytes };
      } catch (e) {
        if (!isGone(e)) yield { ...f, refused: refusalOf(e) };
      }
    }
  }

  /**
   * Where `value` is written in the files `sourceFilesToScan` gives (binary and UTF-16 files are not
   * searched): at most `limit` places, in the order found. The value never leaves memory.
   */
  async filesHoldingValue(value: string, opts: LookOptions & { limit?: number } = {}): Promise<ValuePlace[]> {
    const limit = opts.limit ?? FILE_LIMITS.maxResults;
    const needle = Buffer.from(value, 'utf8');
    const places: ValuePlace[] = [];
    if (!needle.length || limit <= 0) return places;
    const { files } = await this.sourceFilesToScan(opts);
    for await (const item of files) {
      if (item.bytes === undefined || item.bytes.indexOf(needle) < 0 || sniffEncoding(item.bytes)) continue;
      for (const line of linesOf(item.bytes.toString('utf8'), value)) {
        places.push({ path: item.path, root: item.root, rel: item.rel, line });
        if (places.length >= limit) return places;
      }
    }
    return places;
  }
}

/** The 1-based lines `value` occurs on in `text` (CRLF, CR and LF each end a line). */
export function linesOf(text: string, value: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let counted = 0;
  for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + value.length)) {
    for (; counted < at; counted++) {
      const c = text.charCodeAt(counted);
      if (c === 0x0a || (c === 0x0d && text.charCodeAt(counted + 1) !== 0x0a)) line++;
    }
    lines.push(line);
  }
  return lines;
}
