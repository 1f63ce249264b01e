// The pg driver, loaded when PostgreSQL is first used: a desk on SQLite never carries its modules (about
// 2 MB of heap and a few more of code in every idle process).
import { createRequire } from 'node:module';
import type Pg from 'pg';

let driver: typeof Pg | undefined;

export function pgDriver(): typeof Pg {
  if (!driver) {
    driver = createRequire(import.meta.url)('pg') as typeof Pg;
    // int8 (count(*), bigserial) arrives as a string by default; our ids and counts stay far below 2^53.
    driver.types.setTypeParser(20, (value) => Number.parseInt(value, 10));
  }
  return driver;
}
