import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';
import { readEnv } from './env.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('runs with no variables at all: SQLite under ./data, SMTP on 2525, mail kept', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.publicUrl, 'http://localhost:3000');
    assert.deepEqual(config.database, { dialect: 'sqlite', file: './data/postdesk.sqlite' });
    assert.deepEqual(config.smtpListen, { host: '127.0.0.1', port: 2525 });
    assert.equal(config.outgoingSmtpUrl, null);
    assert.equal(config.incomingEmailAddress, 'support+%{key}@localhost');
    assert.ok(Object.isFrozen(config), 'Object.isFrozen(config)');
  });

  it('OAUTH2_ALLOW_HTTP_TOKEN_URL is off unless true, and takes only true or false', () => {
    assert.equal(loadConfig({}).oauth2AllowHttpTokenUrl, false);
    assert.equal(loadConfig({ OAUTH2_ALLOW_HTTP_TOKEN_URL: 'true' }).oauth2AllowHttpTokenUrl, true);
    assert.equal(loadConfig({ OAUTH2_ALLOW_HTTP_TOKEN_URL: 'false' }).oauth2AllowHttpTokenUrl, false);
    assert.deepEqual(problemsOf({ OAUTH2_ALLOW_HTTP_TOKEN_URL: 'yes' }), ['OAUTH2_ALLOW_HTTP_TOKEN_URL: must be true or false']);
  });

  it('TRUST_PROXY takes addresses and CIDR ranges, and nothing else', () => {
    assert.equal(loadConfig({}).trustProxy, null);
    assert.deepEqual(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).trustProxy, ['127.0.0.1', '10.0.0.0/8', '::1']);
    for (const bad of ['true', 'proxy.example.com', '10.0.0.0/8,', '1.2.3']) {
      assert.match(problemsOf({ TRUST_PROXY: bad }).join('\n'), /^TRUST_PROXY: must be a comma-separated list/, bad);
    }
  });

  it('trusts relays on loopback by default; TRUSTED_RELAY_NETWORKS takes ranges and refuses anything else', () => {
    assert.deepEqual(
      loadConfig({}).trustedRelayNetworks.map((r) => `${r.address}/${r.prefix}`),
      ['127.0.0.0/8', '::1/128'],
    );
    assert.deepEqual(
      loadConfig({ TRUSTED_RELAY_NETWORKS: '10.1.0.0/16, 2001:db8::/32' }).trustedRelayNetworks.map((r) => `${r.address}/${r.prefix}`),
      ['10.1.0.0/16', '2001:db8::/32'],
    );
    for (const bad of ['all', '10.0.0.0/40', 'mx.example.com', '127.0.0.1,'])
      assert.match(problemsOf({ TRUSTED_RELAY_NETWORKS: bad }).join('\n'), /^TRUSTED_RELAY_NETWORKS: must be a comma-separated list/, bad);
  });

  it('takes one authserv-id, and DKIM settings that name a domain and a selector', () => {
    assert.equal(loadConfig({ TRUSTED_AUTHSERV_ID: 'mx.example.com' }).trustedAuthservId, 'mx.example.com');
    assert.match(problemsOf({ TRUSTED_AUTHSERV_ID: 'mx.example.com; spf=pass' })[0]!, /^TRUSTED_AUTHSERV_ID: must be one authserv-id/);
    const dkim = { DKIM_DOMAIN: 'Example.COM', DKIM_SELECTOR: 'pd2024', DKIM_PRIVATE_KEY: '/etc/postdesk/dkim.pem' };
    assert.deepEqual(loadConfig(dkim).dkim, { domain: 'example.com', selector: 'pd2024', privateKey: '/etc/postdesk/dkim.pem' });
    assert.match(problemsOf({ ...dkim, DKIM_DOMAIN: 'example' })[0]!, /^DKIM_DOMAIN: must be a domain name/);
    assert.match(problemsOf({ ...dkim, DKIM_SELECTOR: 'a b' })[0]!, /^DKIM_SELECTOR: must be a selector/);
  });

  it('derives PUBLIC_URL from PORT and drops a trailing slash', () => {
    assert.equal(loadConfig({ PORT: '8080' }).publicUrl, 'http://localhost:8080');
    assert.equal(loadConfig({ PUBLIC_URL: 'https://desk.example.com/' }).publicUrl, 'https://desk.example.com');
  });

  it('names each bad variable and what is wrong with it', () => {
    const problems = problemsOf({ PORT: 'eighty', DATABASE_URL: 'mysql://x', INCOMING_EMAIL_ADDRESS: 'support@example.com', LOG_LEVEL: 'loud' });
    assert.equal(problems.length, 4);
    assert.match(problems.find((p) => p.startsWith('PORT:'))!, /whole number/);
    assert.match(problems.find((p) => p.startsWith('DATABASE_URL:'))!, /postgres/);
    assert.match(problems.find((p) => p.startsWith('INCOMING_EMAIL_ADDRESS:'))!, /%\{key\}/);
    assert.ok(
      problems.some((p) => p.startsWith('LOG_LEVEL:')),
      "problems.some((p) => p.startsWith('LOG_LEVEL:'))",
    );
  });

  it('refuses %{key} outside the local part (SD-01), an alias equal to the main address (SD-13), half a DKIM setup', () => {
    assert.equal(problemsOf({ INCOMING_EMAIL_ADDRESS: 'support@%{key}.example.com' }).length, 1);
    assert.match(
      problemsOf({ INCOMING_EMAIL_ADDRESS: 'a+%{key}@x.io', SERVICE_DESK_ALIAS_ADDRESS: 'A+%{key}@x.io' })[0]!,
      /^SERVICE_DESK_ALIAS_ADDRESS: must differ/,
    );
    assert.match(problemsOf({ DKIM_DOMAIN: 'x.io' })[0]!, /together/);
  });

  it('switches to PostgreSQL on a postgres:// DATABASE_URL and turns SMTP off with port 0', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/desk', SMTP_LISTEN_PORT: '0' });
    assert.deepEqual(config.database, { dialect: 'postgres', url: 'postgres://u@127.0.0.1:5432/desk' });
    assert.equal(config.smtpListen, null);
  });

  it('reads IMAP_URL: user and password URL-decoded, the folder INBOX unless named, the port from the scheme', () => {
    const config = loadConfig({ IMAP_URL: 'imaps://desk%40example.com:p%3Ass%2Fw0rd@IMAP.Example.com/Support%2FInbox', IMAP_MOVE_TO: 'Done' });
    assert.deepEqual(config.imap, {
      account: { secure: true, host: 'imap.example.com', port: 993, user: 'desk@example.com', password: 'p:ss/w0rd', mailbox: 'Support/Inbox' },
      moveTo: 'Done',
    });
    assert.deepEqual(loadConfig({ IMAP_URL: 'imap://u:p@127.0.0.1:1143' }).imap?.account, {
      secure: false,
      host: '127.0.0.1',
      port: 1143,
      user: 'u',
      password: 'p',
      mailbox: 'INBOX',
    });
  });

  it('refuses an IMAP_URL without a password or of another scheme, without quoting it, and IMAP_MOVE_TO alone', () => {
    assert.match(problemsOf({ IMAP_URL: 'imap://desk@example.com/INBOX' })[0]!, /^IMAP_URL: must carry a password/);
    assert.match(problemsOf({ IMAP_URL: 'pop3://u:secretpw@example.com' })[0]!, /^IMAP_URL: must start with imap/);
    assert.ok(!problemsOf({ IMAP_URL: 'pop3://u:secretpw@example.com' })[0]!.includes('secretpw'), 'the message must not quote the password');
    assert.match(problemsOf({ IMAP_MOVE_TO: 'Done' })[0]!, /^IMAP_MOVE_TO: needs IMAP_URL/);
  });

  it('reads only known variables and treats empty ones as unset', () => {
    assert.deepEqual(readEnv({ PORT: ' 4000 ', HOME: '/root', PUBLIC_URL: '' }), { PORT: '4000' });
  });
});
