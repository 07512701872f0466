// Scanning on every core: worker threads each run the same FileScanner loop (scanFiles.ts) on
// batches of files, while the main thread walks the tree, hands out batches as workers ask for
// them, and scans batches itself while it would otherwise wait. Results come back in the order the files went in, whatever worker finished first,
// so the output is the same as a single-threaded run's.
//
// The worker is this same bundle (dist/cli.js) started again in a worker thread: no second file
// to ship or to find. An entry point must therefore not run its command line when
// `isScanWorker()` is true (see main.ts).
//
// Small scans stay in the calling thread: starting a worker costs about 30-50 ms (loading the
// bundle again), more than scanning a few hundred ordinary files.

import * as os from 'os';
import { MessagePort, Worker, isMainThread, parentPort, workerData } from 'worker_threads';
import { FileResult, FileScanner, ReadOptions } from './scanFiles';

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
  /** Fewer files than this are scanned in the calling thread (default 256). */
  minFilesForWorkers?: number;
  /** Files per batch handed to a worker (default 32). */
  batchSize?: number;
  /** The script a worker runs: this bundle by default. Tests pass the built CLI bundle. */
  workerScript?: string;
}

const WORKER_FLAG = 'twilioCredentialsScanWorker';

interface WorkerInit {
  [WORKER_FLAG]: true;
  maxFileSize: number;
  ignoreFingerprints: string[];
}

interface BatchRequest {
  id: number;
  files: FileToScan[];
}

type WorkerReply = { id: number; results: FileResult[] } | { id: number; error: string };

/** True inside a scan worker thread: the entry point must then not run its command line. */
export function isScanWorker(): boolean {
  return !isMainThread && !!workerData && (workerData as Partial<WorkerInit>)[WORKER_FLAG] === true;
}

/** How many threads to use when the caller does not say. */
export function defaultThreads(): number {
  const fromEnv = Number(process.env.TWILIO_CREDENTIALS_JOBS);
  if (Number.isInteger(fromEnv) && fromEnv >= 1) return fromEnv;
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/**
 * Scans `files` (consumed lazily: a walk can feed it as it goes) and yields one result per
 * file, in the order given. Uses worker threads when there is more than one thread to use and
 * at least `minFilesForWorkers` files; otherwise scans in this thread.
 */
export async function* scanFilesParallel(files: Iterable<FileToScan>, options: ParallelOptions): AsyncGenerator<FileResult> {
  const threads = Math.max(1, Math.floor(options.threads ?? defaultThreads()));
  const minFiles = options.minFilesForWorkers ?? 256;
  const iterator = files[Symbol.iterator]();
  // Look ahead: a small scan is not worth a worker.
  const head: FileToScan[] = [];
  let done = false;
  if (threads > 1) {
    while (head.length < minFiles) {
      const next = iterator.next();
      if (next.done) { done = true; break; }
      head.push(next.value);
    }
  }
  if (threads <= 1 || done) {
    const scanner = new FileScanner(options);
    for (const f of head) yield scanner.result(f.absolutePath, f.displayPath);
    for (let next = iterator.next(); !next.done; next = iterator.next()) yield scanner.result(next.value.absolutePath, next.value.displayPath);
    return;
  }
  yield* inWorkers(head, iterator, threads, options);
}

async function* inWorkers(head: FileToScan[], rest: Iterator<FileToScan>, threads: number, options: ParallelOptions): AsyncGenerator<FileResult> {
  const batchSize = Math.max(1, options.batchSize ?? 32);
  let headAt = 0;
  let exhausted = false;
  let nextId = 0;
  /** The next batch of files, or undefined when there are none left. */
  const takeBatch = (): BatchRequest | undefined => {
    if (exhausted) return undefined;
    const batch: FileToScan[] = [];
    while (batch.length < batchSize && headAt < head.length) batch.push(head[headAt++]);
    while (batch.length < batchSize) {
      const next = rest.next();
      if (next.done) { exhausted = true; break; }
      batch.push(next.value);
    }
    return batch.length > 0 ? { id: nextId++, files: batch } : undefined;
  };

  const init: WorkerInit = { [WORKER_FLAG]: true, maxFileSize: options.maxFileSize, ignoreFingerprints: [...options.ignoreFingerprints] };
  const script = options.workerScript ?? __filename;
  const workers: Worker[] = [];
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
    worker.postMessage(batch);
  };

  try {
    // The calling thread scans too (between handing out batches), so one worker fewer than
    // threads: each worker costs about 0.1 s of CPU to start.
    for (let i = 0; i < threads - 1; i++) {
      const worker = new Worker(script, { workerData: init, stdout: false, stderr: false });
      workers.push(worker);
      worker.on('message', (reply: WorkerReply) => {
        inFlight--;
        if ('error' in reply) failure ??= new Error(`scan worker: ${reply.error}`);
        else finished.set(reply.id, reply.results);
        if (!failure) send(worker);
        notify();
      });
      worker.on('error', (error) => { failure ??= error; notify(); });
      worker.on('exit', (code) => {
        if (code !== 0) failure ??= new Error(`scan worker exited with code ${code}`);
        notify();
      });
      // Two batches each, so a worker never waits for the main thread between batches.
      send(worker);
      send(worker);
    }
    const local = new FileScanner(options);
    for (let want = 0; ; want++) {
      while (!finished.has(want)) {
        if (failure) throw failure;
        if (inFlight === 0 && exhausted) return;
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
      for (const r of results) yield r;
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
      reply = { id: batch.id, results: batch.files.map((f) => scanner.result(f.absolutePath, f.displayPath)) };
    } catch (error) {
      reply = { id: batch.id, error: (error as Error).message };
    }
    port.postMessage(reply);
  });
}

if (isScanWorker() && parentPort) runWorker(parentPort, workerData as WorkerInit);
