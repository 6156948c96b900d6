// Offset → line/column, from a line index built once per file.

export class LineIndex {
  private constructor(private readonly starts: ArrayLike<number>) {}

  static of(text: string): LineIndex {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return new LineIndex(starts);
  }

  /** From the offsets where lines start, ascending, the first 0. */
  static fromStarts(starts: ArrayLike<number>): LineIndex {
    return new LineIndex(starts);
  }

  /** 1-based line and column of a character offset. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 };
  }
}
