// Offsets to VS Code style positions: 0-based line and UTF-16 character. Built only when a
// text has findings, in one pass over its newlines.

export interface TextRange {
  /** 0-based offset of the first character. */
  start: number;
  /** 0-based offset just past the last character. */
  end: number;
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
}

/**
 * Line starts, found on demand: only up to the furthest offset asked about, so a 5 MB file with
 * findings near its top costs a few lines, not 100,000.
 */
export class LineIndex {
  private readonly starts: number[] = [0];
  /** Every line start at or before this offset is known. */
  private scanned = 0;

  constructor(private readonly text: string) {}

  private extendTo(offset: number): void {
    if (offset < this.scanned) return;
    const text = this.text;
    let at = text.indexOf('\n', this.scanned);
    while (at >= 0 && at < offset) {
      this.starts.push(at + 1);
      at = text.indexOf('\n', at + 1);
    }
    // `at` is the first newline at or after `offset` (or none): known up to there.
    this.scanned = at < 0 ? text.length + 1 : at;
  }

  /** 0-based line holding `offset`. */
  lineOf(offset: number): number {
    this.extendTo(offset);
    const starts = this.starts;
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  range(start: number, end: number): TextRange {
    const startLine = this.lineOf(start);
    const endLine = this.lineOf(end);
    return {
      start,
      end,
      startLine,
      startCharacter: start - this.starts[startLine],
      endLine,
      endCharacter: end - this.starts[endLine],
    };
  }
}
