// Reads and scans files. Each file is judged on its bytes first (binary? anything
// credential-shaped at all?) so that most files are never decoded to a string.
//
// Reads are synchronous, one file at a time, into one reused buffer. Measured on a 200 MB tree of
// 10,000 files: async reads (open, stat, read, close through libuv's thread pool) at concurrency
// 32 took 4x longer than this loop, because four promise round-trips per file cost more than
// reading a 20 KB file from the page cache. Parallelism, when there is more than one core, comes
// from worker threads each running this same loop on part of the files (see parallel.ts).

// `import { openSync }` rather than `fs.openSync`: a namespace import is wrapped by the bundler,
// and every call would go through a getter (measured: about 2% of a scan of small files).
import { closeSync, constants, fstatSync, openSync, readSync } from 'fs';
import { ByteSkipReason, Finding, exceedsMaxFileSize, isLockfile, scanBytes } from '../core/detection';

/**
 * Why a file was not scanned. The scanner itself decides `binary`, `utf16`, `too-large`,
 * `lockfile`, `unreadable` and `not-regular`; the walker decides `outside-root` and `symlink`.
 */
export type SkipReason = ByteSkipReason | 'lockfile' | 'unreadable' | 'not-regular' | 'outside-root' | 'symlink';

export interface Skipped {
  skipped: SkipReason;
  /** For `unreadable`: the system error code (`EACCES`, `EISDIR`…). Never file content. */
  detail?: string;
}

/** Findings (possibly none), or why the file was skipped. */
export type ScanOutcome = Finding[] | Skipped;

export function isSkipped(outcome: ScanOutcome): outcome is Skipped {
  return !Array.isArray(outcome);
}

export interface FileResult {
  absolutePath: string;
  /** The path the caller gave with it (relative to the current directory): decides the file's role. */
  displayPath: string;
  findings: Finding[];
  /** Set when the file was not scanned; `findings` is then empty. */
  skipped?: SkipReason;
  detail?: string;
}

export interface ReadOptions {
  maxFileSize: number;
  ignoreFingerprints: ReadonlySet<string>;
}

/** Opening a FIFO for reading blocks until a writer comes; O_NONBLOCK returns at once. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export class FileScanner {
  private buffer = Buffer.allocUnsafe(64 * 1024);
  /** Files read and judged (skipped ones not counted). */
  scanned = 0;

  /**
   * The CLI judges inline suppressions itself (a pull request's own markers do not count in a
   * range scan): the engine returns suppressed findings marked, never drops them.
   */
  private readonly byteOptions: ReadOptions & { keepSuppressed: true };

  constructor(private readonly opts: ReadOptions) {
    this.byteOptions = { ...opts, keepSuppressed: true };
  }

  /**
   * Findings in one file, or why it was skipped. Never throws for a file's sake: an I/O error is
   * `unreadable`. `displayPath` (relative to the current directory) decides the file's role: an
   * absolute path would make every file under `/home/me/test/project` look like a test.
   */
  scan(file: string, displayPath: string): ScanOutcome {
    // The name alone: isLockfile on the whole path splits it into every folder first.
    if (isLockfile(displayPath.slice(Math.max(displayPath.lastIndexOf('/'), displayPath.lastIndexOf('\\')) + 1))) return { skipped: 'lockfile' };
    let fd: number;
    try {
      fd = openSync(file, OPEN_FLAGS);
    } catch (error) {
      return { skipped: 'unreadable', detail: (error as NodeJS.ErrnoException).code ?? 'EIO' };
    }
    let length = 0;
    try {
      const stat = fstatSync(fd);
      if (!stat.isFile()) return { skipped: 'not-regular' };
      const size = stat.size;
      if (exceedsMaxFileSize(size, this.opts.maxFileSize)) return { skipped: 'too-large' };
      if (size < 32) {
        this.scanned++;
        return [];
      }
      if (size > this.buffer.length) this.buffer = Buffer.allocUnsafe(Math.max(size, this.buffer.length * 2));
      while (length < size) {
        const n = readSync(fd, this.buffer, length, size - length, length);
        if (n === 0) break;
        length += n;
      }
    } catch (error) {
      return { skipped: 'unreadable', detail: (error as NodeJS.ErrnoException).code ?? 'EIO' };
    } finally {
      closeSync(fd);
    }
    const outcome = scanBytes(this.buffer.subarray(0, length), displayPath, this.byteOptions);
    if (typeof outcome === 'string') return { skipped: outcome };
    this.scanned++;
    return outcome;
  }

  /** `scan` shaped as a FileResult. */
  result(absolutePath: string, displayPath: string): FileResult {
    return fileResult(absolutePath, displayPath, this.scan(absolutePath, displayPath));
  }
}

/** A file's outcome shaped as a FileResult. */
export function fileResult(absolutePath: string, displayPath: string, outcome: ScanOutcome): FileResult {
  return isSkipped(outcome)
    ? { absolutePath, displayPath, findings: [], skipped: outcome.skipped, ...(outcome.detail ? { detail: outcome.detail } : {}) }
    : { absolutePath, displayPath, findings: outcome };
}
