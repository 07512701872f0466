// Scanning on every core: worker threads each run the same FileScanner loop (scanFiles.ts) on
// batches of files, while the main thread walks the tree, hands out batches as workers ask for
// them, and scans batches itself while it would otherwise wait. Results come back in the order
// the files went in, whatever worker finished first, so the output is the same as a
// single-threaded run's.
//
// The worker is this same bundle (dist/cli.js) started again in a worker thread: no second file
// to ship or to find. An entry point must therefore not run its command line when
// `isScanWorker()` is true (see main.ts).
//
// Workers start only for a large scan. A worker costs 30-50 ms of CPU to start (a new isolate
// loading the bundle) and runs slowly until its JIT has warmed up, so on 2 cores a scan of 2,000
// small files is faster in one thread. The walk is read ahead: when it finds 4,096 files
// (`minFilesForWorkers`) the workers start at once, while this thread goes on scanning. A
// smaller tree is scanned here, unless its files are large enough that this thread has used
// 250 ms of CPU time (`workerStartCpuMs`, CPU rather than wall time so that a busy machine does
// not change the choice) with files left: the workers then share what is left.

import * as os from 'os';
import { MessagePort, Worker, isMainThread, parentPort, workerData } from 'worker_threads';
import { FileResult, FileScanner, ReadOptions, ScanOutcome, fileResult, isSkipped } from './scanFiles';

export interface FileToScan {
  absolutePath: string;
  /** Relative to the current directory; decides the file's role (see FileScanner.scan). */
  displayPath: string;
}

export interface ParallelOptions extends ReadOptions {
  /**
   * Worker threads to use. Default: the TWILIO_CREDENTIALS_JOBS environment variable, else
   * os.availableParallelism(). 1 (or one core) scans in the calling thread.
   */
  threads?: number;
  /**
   * Workers start at once when the files number at least this (default 4096; 256 when
   * TWILIO_CREDENTIALS_JOBS asks for a number of threads). Fewer are scanned in this thread...
   */
  minFilesForWorkers?: number;
  /** ...until that has used this much CPU time with files left (default 250 ms). */
  workerStartCpuMs?: number;
  /** Files per batch handed to a worker, and yielded (default 64). */
  batchSize?: number;
  /** The script a worker runs: this bundle by default. Tests pass the built CLI bundle. */
  workerScript?: string;
}

const WORKER_FLAG = 'twilioCredentialsScanWorker';
const DEFAULT_MIN_FILES_FOR_WORKERS = 4096;
const DEFAULT_WORKER_START_CPU_MS = 250;
const DEFAULT_BATCH_SIZE = 64;
const IN_FLIGHT_PER_WORKER = 3;

interface WorkerInit {
  [WORKER_FLAG]: true;
  maxFileSize: number;
  ignoreFingerprints: string[];
}

/**
 * A batch as sent to a worker: each file's absolute and display path, all joined by NUL (no
 * path holds one). One string is copied in one go; an array of objects is cloned field by
 * field (measured: 63 µs of CPU per message of 64 files as objects, 20 µs as one string).
 */
interface BatchRequest {
  id: number;
  paths: string;
}

/**
 * What a worker found in a batch: `[index, outcome]` for each file skipped or with findings; every
 * other file was scanned clean. The paths stay on the main thread, which sent them.
 */
type WorkerReply = { id: number; found: Array<[number, ScanOutcome]> } | { id: number; error: string };

function encodeBatch(id: number, files: readonly FileToScan[]): BatchRequest {
  const parts: string[] = [];
  for (const f of files) parts.push(f.absolutePath, f.displayPath);
  return { id, paths: parts.join('\0') };
}

function decodeBatch(paths: string): FileToScan[] {
  const parts = paths.split('\0');
  const files: FileToScan[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) files.push({ absolutePath: parts[i], displayPath: parts[i + 1] });
  return files;
}

