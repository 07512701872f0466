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

  /** The next CR / LF at or after the last position asked about (-1: none; -2: not looked for yet). */
  private cr = -2;
  private lf = -2;

  /**
   * Where the first line break at or after `from` ends (its last character), or -1. Breaks are
   * LF, CR LF and a lone CR, as in VS Code: the CLI reads files as they are, and an old Mac
   * file with CR endings is otherwise one line, where an ignore comment hides every finding.
   */
  private breakAt(from: number): number {
    // Each search is remembered until passed: a file with only CRs (or only LFs) is searched
    // for the other character once, not once per line.
    if (this.cr !== -1 && this.cr < from) this.cr = this.text.indexOf('\r', from);
    if (this.lf !== -1 && this.lf < from) this.lf = this.text.indexOf('\n', from);
    if (this.cr === -1 || (this.lf >= 0 && this.lf < this.cr)) return this.lf;
    return this.lf === this.cr + 1 ? this.lf : this.cr;
  }

  private extendTo(offset: number): void {
    if (offset < this.scanned) return;
    let at = this.breakAt(this.scanned);
    while (at >= 0 && at < offset) {
      this.starts.push(at + 1);
      at = this.breakAt(at + 1);
    }
    // `at` is the first line break at or after `offset` (or none): known up to there.
    this.scanned = at < 0 ? this.text.length + 1 : at;
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
