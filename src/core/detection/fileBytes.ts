// How a file's bytes are judged before any text is scanned, the same for the CLI (files on disk,
// staged blobs, history) and the editor's workspace scan: too large, binary or UTF-16 files are
// skipped, and bytes with nothing credential-shaped in them are never decoded. Pure: the callers read.
import { mightContainSecret } from './candidates';
import { Finding, scanText } from './scan';

/** Why a file's bytes were not scanned. */
export type ByteSkipReason = 'too-large' | 'binary' | 'utf16';

/** Bytes looked at to tell text from binary, as git and ripgrep do. */
const SNIFF = 8192;

/** True when a file of `size` bytes is over the limit (checked on the size before reading, and on the bytes). */
export function exceedsMaxFileSize(size: number, maxFileSize: number): boolean {
  return size > maxFileSize;
}

/**
 * `utf16` for a UTF-16 byte-order mark, or NUL bytes on one parity only (ASCII text in UTF-16
 * without a mark); `binary` for any other NUL in the first 8 KB; undefined for text.
 */
export function sniffEncoding(bytes: Uint8Array): 'binary' | 'utf16' | undefined {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return 'utf16';
  const head = bytes.subarray(0, SNIFF);
  if (head.indexOf(0) < 0) return undefined;
  let evenNul = 0, oddNul = 0;
  for (let i = 0; i < head.length; i++) if (head[i] === 0) { if (i & 1) oddNul++; else evenNul++; }
  const half = head.length / 2;
  if ((oddNul > half * 0.8 && evenNul === 0) || (evenNul > half * 0.8 && oddNul === 0)) return 'utf16';
  return 'binary';
}

export interface ByteScanOptions {
  maxFileSize: number;
  ignoreFingerprints?: ReadonlySet<string>;
  knownSecretFingerprints?: ReadonlySet<string>;
  /**
   * Drop a leading UTF-8 byte-order mark, as VS Code does when it opens a file, so that ranges
   * match the editor's document. The CLI keeps it (its columns have always counted it).
   */
  dropByteOrderMark?: boolean;
  /** Return findings inline markers suppress, marked (see ScanOptions.keepSuppressed). */
  keepSuppressed?: boolean;
}

const keepBom = new TextDecoder('utf-8', { ignoreBOM: true });
const dropBom = new TextDecoder('utf-8');

/** Findings in a file's bytes, or why they were not scanned. `path` decides the language and role. */
export function scanBytes(bytes: Uint8Array, path: string, opts: ByteScanOptions): Finding[] | ByteSkipReason {
  if (exceedsMaxFileSize(bytes.length, opts.maxFileSize)) return 'too-large';
  const encoding = sniffEncoding(bytes);
  if (encoding) return encoding;
  if (bytes.length < 32 || !mightContainSecret(bytes)) return [];
  const text = (opts.dropByteOrderMark ? dropBom : keepBom).decode(bytes);
  return scanText(text, { path, ignoreFingerprints: opts.ignoreFingerprints, knownSecretFingerprints: opts.knownSecretFingerprints, keepSuppressed: opts.keepSuppressed });
}
