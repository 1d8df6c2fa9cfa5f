// Output built from many small pieces, for the printers of big lists (kubectl-style JSON and YAML).

/**
 * Pieces of text joined 4,096 at a time into chunks: fewer, flatter strings than one per piece, and
 * never one string for the whole output, which for 40,000 pods passes the longest string V8 can hold
 * (2^29 characters). Write the chunks one after another.
 */
export class Chunks {
  private readonly chunks: string[] = [];
  private parts: string[] = [];

  push(piece: string): void {
    this.parts.push(piece);
    if (this.parts.length === 4096) {
      this.chunks.push(this.parts.join(''));
      this.parts = [];
    }
  }

  /** The chunks, the last one included; the object is done with after this. */
  finish(): string[] {
    this.chunks.push(this.parts.join(''));
    this.parts = [];
    return this.chunks;
  }
}
