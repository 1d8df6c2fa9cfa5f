// A port of Go's text/tabwriter as forked by github.com/liggitt/tabwriter, which kubectl's printers use
// (cli-runtime/pkg/printers/tabwriter.go). In memory only: the "output" is a string the caller reads.

/**
 * Formatting flags, with Go's bit values. Go's Escape/StripEscape handling is not ported:
 * its escape byte 0xff never occurs in valid UTF-8 text, which is all kubectl writes.
 */
export const TabwriterFlags = {
  /** Ignore HTML tags (width 0) and treat entities such as `&amp;` as one character. */
  FilterHTML: 1 << 0,
  /** Right-align cell content instead of left-aligning it. */
  AlignRight: 1 << 2,
  /** Handle columns made only of empty, vertical-tab-terminated cells as if absent. */
  DiscardEmptyColumns: 1 << 3,
  /** Pad leading empty cells with tabs, whatever the pad character. */
  TabIndent: 1 << 4,
  /** Print a vertical bar between columns. */
  Debug: 1 << 5,
  /** Keep each column's widest width across flushes (liggitt/tabwriter's addition). */
  RememberWidths: 1 << 6,
} as const;

/** The parameters of Go's tabwriter.NewWriter(output, minwidth, tabwidth, padding, padchar, flags). */
export interface TabwriterOptions {
  /** Minimal cell width, padding included. */
  readonly minwidth: number;
  /** Width of a tab character, used when padding with tabs. */
  readonly tabwidth: number;
  /** Added to a cell's text width before computing the column width. */
  readonly padding: number;
  /** The single character used for padding; `\t` forces left alignment. */
  readonly padchar: string;
  /** A bitwise OR of TabwriterFlags. */
  readonly flags: number;
}

/**
 * The settings of cli-runtime's GetNewTabWriter, which every `kubectl get` table goes through:
 * minwidth 6, tabwidth 4, padding 3, padchar ' ', flags RememberWidths.
 */
export const KUBECTL_TABWRITER: TabwriterOptions = {
  minwidth: 6,
  tabwidth: 4,
  padding: 3,
  padchar: ' ',
  flags: TabwriterFlags.RememberWidths,
};

// A segment of text terminated by a tab or line break: size in UTF-16 units of buf,
// width in Unicode code points (Go counts runes), htab when terminated by '\t'.
interface Cell {
  size: number;
  width: number;
  htab: boolean;
}

const newCell = (): Cell => ({ size: 0, width: 0, htab: false });

// utf8.RuneCount for a JS string: one per code point.
function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/**
 * Go's tabwriter.Writer: cells are terminated by `\t` (or `\v`), lines by `\n` (or `\f`, which also flushes).
 * Tab-terminated cells in consecutive lines form a column block, padded to its widest cell; the text after
 * a line's last tab is never padded. Call flush() at the end, then read `output`.
 */
export class TabWriter {
  private readonly minwidth: number;
  private readonly tabwidth: number;
  private readonly padding: number;
  private readonly padchar: string;
  private readonly flags: number;

  // Text written so far, tabs and line breaks stripped: pieces joined once at flush (appending to
  // one string and slicing it again for every cell made a 15,000-pod table take 40 s).
  private pieces: string[] = [];
  private buf = ''; // the pieces joined, while formatting
  private pending = 0; // runes appended since the current cell's width was last brought up to date
  private cell: Cell = newCell(); // the current, unterminated cell
  private endChar = ''; // '>' or ';' while inside an HTML tag or entity, '' otherwise
  private lines: Cell[][] = [[]];
  private widths: number[] = []; // column widths of the block being formatted
  private maxwidths: number[] = [];
  private readonly out: string[] = [];

  constructor(options: TabwriterOptions = KUBECTL_TABWRITER) {
    if (options.minwidth < 0 || options.tabwidth < 0 || options.padding < 0) {
      throw new RangeError('negative minwidth, tabwidth, or padding');
    }
    if (options.padchar.length !== 1) throw new RangeError('padchar must be a single character');
    this.minwidth = options.minwidth;
    this.tabwidth = options.tabwidth;
    this.padding = options.padding;
    this.padchar = options.padchar;
    // Padding with tabs only works left-aligned.
    this.flags = options.padchar === '\t' ? options.flags & ~TabwriterFlags.AlignRight : options.flags;
    this.reset();
  }

  /** Everything the writer has emitted so far (text is only emitted by flushes). */
  get output(): string {
    return this.out.join('');
  }

  /** What the writer has emitted since the last call (or since it was made), taken out of it: a watch prints row by row. */
  takeOutput(): string {
    const text = this.out.join('');
    this.out.length = 0;
    return text;
  }

  /** A copy of the remembered per-column widths (RememberWidths). */
  rememberedWidths(): number[] {
    return [...this.maxwidths];
  }

  /** Replaces the remembered widths; kubectl passes null before each new resource type's table. */
  setRememberedWidths(widths: readonly number[] | null): this {
    this.maxwidths = widths === null ? [] : [...widths];
    return this;
  }

