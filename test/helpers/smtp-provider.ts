// A mail provider's SMTP server on a loopback port, as a project's own address lives at one: it takes
// submissions from its account holder (AUTH PLAIN/LOGIN with the one username and password) and sends
// them on (kept in `submitted`, or delivered to its own mailboxes), and it forwards whatever reaches one
// of its mailboxes (`support@acme.test`, `support+verify@acme.test`…) to where a forwarding rule points,
// unchanged, as Gmail's or Microsoft 365's forwarding does: the SMTP envelope names the target, the
// headers stay the sender's. Started with `xoauth2`, it is Microsoft 365 or Gmail: it offers only AUTH
// XOAUTH2 and asks that check (the test authorization server's introspection) whether each access token is
// live and whose it is; a refused token gets the RFC 7628 §3.2.2 error challenge, then 535.
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface ProviderMail {
  envelopeFrom: string;
  envelopeTo: string[];
  /** The account that submitted it, or null for mail that arrived from outside (an MX delivery). */
  user: string | null;
  raw: Buffer;
  parsed: ParsedMail;
}

export interface ProviderLogin {
  method: string;
  user: string;
  accepted: boolean;
}

export interface SmtpProvider {
  host: string;
  port: number;
  username: string;
  /** The password it accepts now: a test changes it as the account's owner would at the provider. */
  password: string;
  /** Every AUTH attempt, in order. */
  logins: ProviderLogin[];
  /** Everything it accepted, submissions and deliveries alike. */
  received: ProviderMail[];
  /** Mailbox (bare address, lower-case) → the address its forwarding rule sends mail to; absent: mail stays. */
  forwarding: Map<string, { host: string; port: number; to: string }>;
  /** Mail the account holder sent to addresses elsewhere (what the provider would relay on). */
  submitted(): ProviderMail[];
  /** Mail from outside to one of its mailboxes, as another domain's server delivers it (no AUTH). */
  deliver(raw: string, envelope: { from: string; to: string[] }): Promise<void>;
  waitFor(predicate: (mail: ProviderMail) => boolean, what: string, timeoutMs?: number): Promise<ProviderMail>;
  close(): Promise<void>;
}

/** The base mailbox of an address: `support+verify@acme.test` → `support@acme.test`. */
const mailboxOf = (address: string) => address.toLowerCase().replace(/\+[^@]*@/, '@');

export async function startSmtpProvider(options: {
  domain: string;
  username: string;
  password: string;
  /** Offer only XOAUTH2; true when `token` is a live access token of `user`. */
  xoauth2?: (user: string, token: string) => boolean;
}): Promise<SmtpProvider> {
  const received: ProviderMail[] = [];
  const logins: ProviderLogin[] = [];
  const xoauth2 = options.xoauth2;
  const waiters = new Set<() => void>();
  const forwarding: SmtpProvider['forwarding'] = new Map();
  const ours = (address: string) => address.toLowerCase().endsWith(`@${options.domain}`);
  const server = new SMTPServer({
    authMethods: xoauth2 ? ['XOAUTH2'] : ['PLAIN', 'LOGIN'],
    authOptional: true,
    allowInsecureAuth: true, // loopback only; the client's requireTLS is off for this machine
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onAuth(auth, _session, callback) {
      const accepted = xoauth2
        ? auth.method === 'XOAUTH2' && xoauth2(auth.username ?? '', auth.accessToken ?? '')
        : auth.username === self.username && auth.password === self.password;
      logins.push({ method: auth.method, user: auth.username ?? '', accepted });
      if (accepted) return callback(null, { user: auth.username });
      if (xoauth2) return callback(null, { data: { status: '401', schemes: 'bearer', scope: 'https://mail.example.test/' } });
      return callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
    },
    onRcptTo(address, session, callback) {
      // No open relay: only the account holder sends elsewhere.
      if (!ours(address.address) && !session.user) return callback(Object.assign(new Error('Relay access denied'), { responseCode: 554 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks);
        const mail: ProviderMail = {
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          user: (session.user as string | undefined) ?? null,
          raw,
          parsed: await simpleParser(raw),
        };
        received.push(mail);
        callback();
        for (const to of mail.envelopeTo.filter(ours)) {
          const rule = forwarding.get(mailboxOf(to));
          if (rule) await forward(rule, mail, to);
        }
        for (const w of waiters) w();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const self: SmtpProvider = {
    host: '127.0.0.1',
    port,
    username: options.username,
    password: options.password,
    logins,
    received,
    forwarding,
    async deliver(raw, envelope) {
      const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
      try {
        await transport.sendMail({ envelope, raw });
      } finally {
        transport.close();
      }
    },
    submitted: () => received.filter((m) => m.user !== null && m.envelopeTo.some((to) => !ours(to))),
    waitFor(predicate, what, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = received.find(predicate);
          if (!found) return;
          cleanup();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`the provider never received ${what} (it has ${received.length} mails)`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return self;
}

/** As a forwarding rule does: the same bytes, under a Delivered-To for the mailbox, to the rule's target. */
async function forward(rule: { host: string; port: number; to: string }, mail: ProviderMail, deliveredTo: string): Promise<void> {
  const transport = nodemailer.createTransport({ host: rule.host, port: rule.port, secure: false, ignoreTLS: true });
  try {
    const raw = Buffer.concat([Buffer.from(`Delivered-To: ${deliveredTo}\r\n`), mail.raw]);
    await transport.sendMail({ envelope: { from: mail.envelopeFrom, to: [rule.to] }, raw });
  } finally {
    transport.close();
  }
}