/** Scans a batch; the reply names only the files that were not scanned clean. */
function scanBatch(scanner: FileScanner, id: number, files: readonly FileToScan[]): WorkerReply {
  const found: Array<[number, ScanOutcome]> = [];
  for (let i = 0; i < files.length; i++) {
    const outcome = scanner.scan(files[i].absolutePath, files[i].displayPath);
    if (isSkipped(outcome) || outcome.length > 0) found.push([i, outcome]);
  }
  return { id, found };
}

/** True inside a scan worker thread: the entry point must then not run its command line. */
export function isScanWorker(): boolean {
  return !isMainThread && !!workerData && (workerData as Partial<WorkerInit>)[WORKER_FLAG] === true;
}

/** TWILIO_CREDENTIALS_JOBS, when set to a whole number of threads. */
function jobsFromEnvironment(): number | undefined {
  const fromEnv = Number(process.env.TWILIO_CREDENTIALS_JOBS);
  return Number.isInteger(fromEnv) && fromEnv >= 1 ? fromEnv : undefined;
}

/** How many threads to use when the caller does not say. */
export function defaultThreads(): number {
  return jobsFromEnvironment() ?? (typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

/** Up to `n` files from `iterator`. */
function take(iterator: Iterator<FileToScan>, n: number): FileToScan[] {
  const batch: FileToScan[] = [];
  while (batch.length < n) {
    const next = iterator.next();
    if (next.done) break;
    batch.push(next.value);
  }
  return batch;
}

/** `head`'s files, then the rest of `rest`. */
function* chain(head: readonly FileToScan[], rest: Iterator<FileToScan>): Generator<FileToScan> {
  yield* head;
  for (let next = rest.next(); !next.done; next = rest.next()) yield next.value;
}

/**
 * Scans `files` (consumed lazily: a walk can feed it as it goes) and yields the results in
 * batches, in the order given. Starts worker threads when there is more than one thread to use
 * and the scan is large (see the top of this file); otherwise scans in this thread.
 */
export async function* scanBatchesParallel(files: Iterable<FileToScan>, options: ParallelOptions): AsyncGenerator<FileResult[]> {
  const threads = Math.max(1, Math.floor(options.threads ?? defaultThreads()));
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const explicit = jobsFromEnvironment() !== undefined;
  const minFiles = Math.max(1, options.minFilesForWorkers ?? (explicit ? 256 : DEFAULT_MIN_FILES_FOR_WORKERS));
  const minCpuMicros = (options.workerStartCpuMs ?? DEFAULT_WORKER_START_CPU_MS) * 1000;
  let iterator = files[Symbol.iterator]();
  const scanner = new FileScanner(options);
  if (threads > 1) {
    // Look ahead: a walk that finds this many files is worth the workers at once (they start
    // while this thread scans); one that ends sooner is scanned here.
    const head = take(iterator, minFiles);
    if (head.length === minFiles) {
      yield* inWorkers(chain(head, iterator), threads, batchSize, scanner, options);
      return;
    }
    iterator = head[Symbol.iterator]();
  }
  // A few files may still be large (bundles, data): workers once this has cost enough CPU time.
  const cpuAtStart = process.cpuUsage();
  let batch = take(iterator, batchSize);
  while (batch.length > 0) {
    yield batch.map((f) => scanner.result(f.absolutePath, f.displayPath));
    batch = take(iterator, batchSize);
    if (batch.length > 0 && threads > 1) {
      const cpu = process.cpuUsage(cpuAtStart);
      if (cpu.user + cpu.system >= minCpuMicros) {
        yield* inWorkers(chain(batch, iterator), threads, batchSize, scanner, options);
        return;
      }
    }
  }
}

/** `scanBatchesParallel`, one result at a time. */
export async function* scanFilesParallel(files: Iterable<FileToScan>, options: ParallelOptions): AsyncGenerator<FileResult> {
  for await (const batch of scanBatchesParallel(files, options)) yield* batch;
}

async function* inWorkers(files: Iterator<FileToScan>, threads: number, batchSize: number, local: FileScanner, options: ParallelOptions): AsyncGenerator<FileResult[]> {
  let exhausted = false;
  let nextId = 0;
  /** The next batch of files, or undefined when there are none left. */
  const takeBatch = (): { id: number; files: FileToScan[] } | undefined => {
    if (exhausted) return undefined;
    const batch = take(files, batchSize);
    if (batch.length < batchSize) exhausted = true;
    return batch.length > 0 ? { id: nextId++, files: batch } : undefined;
  };

  const init: WorkerInit = { [WORKER_FLAG]: true, maxFileSize: options.maxFileSize, ignoreFingerprints: [...options.ignoreFingerprints] };
  const script = options.workerScript ?? __filename;
  const workers: Worker[] = [];
  /** Batches handed out, by id, until their results are yielded. */
  const sent = new Map<number, FileToScan[]>();
  /** Finished batches not yet yielded, by id. */
  const finished = new Map<number, FileResult[]>();
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = (): void => { const w = wake; wake = undefined; w?.(); };
  let inFlight = 0;

  const send = (worker: Worker): void => {
    const batch = takeBatch();
    if (!batch) return;
    inFlight++;
    sent.set(batch.id, batch.files);
    worker.postMessage(encodeBatch(batch.id, batch.files));
  };

  try {
    // The calling thread scans too (between handing out batches), so one worker fewer than
    // threads.
    for (let i = 0; i < threads - 1; i++) {
      const worker = new Worker(script, { workerData: init, stdout: false, stderr: false });
      workers.push(worker);
      worker.on('message', (reply: WorkerReply) => {
        inFlight--;
        if ('error' in reply) failure ??= new Error(`scan worker: ${reply.error}`);
        else {
          const files = sent.get(reply.id)!;
          sent.delete(reply.id);
          const results = files.map((f): FileResult => ({ absolutePath: f.absolutePath, displayPath: f.displayPath, findings: [] }));
          for (const [j, outcome] of reply.found) results[j] = fileResult(files[j].absolutePath, files[j].displayPath, outcome);
          finished.set(reply.id, results);
        }
        if (!failure) send(worker);
        notify();
      });
      worker.on('error', (error) => { failure ??= error; notify(); });
      worker.on('exit', (code) => {
        if (code !== 0) failure ??= new Error(`scan worker exited with code ${code}`);
        notify();
      });
      // Several batches each, so a worker never waits while the main thread scans a batch.
      for (let k = 0; k < IN_FLIGHT_PER_WORKER; k++) send(worker);
    }
    for (let want = 0; ; want++) {
      while (!finished.has(want)) {
        if (failure) throw failure;
        if (inFlight === 0 && exhausted && want >= nextId) return;
        // Rather than wait, scan a batch here; then let the workers' replies in.
        const batch = takeBatch();
        if (batch) {
          finished.set(batch.id, batch.files.map((f) => local.result(f.absolutePath, f.displayPath)));
          await new Promise<void>((resolve) => setImmediate(resolve));
          continue;
        }
        await new Promise<void>((resolve) => { wake = resolve; });
      }
      const results = finished.get(want)!;
      finished.delete(want);
      yield results;
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** The worker side: scan each batch with one FileScanner and send the results back. */
function runWorker(port: MessagePort, init: WorkerInit): void {
  const scanner = new FileScanner({ maxFileSize: init.maxFileSize, ignoreFingerprints: new Set(init.ignoreFingerprints) });
  port.on('message', (batch: BatchRequest) => {
    let reply: WorkerReply;
    try {
      reply = scanBatch(scanner, batch.id, decodeBatch(batch.paths));
    } catch (error) {
      reply = { id: batch.id, error: (error as Error).message };
    }
    port.postMessage(reply);
  });
}

if (isScanWorker() && parentPort) runWorker(parentPort, workerData as WorkerInit);
