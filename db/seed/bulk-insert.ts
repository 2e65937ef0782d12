import type Database from "better-sqlite3";

type Value = string | number | null;

/** SQLite's limit on bound parameters per statement is 32766 (since 3.32); stay well under it. */
const MAX_PARAMS_PER_STATEMENT = 8000;
const MAX_ROWS_PER_STATEMENT = 200;

/**
 * Buffers rows of one table and writes them with a prepared multi-row INSERT: one native call per
 * batch instead of per row, which is what keeps the city-scale seed well under a minute. Call inside a
 * transaction, and `flush()` before the transaction ends.
 *
 * A writer flushes its `parents` before each of its own batches, so a row never reaches SQLite before
 * the row it references. (Deferring foreign keys instead is a trap: while a deferred violation is
 * pending, every parent insert scans the child tables, and some FK columns have no index.)
 */
export class TableWriter {
  private readonly columnCount: number;
  private readonly rowsPerBatch: number;
  private readonly batchStatement: Database.Statement;
  /** Statements for the remainder sizes (powers of two), prepared once: a flush of n rows runs ≤ 8. */
  private readonly remainderStatements = new Map<number, Database.Statement>();
  private buffer: Value[] = [];
  private buffered = 0;
  /** Rows written (or buffered) so far. */
  count = 0;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly table: string,
    private readonly columns: readonly string[],
    private readonly parents: readonly TableWriter[] = [],
  ) {
    this.columnCount = columns.length;
    this.rowsPerBatch = Math.max(
      1,
      Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMS_PER_STATEMENT / this.columnCount)),
    );
    this.batchStatement = sqlite.prepare(this.insertSql(this.rowsPerBatch));
  }

  /** Adds one row; values in the order of `columns`. */
  add(...values: Value[]): void {
    if (values.length !== this.columnCount) {
      throw new Error(`${this.table}: expected ${this.columnCount} values, got ${values.length}`);
    }
    for (const value of values) this.buffer.push(value);
    this.buffered++;
    this.count++;
    if (this.buffered === this.rowsPerBatch) {
      for (const parent of this.parents) parent.flush();
      this.batchStatement.run(this.buffer);
      this.buffer = [];
      this.buffered = 0;
    }
  }

  flush(): void {
    if (this.buffered === 0) return;
    for (const parent of this.parents) parent.flush();
    // Parents flush whenever a child batch fills, so partial flushes are frequent: split the rest
    // into power-of-two chunks instead of preparing a statement for every odd size.
    let offset = 0;
    for (let size = 128; size >= 1; size /= 2) {
      while (this.buffered - offset / this.columnCount >= size) {
        let statement = this.remainderStatements.get(size);
        if (!statement) {
          statement = this.sqlite.prepare(this.insertSql(size));
          this.remainderStatements.set(size, statement);
        }
        const end = offset + size * this.columnCount;
        statement.run(this.buffer.slice(offset, end));
        offset = end;
      }
    }
    this.buffer = [];
    this.buffered = 0;
  }

  private insertSql(rows: number): string {
    const row = `(${new Array<string>(this.columnCount).fill("?").join(",")})`;
    const values = new Array<string>(rows).fill(row).join(",");
    return `INSERT INTO ${this.table} (${this.columns.join(",")}) VALUES ${values}`;
  }
}

/** Converts a boolean to SQLite's 0/1. */
export function bool(value: boolean): number {
  return value ? 1 : 0;
}
