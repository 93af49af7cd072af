import { displayWidth } from './width';

/**
 * Go's text/tabwriter as docker's formatter configures it
 * (`tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)`, docker's fork measuring cells
 * with go-runewidth). Cells are terminated by `\t`; text after the last tab of
 * a line is not part of any column and is never padded. A column is a run of
 * consecutive lines that all have a cell at that index, so a line with fewer
 * cells ends the column above it (the elastic-tabstops rule).
 */
export interface TabwriterOptions {
  /** Minimal cell width including padding (docker: 10). */
  minWidth?: number;
  /** Spaces added to the widest cell of a column (docker: 3). */
  padding?: number;
}

interface Cell {
  text: string;
  width: number;
  htab: boolean;
}

class TabWriter {
  private lines: Cell[][] = [[]];
  private cell = '';
  private widths: number[] = [];
  private out: string[] = [];

  constructor(
    private readonly minWidth: number,
    private readonly padding: number,
  ) {}

  write(text: string): void {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch !== '\t' && ch !== '\v' && ch !== '\n' && ch !== '\f') continue;
      this.cell += text.slice(start, i);
      start = i + 1;
      const ncells = this.terminateCell(ch === '\t');
      if (ch === '\n' || ch === '\f') {
        this.lines.push([]);
        // A one-cell line cannot affect the alignment of later lines, so Go flushes here.
        if (ch === '\f' || ncells === 1) this.flush();
      }
    }
    this.cell += text.slice(start);
  }

  flush(): string {
    if (this.cell.length > 0) this.terminateCell(false);
    this.format(0, this.lines.length);
    this.lines = [[]];
    this.widths = [];
    return this.out.join('');
  }

  private terminateCell(htab: boolean): number {
    const line = this.lines[this.lines.length - 1]!;
    line.push({ text: this.cell, width: displayWidth(this.cell), htab });
    this.cell = '';
    return line.length;
  }

  // Lays out lines [line0, line1): finds each column block left to right, recursing per block.
  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let row = line0; row < line1; row++) {
      if (column >= this.lines[row]!.length - 1) continue;
      this.writeLines(line0, row);
      line0 = row;
      let width = this.minWidth;
      for (; row < line1; row++) {
        const line = this.lines[row]!;
        if (column >= line.length - 1) break;
        width = Math.max(width, line[column]!.width + this.padding);
      }
      this.widths.push(width);
      this.format(line0, row);
      this.widths.pop();
      line0 = row;
    }
    this.writeLines(line0, line1);
  }

  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i]!;
      line.forEach((c, j) => {
        this.out.push(c.text);
        const w = this.widths[j];
        if (w !== undefined) this.out.push(' '.repeat(w - c.width));
      });
      // The last buffered line has no newline yet: only its unterminated text follows.
      this.out.push(i + 1 === this.lines.length ? this.cell : '\n');
    }
  }
}

/** Feeds `text` through the tabwriter and flushes it, like docker's table output. */
export function tabwrite(text: string, opts: TabwriterOptions = {}): string {
  const w = new TabWriter(opts.minWidth ?? 10, opts.padding ?? 3);
  w.write(text);
  return w.flush();
}

/**
 * Aligns rows of cells the way `docker images` aligns its table: every row is
 * written as its cells joined by tabs plus a newline, so the last cell of each
 * row is left unpadded. The result ends with a newline (empty for no rows).
 */
export function formatTable(rows: string[][], opts: TabwriterOptions = {}): string {
  return tabwrite(rows.map((r) => r.join('\t') + '\n').join(''), opts);
}
