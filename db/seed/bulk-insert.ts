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
    this.sqlite.prepare(this.insertSql(this.buffered)).run(this.buffer);
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
