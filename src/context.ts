// The composition root: the one place that builds the database, clock, logger, event bus and the outgoing
// transports from a Config.
// Tests pass overrides (a clock, a database, the web UI's folder) instead of patching modules.
import { fileURLToPath } from 'node:url';
import { pino, type Logger } from 'pino';
import { createJobBell, type Deps } from './app/deps.ts';
import type { EventBus } from './app/events/event-bus.ts';
import { createInProcessEventBus } from './app/events/in-process-event-bus.ts';
import { type BounceAddresses, bounceAddresses } from './app/outbound/bounce-address.ts';
import { mailHost } from './app/mail-identity.ts';
import { createSecretBox } from './app/secret-box.ts';
import type { Config } from './config/config.ts';
import { resolveDkimKey } from './config/dkim-key.ts';
import { resolveSecretKey } from './config/secret-key.ts';
import { connect } from './db/connect.ts';
import { Database } from './db/database.ts';
import { createLockService, type LockService } from './db/locks.ts';
import { migrateToLatest } from './db/migrations/index.ts';
import { boundedCachedResolver, systemResolver, type DnsResolve } from './mail/dns-resolver.ts';
import { createAccessTokens, type AccessTokens } from './mail/oauth2/access-tokens.ts';
import { justReceived } from './app/inbound/just-received.ts';
import { createStageWorkers, type StageWorkers } from './mail/inbound/stage-workers.ts';
import { createDkimSigner, type DkimSigner } from './mail/outbound/dkim-sign.ts';
import { createTransports, type Transports } from './mail/outbound/transports.ts';
import { findProjectSmtpAccount } from './app/custom-email/project-smtp-account.ts';

export interface Context extends Deps {
  logger: Logger;
  secretKey: string;
  /** Elects the one process that reads each IMAP mailbox, and the one that refreshes each OAuth 2.0 token (db/locks.ts). */
  locks: LockService;
  /** OAuth 2.0 access tokens for XOAUTH2 (IMAP mailboxes, SMTP accounts): cached sealed in the database, refreshed before expiry. */
  oauth2: AccessTokens;
  /** The built web UI (`npm run build:web` writes `web/dist`): index.html and assets/. */
  webRoot: string;
  /** Signs every outgoing mail when DKIM_DOMAIN/DKIM_SELECTOR/DKIM_PRIVATE_KEY are set. */
  dkim: DkimSigner | null;
  /** Which server each outbox row goes out through: the instance relay (OUTGOING_SMTP_URL), none (kept), or its project's own SMTP account. */
  transports: Transports;
  /** The VERP return path of each mail through the relay, and the check of a bounce's signature. */
  bounces: BounceAddresses;
  /**
   * Parses, converts and verifies the sender of inbound mail in worker threads, off the event loop, within
   * PARSE_TIMEOUT_MS and PARSE_MEMORY_MB; the sender check's DNS (each lookup bounded to 1 s, answers cached)
   * is asked here, on the main thread.
   */
  stages: StageWorkers;
  close(): Promise<void>;
}

export interface ContextOverrides {
  db?: Database;
  clock?: () => Date;
  logger?: Logger;
  events?: EventBus;
  webRoot?: string;
  /** The name servers to ask (tests answer from fixed records: there is no DNS on CI machines). Still bounded and cached. */
  dnsResolver?: DnsResolve;
}

/** `web/dist` of this checkout or package, wherever the process was started from. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../web/dist', import.meta.url));

export function createContext(config: Config, overrides: ContextOverrides = {}): Context {
  // Read before anything opens: a DKIM key that cannot sign refuses start-up (ConfigError).
  const dkimKey = resolveDkimKey(config);
  const db = overrides.db ?? new Database(connect(config.database), config.database.dialect);
  const logger = overrides.logger ?? pino({ level: config.logLevel });
  // Live updates (DESIGN §6). `serve` runs web and worker in one process, so in-process events reach every
  // open page. For several nodes (or a separate `worker` process) on PostgreSQL, this is where a
  // LISTEN/NOTIFY bus (`createPostgresEventBus`) is chosen instead.
  const events = overrides.events ?? createInProcessEventBus((error) => logger.warn({ err: error }, 'event listener failed'));
  const secretKey = resolveSecretKey(config);
  const locks = createLockService(config.database);
  const secrets = createSecretBox(secretKey);
  const bounces = bounceAddresses(secretKey, config.incomingEmailAddress);
  const deps: Deps = {
    config,
    db,
    clock: overrides.clock ?? (() => new Date()),
    secrets,
    jobBell: createJobBell(),
    events,
    justReceived: justReceived(),
  };
  const oauth2 = createAccessTokens(deps, locks);
  const dns = boundedCachedResolver(overrides.dnsResolver ?? systemResolver());
  const stages = createStageWorkers(config, { resolver: dns, mta: mailHost(config) });
  const transports = createTransports(config, (projectId) => findProjectSmtpAccount({ db, secrets }, projectId), oauth2, bounces.returnPath);
  return {
    ...deps,
    logger,
    secretKey,
    locks,
    oauth2,
    webRoot: overrides.webRoot ?? DEFAULT_WEB_ROOT,
    dkim: dkimKey ? createDkimSigner(dkimKey) : null,
    transports,
    bounces,
    stages,
    close: async () => {
      transports.close();
      await stages.close();
      await events.close();
      await locks.close();
      await db.close();
    },
  };
}

export async function migrate(ctx: Pick<Context, 'db'>): Promise<void> {
  await migrateToLatest(ctx.db.db, ctx.db.dialect);
}
