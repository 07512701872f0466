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

export class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  private lineStarts(): number[] {
    if (!this.starts) {
      const starts = [0];
      let at = this.text.indexOf('\n');
      while (at >= 0) {
        starts.push(at + 1);
        at = this.text.indexOf('\n', at + 1);
      }
      this.starts = starts;
    }
    return this.starts;
  }

  /** 0-based line holding `offset`. */
  lineOf(offset: number): number {
    const starts = this.lineStarts();
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  range(start: number, end: number): TextRange {
    const starts = this.lineStarts();
    const startLine = this.lineOf(start);
    const endLine = this.lineOf(end);
    return {
      start,
      end,
      startLine,
      startCharacter: start - starts[startLine],
      endLine,
      endCharacter: end - starts[endLine],
    };
  }
}
