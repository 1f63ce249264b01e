// The composition root: the one place that builds the database, clock and logger from a Config.
// Tests pass overrides (a clock, a database) instead of patching modules.
import { pino, type Logger } from 'pino';
import { createJobBell, type Deps } from './app/deps.ts';
import type { Config } from './config/config.ts';
import { resolveSecretKey } from './config/secret-key.ts';
import { connect } from './db/connect.ts';
import { Database } from './db/database.ts';
import { migrateToLatest } from './db/migrations/index.ts';

export interface Context extends Deps {
  logger: Logger;
  secretKey: string;
  close(): Promise<void>;
}

export interface ContextOverrides {
  db?: Database;
  clock?: () => Date;
  logger?: Logger;
}

export function createContext(config: Config, overrides: ContextOverrides = {}): Context {
  const db = overrides.db ?? new Database(connect(config.database), config.database.dialect);
  return {
    config,
    db,
    clock: overrides.clock ?? (() => new Date()),
    logger: overrides.logger ?? pino({ level: config.logLevel }),
    secretKey: resolveSecretKey(config),
    jobBell: createJobBell(),
    close: () => db.close(),
  };
}

export async function migrate(ctx: Pick<Context, 'db'>): Promise<void> {
  await migrateToLatest(ctx.db.db, ctx.db.dialect);
}
