// What every use case receives: the database, the clock and the configuration. Built in src/context.ts.
import type { Config } from '../config/config.ts';
import type { Database } from '../db/database.ts';

export type Clock = () => Date;

export interface Deps {
  db: Database;
  clock: Clock;
  config: Config;
}

export const isoNow = (deps: Pick<Deps, 'clock'>) => deps.clock().toISOString();
