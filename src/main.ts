// The process: reads the configuration, runs one CLI command, and for `serve`/`worker` listens and
// handles signals. The only file that listens or exits.
import type { AddressInfo } from 'node:net';
import { bootstrapInstance } from './app/instance/bootstrap-instance.ts';
import { receiveInboundMessage } from './app/inbound/receive-inbound-message.ts';
import { ADMIN_COMMANDS } from './cli/admin-commands.ts';
import { HELP } from './cli/help.ts';
import { outgoingAddress } from './app/mail-identity.ts';
import { ConfigError, loadConfig, type Config } from './config/config.ts';
import { dkimFromMismatch } from './config/dkim-key.ts';
import { readEnv } from './config/env.ts';
import { createContext, migrate, type Context } from './context.ts';
import { DomainError } from './domain/errors.ts';
import { buildHttpApp } from './http/app.ts';
import { startContextWorker } from './job-handlers.ts';
import { imapReceiver } from './mail/inbound/imap/imap-receiver.ts';
import type { Receiver } from './mail/inbound/receiver.ts';
import { smtpReceiver } from './mail/inbound/smtp-receiver.ts';

/** Where mail comes in: the SMTP listener (unless SMTP_LISTEN_PORT=0) and the IMAP mailboxes. */
function inboundReceivers(ctx: Context): Receiver[] {
  const { smtpListen } = ctx.config;
  return [...(smtpListen ? [smtpReceiver({ deps: ctx, logger: ctx.logger, listen: smtpListen })] : []), imapReceiver(ctx)];
}

/** What start-up should tell the operator but not refuse. */
function warnAboutSettings(ctx: Context): void {
  const mismatch = dkimFromMismatch(ctx.config, outgoingAddress(ctx.config));
  if (mismatch) ctx.logger.warn(mismatch);
}

async function serve(ctx: Context): Promise<() => Promise<void>> {
  warnAboutSettings(ctx);
  await migrate(ctx);
  const boot = await bootstrapInstance(ctx);
  const http = buildHttpApp(ctx);
  await http.listen({ host: ctx.config.host, port: ctx.config.port });
  const receivers = inboundReceivers(ctx);
  for (const receiver of receivers) await receiver.start();
  const worker = startContextWorker(ctx);
  printBanner(ctx.config, http.server.address() as AddressInfo, receivers, boot.generatedRootPassword);
  return async () => {
    for (const receiver of [...receivers].reverse()) await receiver.stop();
    await http.close();
    await worker.stop();
  };
}

async function work(ctx: Context): Promise<() => Promise<void>> {
  warnAboutSettings(ctx);
  await migrate(ctx);
  const worker = startContextWorker(ctx);
  ctx.logger.info({ worker: worker.id }, 'worker started');
  return () => worker.stop();
}

function printBanner(config: Config, http: AddressInfo, receivers: Receiver[], generatedPassword: string | null): void {
  const lines = [
    '',
    'Postdesk is running.',
    `  Web and API:   ${config.publicUrl}  (listening on ${http.address}:${http.port}; API under /api/v1)`,
    ...(config.smtpListen ? [] : ['  Inbound SMTP:  off (SMTP_LISTEN_PORT=0)']),
    ...receivers.map((receiver) => `  ${receiver.describe()}`),
    `  Database:      ${config.database.dialect === 'sqlite' ? `SQLite, ${config.database.file}` : 'PostgreSQL'}`,
    config.outgoingSmtpUrl
      ? `  Outgoing mail: sent through OUTGOING_SMTP_URL${config.dkim ? `, DKIM-signed d=${config.dkim.domain} s=${config.dkim.selector}` : ''}`
      : `  Outgoing mail: KEPT, not sent (OUTGOING_SMTP_URL is not set); read it at ${config.publicUrl}/admin/mail?tab=sent`,
    generatedPassword
      ? `  Sign in at ${config.publicUrl}/login as root with password ${generatedPassword}  (shown this once; set POSTDESK_ROOT_PASSWORD to choose it)`
      : `  Sign in at ${config.publicUrl}/login as root with the password from POSTDESK_ROOT_PASSWORD (or the one printed at first start)`,
    '  API token:     npx postdesk tokens create --user root --name cli',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** `postdesk ingest`: one message on stdin, as an MTA's pipe transport hands it over (sysexits.h codes). */
async function ingest(ctx: Context): Promise<number> {
  await migrate(ctx);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) {
    process.stderr.write('No message on standard input.\n');
    return 65; // EX_DATAERR: the MTA bounces it
  }
  try {
    const { id } = await receiveInboundMessage(ctx, { raw, channel: 'cli' });
    process.stdout.write(`Stored as inbound message ${id}; a running worker processes it.\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return error instanceof DomainError && error.code === 'too_large' ? 65 : 75; // EX_TEMPFAIL: the MTA retries
  }
}

async function main(argv: string[]): Promise<number> {
  const [first, second] = argv;
  if (!first || first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(HELP);
    return first ? 0 : 1;
  }
  const config = loadConfig(readEnv());
  const ctx = createContext(config);
  if (first === 'serve' || first === 'worker') {
    const stop = await (first === 'serve' ? serve(ctx) : work(ctx));
    await new Promise<void>((resolve) => {
      const shutdown = (signal: string) => {
        ctx.logger.info({ signal }, 'shutting down');
        resolve();
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
    await stop();
    await ctx.close();
    return 0;
  }
  try {
    if (first === 'ingest') return await ingest(ctx);
    if (first === 'migrate') {
      await migrate(ctx);
      process.stdout.write('The database schema is up to date.\n');
      return 0;
    }
    const command = ADMIN_COMMANDS[`${first} ${second ?? ''}`.trim()];
    if (!command) {
      process.stderr.write(`Unknown command: ${argv.join(' ')}\n\n${HELP}`);
      return 2;
    }
    await migrate(ctx);
    await bootstrapInstance(ctx);
    await command(ctx, argv.slice(2), (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`));
    return 0;
  } finally {
    await ctx.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof DomainError) process.stderr.write(`${error.message}\n`);
    else if ((error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') process.stderr.write(`${(error as Error).message}\n\n${HELP}`);
    else process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
