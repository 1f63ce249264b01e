// The few column types that differ between SQLite and PostgreSQL. Everything else is portable:
// times are ISO-8601 UTC text (fixed width, so text order is time order) and booleans are 0/1 integers.
import type { ColumnDefinitionBuilder, CreateTableBuilder } from 'kysely';
import type { Dialect } from '../connect.ts';

export function withId<T extends string>(table: CreateTableBuilder<T, never>, dialect: Dialect): CreateTableBuilder<T, 'id'> {
  return dialect === 'postgres'
    ? table.addColumn('id', 'bigserial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** The type of a column that points at an id. */
export const refType = (dialect: Dialect) => (dialect === 'postgres' ? 'bigint' : 'integer');

/** Raw bytes (mail as received, attachments). */
export const bytesType = (dialect: Dialect) => (dialect === 'postgres' ? 'bytea' : 'blob');

export const notNull = (c: ColumnDefinitionBuilder) => c.notNull();
