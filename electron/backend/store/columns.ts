/** A value SQLite stores as-is (booleans and JSON are converted before they get here). */
export type SqlValue = string | number | null;

/**
 * The columns a row's INSERT and its versioned UPDATE both write, each beside its value: the two
 * statements are built from one list, so they cannot list the columns in different orders.
 */
export type Columns = ReadonlyArray<readonly [column: string, value: SqlValue]>;

/** `a, b, c` for an INSERT's column list. */
export const columnNames = (cols: Columns): string => cols.map(([c]) => c).join(', ');

/** `?, ?, ?` for an INSERT's VALUES. */
export const placeholders = (cols: Columns): string => cols.map(() => '?').join(', ');

/** `a = ?, b = ?, c = ?` for an UPDATE's SET. */
export const assignments = (cols: Columns): string => cols.map(([c]) => `${c} = ?`).join(', ');

/** The values, in the order of the three lists above. */
export const columnValues = (cols: Columns): SqlValue[] => cols.map(([, v]) => v);