  /** Splits text into cells; may emit output when a line has a single cell or on `\f`, like Go. */
  write(text: string): void {
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (this.endChar === '') {
        if (ch === '\t' || ch === '\v' || ch === '\n' || ch === '\f') {
          this.append(text.slice(n, i));
          this.updateWidth();
          n = i + 1;
          const ncells = this.terminateCell(ch === '\t');
          if (ch === '\n' || ch === '\f') {
            this.addLine();
            // A line with a single cell cannot affect later alignment (a line's last cell is not in a
            // column), so Go flushes there; '\f' always flushes.
            if (ch === '\f' || ncells === 1) {
              this.flush();
              if (ch === '\f' && (this.flags & TabwriterFlags.Debug) !== 0) this.out.push('---\n');
            }
          }
        } else if ((ch === '<' || ch === '&') && (this.flags & TabwriterFlags.FilterHTML) !== 0) {
          this.append(text.slice(n, i));
          this.updateWidth();
          n = i;
          this.endChar = ch === '<' ? '>' : ';';
        }
      } else if (ch === this.endChar) {
        this.append(text.slice(n, i + 1));
        n = i + 1;
        this.endEscape();
      }
    }
    this.append(text.slice(n));
  }

  /** Formats and emits everything buffered; an unterminated last cell is printed unpadded. */
  flush(): void {
    if (this.cell.size > 0) {
      if (this.endChar !== '') this.endEscape();
      this.terminateCell(false);
    }
    this.buf = this.pieces.join('');
    this.format(0, 0, this.lines.length);
    this.reset();
  }

  private reset(): void {
    this.pieces = [];
    this.buf = '';
    this.pending = 0;
    this.cell = newCell();
    this.endChar = '';
    this.lines = [[]];
    this.widths = [];
  }

  private addLine(): void {
    this.lines.push([]);
  }

  private append(text: string): void {
    if (text === '') return;
    this.pieces.push(text);
    this.cell.size += text.length;
    this.pending += runeCount(text);
  }

  private updateWidth(): void {
    this.cell.width += this.pending;
    this.pending = 0;
  }

  // An HTML tag has width 0, an entity width 1.
  private endEscape(): void {
    if (this.endChar === ';') this.cell.width++;
    this.pending = 0;
    this.endChar = '';
  }

  private terminateCell(htab: boolean): number {
    this.cell.htab = htab;
    const line = this.lines[this.lines.length - 1];
    if (line === undefined) throw new Error('tabwriter: no current line');
    line.push(this.cell);
    this.cell = newCell();
    return line.length;
  }

  private writePadding(textw: number, cellw: number, useTabs: boolean): void {
    if (this.padchar === '\t' || useTabs) {
      if (this.tabwidth === 0) return; // tabs have no width: no padding possible
      const tabbed = Math.trunc((cellw + this.tabwidth - 1) / this.tabwidth) * this.tabwidth;
      const n = tabbed - textw;
      if (n < 0) throw new Error('tabwriter: internal error');
      this.out.push('\t'.repeat(Math.trunc((n + this.tabwidth - 1) / this.tabwidth)));
      return;
    }
    this.out.push(this.padchar.repeat(cellw - textw));
  }

  private writeLines(pos0: number, line0: number, line1: number): number {
    let pos = pos0;
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i] ?? [];
      let useTabs = (this.flags & TabwriterFlags.TabIndent) !== 0;
      line.forEach((c, j) => {
        if (j > 0 && (this.flags & TabwriterFlags.Debug) !== 0) this.out.push('|');
        const width = this.widths[j];
        if (c.size === 0) {
          if (width !== undefined) this.writePadding(c.width, width, useTabs);
        } else {
          useTabs = false;
          const text = this.buf.slice(pos, pos + c.size);
          pos += c.size;
          if ((this.flags & TabwriterFlags.AlignRight) === 0) {
            this.out.push(text);
            if (width !== undefined) this.writePadding(c.width, width, false);
          } else {
            if (width !== undefined) this.writePadding(c.width, width, false);
            this.out.push(text);
          }
        }
      });
      if (i + 1 === this.lines.length) {
        // The last buffered line has no newline yet: emit the unterminated cell as is.
        this.out.push(this.buf.slice(pos, pos + this.cell.size));
        pos += this.cell.size;
      } else {
        this.out.push('\n');
      }
    }
    return pos;
  }

  // Formats lines [line0, line1) starting at buffer position pos0. A column block is a maximal run of
  // consecutive lines that have a cell in the current column (the last cell of a line does not count);
  // each block gets its own width, then the columns to its right are formatted recursively.
  private format(pos0: number, line0In: number, line1: number): number {
    let pos = pos0;
    let line0 = line0In;
    const column = this.widths.length;
    for (let current = line0; current < line1; current++) {
      if (column >= (this.lines[current]?.length ?? 0) - 1) continue;

      pos = this.writeLines(pos, line0, current);
      line0 = current;

      let width = this.minwidth;
      let discardable = true;
      for (; current < line1; current++) {
        const line = this.lines[current] ?? [];
        if (column >= line.length - 1) break;
        const c = line[column];
        if (c === undefined) break;
        width = Math.max(width, c.width + this.padding);
        if (c.width > 0 || c.htab) discardable = false;
      }

      if (discardable && (this.flags & TabwriterFlags.DiscardEmptyColumns) !== 0) width = 0;

      if ((this.flags & TabwriterFlags.RememberWidths) !== 0) {
        if (this.maxwidths.length < this.widths.length) {
          this.maxwidths.push(...this.widths.slice(this.maxwidths.length));
        }
        const remembered = this.maxwidths[this.widths.length];
        if (remembered === undefined) this.maxwidths.push(width);
        else if (remembered > width) width = remembered;
        else if (remembered < width) this.maxwidths[this.widths.length] = width;
      }

      this.widths.push(width);
      pos = this.format(pos, line0, current);
      this.widths.pop();
      // Like Go, the loop increment then skips the line that ended the block: it has no cell in this column.
      line0 = current;
    }
    return this.writeLines(pos, line0, line1);
  }
}

/** Runs text through a fresh TabWriter (kubectl's settings by default) and returns what a final flush prints. */
export function tabulate(text: string, options: TabwriterOptions = KUBECTL_TABWRITER): string {
  const w = new TabWriter(options);
  w.write(text);
  w.flush();
  return w.output;
}
