// A throwaway, rootless dovecot per test (RECIPES.md "A throwaway dovecot for IMAP tests"): a fresh folder,
// a free loopback port, started in the foreground as a child of the test process and killed at the end.
// Mail is delivered the way an MTA's local delivery does it: written into Maildir/tmp and renamed into new/.
// A missing dovecot is a loud skip, and a failure under CI=true.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './process.ts';

export const DOVECOT = '/usr/sbin/dovecot';

/** `false` when dovecot is there (run the tests), else the skip reason; throws under CI=true. */
export function dovecotSkip(testFile: string): false | string {
  if (existsSync(DOVECOT)) return false;
  const problem = `${DOVECOT} is missing (apt-get install -y dovecot-imapd)`;
  if (process.env.CI === 'true') throw new Error(`${problem}; with CI=true that is a failure, not a skip`);
  console.error(`\n!!! SKIPPING the IMAP tests of ${testFile}: ${problem} !!!\n`);
  return problem;
}

export interface Dovecot {
  port: number;
  /** `imap://user:password@127.0.0.1:port/MAILBOX` for an account made with `account`. */
  url(user: string, password: string, mailbox?: string): string;
  /** Adds a login. */
  account(user: string, password: string): void;
  /** Delivers a message into the account's INBOX (or `folder`) as an MTA's local delivery does; returns its file. */
  deliver(user: string, raw: string | Buffer, folder?: string): string;
  /** The Maildir of an account (`folder`: a subfolder such as `Processed`, dovecot's `.Processed`). */
  maildir(user: string, folder?: string): string;
  /** Message files of a folder, with the flags in their names (`:2,S` = \Seen). */
  messages(user: string, folder?: string): { file: string; seen: boolean }[];
  stop(): Promise<void>;
  /** Starts it again on the same port and folder (after `stop`). */
  restart(): Promise<void>;
  /** Stops it and removes its folder. */
  close(): Promise<void>;
}

export interface DovecotOptions {
  /**
   * Also accept XOAUTH2 (dovecot's oauth2 passdb): each bearer token presented is checked by a POST of
   * `token=…` to this RFC 7662 introspection URL, which must answer `{"active": true, "username": "<login>"}`.
   * Passwords keep working (PLAIN and LOGIN, the passwd files).
   */
  oauth2IntrospectionUrl?: string;
}

export async function startDovecot(options: DovecotOptions = {}): Promise<Dovecot> {
  const dir = mkdtempSync(join(tmpdir(), 'postdesk-dovecot-'));
  const port = await freePort();
  const passwd = join(dir, 'passwd');
  const asRoot = process.getuid?.() === 0;
  const [user, group] = asRoot ? ['nobody', 'nogroup'] : [process.env.USER ?? 'nobody', ''];
  mkdirSync(passwd);
  writeFileSync(join(dir, 'dovecot.conf'), config(dir, port, user, group || user, options.oauth2IntrospectionUrl));
  if (options.oauth2IntrospectionUrl) writeFileSync(join(dir, 'oauth2.conf'), oauth2Config(options.oauth2IntrospectionUrl));
  for (const sub of ['run', 'state', 'home']) mkdirSync(join(dir, sub));
  const own = (path: string) => {
    if (!asRoot) return;
    chownSync(path, 65534, 65534);
    if (statSync(path).isDirectory()) for (const name of readdirSync(path)) own(join(path, name));
  };

  let child: ChildProcess | null = null;
  const start = async () => {
    own(dir);
    const command = asRoot ? ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', DOVECOT] : [DOVECOT];
    child = spawn(command[0]!, [...command.slice(1), '-F', '-c', join(dir, 'dovecot.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await waitForPort(port, () => (child?.exitCode !== null ? `dovecot exited: ${stderr}` : null));
  };
  await start();

  const maildir = (account: string, folder?: string) => join(dir, 'home', account, 'Maildir', ...(folder ? [`.${folder}`] : []));
  const dovecot: Dovecot = {
    port,
    url: (account, password, mailbox = 'INBOX') =>
      `imap://${encodeURIComponent(account)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(mailbox)}`,
    account(account, password) {
      // One passwd file per account: dovecot notices changes to a file it already read only after a
      // while, but reads a file it never saw at the first login.
      writeFileSync(join(passwd, account), `${account}:{PLAIN}${password}\n`);
    },
    deliver(account, raw, folder) {
      const base = maildir(account, folder);
      for (const sub of ['tmp', 'new', 'cur']) mkdirSync(join(base, sub), { recursive: true });
      own(join(dir, 'home'));
      const name = `${Date.now()}.${randomBytes(6).toString('hex')}.postdesk-test`;
      writeFileSync(join(base, 'tmp', name), raw);
      own(join(base, 'tmp', name));
      renameSync(join(base, 'tmp', name), join(base, 'new', name));
      return name;
    },
    maildir,
    messages(account, folder) {
      const base = maildir(account, folder);
      return ['new', 'cur'].flatMap((sub) =>
        existsSync(join(base, sub)) ? readdirSync(join(base, sub)).map((file) => ({ file, seen: /:2,[A-Z]*S/.test(file) })) : [],
      );
    },
    async stop() {
      const running = child;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((done) => running.once('exit', done));
      running.kill('SIGTERM');
      await exited;
    },
    async restart() {
      await dovecot.stop();
      await start();
    },
    async close() {
      await dovecot.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return dovecot;
}

function config(dir: string, port: number, user: string, group: string, oauth2IntrospectionUrl?: string): string {
  // With OAuth 2.0 each passdb serves its own mechanisms; XOAUTH2 alone, not OAUTHBEARER, so imapflow uses it.
  const passdbs = oauth2IntrospectionUrl
    ? `auth_mechanisms = plain login xoauth2
passdb {
  driver = passwd-file
  mechanisms = plain login
  args = scheme=PLAIN ${dir}/passwd/%u
}
passdb {
  driver = oauth2
  mechanisms = xoauth2
  args = ${dir}/oauth2.conf
}`
    : `passdb {
  driver = passwd-file
  args = scheme=PLAIN ${dir}/passwd/%u
}`;
  return `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
default_internal_user = ${user}
default_internal_group = ${group}
default_login_user = ${user}
service imap-login {
  inet_listener imap {
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
${passdbs}
userdb {
  driver = static
  args = uid=${user} gid=${group} home=${dir}/home/%u
}
mail_location = maildir:~/Maildir
`;
}

/** Dovecot 2.3's oauth2 passdb settings: introspect every token by POST (RFC 7662), believe `active`. */
const oauth2Config = (introspectionUrl: string) => `introspection_mode = post
introspection_url = ${introspectionUrl}
force_introspection = yes
username_attribute = username
active_attribute = active
active_value = true
`;

async function waitForPort(port: number, failed: () => string | null): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const problem = failed();
    if (problem) throw new Error(problem);
    const open = await new Promise<boolean>((done) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        done(true);
      });
      socket.on('error', () => done(false));
    });
    if (open) return;
    await new Promise((done) => setTimeout(done, 25));
  }
  throw new Error(`dovecot did not listen on port ${port}`);
}
