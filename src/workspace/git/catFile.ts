// `git cat-file --batch`: many blobs through one process. The object names go in on stdin and
// each answer comes back as `<oid> <type> <size>\n<content>\n` (or `<name> missing\n`); the
// parser below reads that incrementally, so a staged tree of any size is never held whole.

import { spawnGit, GitError } from './run';

export interface Blob {
  oid: string;
  size: number;
  /** Undefined when the blob was larger than `maxSize` (its bytes were skipped unread). */
  content?: Buffer;
  /** For a blob over `maxSize`: its first bytes (up to HEAD_BYTES), to tell text from binary. */
  head?: Buffer;
}

/** Bytes kept of a blob over the size limit: what a binary sniff reads (git and ripgrep read 8000-8192). */
export const HEAD_BYTES = 8192;

/**
 * Calls `onBlob` for each object named in `oids`, in order. Blobs larger than `maxSize` are
 * reported without content. Rejects on a missing object or a git failure.
 */
export function catBlobs(cwd: string, oids: readonly string[], maxSize: number, onBlob: (b: Blob, index: number) => void, signal?: AbortSignal): Promise<void> {
  if (oids.length === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const child = spawnGit(['cat-file', '--batch'], { cwd, signal, input: oids.join('\n') + '\n' });
    let pending = Buffer.alloc(0);
    let index = 0;
    // Current object: its header has been read and `remaining` bytes of content (+ the newline) follow.
    let current: { oid: string; size: number; parts: Buffer[] | undefined; head: Buffer[]; headBytes: number; remaining: number } | undefined;
    let failed = false;
    let stderr = '';
    const fail = (e: Error): void => {
      if (failed) return;
      failed = true;
      child.kill();
      reject(e);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      if (failed) return;
      let data = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
      pending = Buffer.alloc(0);
      while (data.length > 0) {
        if (!current) {
          const nl = data.indexOf(10);
          if (nl < 0) {
            pending = Buffer.from(data);
            return;
          }
          const header = data.subarray(0, nl).toString('utf8');
          data = data.subarray(nl + 1);
          const m = /^([0-9a-f]+) (\w+) (\d+)$/.exec(header);
          if (!m) return fail(new GitError(`git cat-file: ${header.endsWith('missing') ? 'object missing' : 'unexpected answer'}`, null, ''));
          const size = Number(m[3]);
          current = { oid: m[1], size, parts: size <= maxSize ? [] : undefined, head: [], headBytes: 0, remaining: size + 1 };
        }
        const take = Math.min(current.remaining, data.length);
        // The trailing newline after the content is not part of the blob.
        const contentBytes = Math.min(take, current.remaining - 1);
        if (current.parts && contentBytes > 0) current.parts.push(Buffer.from(data.subarray(0, contentBytes)));
        else if (!current.parts && contentBytes > 0 && current.headBytes < HEAD_BYTES) {
          const keep = Math.min(contentBytes, HEAD_BYTES - current.headBytes);
          current.head.push(Buffer.from(data.subarray(0, keep)));
          current.headBytes += keep;
        }
        current.remaining -= take;
        data = data.subarray(take);
        if (current.remaining === 0) {
          const done = current;
          current = undefined;
          try {
            onBlob({ oid: done.oid, size: done.size, content: done.parts && Buffer.concat(done.parts), head: done.parts ? undefined : Buffer.concat(done.head) }, index++);
          } catch (e) {
            return fail(e as Error);
          }
        }
      }
    });
    child.stderr.on('data', (b: Buffer) => { if (stderr.length < 8192) stderr += b.toString('utf8'); });
    child.stdin.on('error', () => { /* exited early; reported by close */ });
    child.on('error', fail);
    child.on('close', (code) => {
      if (failed) return;
      if (code !== 0) fail(new GitError(`git cat-file failed: ${stderr.trim().split('\n')[0] ?? ''}`, code, stderr));
      else if (index !== oids.length) fail(new GitError(`git cat-file answered ${index} of ${oids.length} objects`, code, stderr));
      else resolve();
    });
  });
}
