// Which source is believed for which channel (authenticate.ts), over fixed DNS records.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixedDns } from '../../../test/helpers/dns.ts';
import { networkMatcher, parseCidrList } from '../../config/cidr.ts';
import { authenticateMessage, type AuthenticationPolicy } from './authenticate.ts';
import { parseMessage } from './parse.ts';
import { verifySender } from './verify-sender.ts';

const policy: AuthenticationPolicy = {
  trustedAuthservId: 'mx.desk.test',
  isTrustedRelay: networkMatcher(parseCidrList('127.0.0.0/8,::1')!),
  verify: (raw, smtp) =>
    verifySender(raw, smtp, {
      resolver: fixedDns({ txt: { 'example.com': ['v=spf1 ip4:192.0.2.0/24 -all'], '_dmarc.example.com': ['v=DMARC1; p=reject'] } }),
      mta: 'desk.test',
    }),
};
const raw = Buffer.from(
  [
    'Authentication-Results: mx.desk.test; dkim=pass header.d=example.com; spf=pass; dmarc=pass header.from=example.com',
    'From: Carol <carol@example.com>',
    'To: support@desk.test',
    'Subject: Hello',
    '',
    'Hi.',
    '',
  ].join('\r\n'),
);
const smtpFrom = (ip: string) => ({ channel: 'smtp' as const, smtp: { ip, helo: 'mx.example.com', mailFrom: 'carol@example.com' } });

describe('authenticate: whose word counts', () => {
  it('a relay on a trusted network, the HTTP endpoint, IMAP and the CLI: the trusted relay header', async () => {
    const message = await parseMessage(raw);
    for (const facts of [
      smtpFrom('127.0.0.1'),
      smtpFrom('::ffff:127.0.0.1'),
      { channel: 'http' as const, smtp: null },
      { channel: 'imap' as const, smtp: null },
      { channel: 'cli' as const, smtp: null },
    ]) {
      const verdict = await authenticateMessage(raw, message, facts, policy);
      assert.deepEqual([verdict.source, verdict.dmarc, verdict.domain], ['trusted_relay', 'pass', 'example.com'], JSON.stringify(facts));
    }
  });

  it('a client outside the relay networks: its header is ignored and SPF is checked against it', async () => {
    const verdict = await authenticateMessage(raw, await parseMessage(raw), smtpFrom('203.0.113.9'), policy);
    assert.deepEqual(verdict, { dkim: 'none', spf: 'fail', dmarc: 'fail', source: 'postdesk', domain: 'example.com', dmarc_policy: 'reject' });
  });

  it('without TRUSTED_AUTHSERV_ID, or without that header, a relay’s mail is checked here, DKIM only (SPF none)', async () => {
    const message = await parseMessage(raw);
    const unset = await authenticateMessage(raw, message, smtpFrom('127.0.0.1'), { ...policy, trustedAuthservId: null });
    assert.deepEqual([unset.source, unset.spf, unset.dmarc], ['postdesk', 'none', 'fail']);
    const otherId = await authenticateMessage(raw, message, { channel: 'imap', smtp: null }, { ...policy, trustedAuthservId: 'mx.other.test' });
    assert.deepEqual([otherId.source, otherId.spf], ['postdesk', 'none']);
  });

  it('a verifier that throws gives temperror, never a failure', async () => {
    const message = await parseMessage(raw);
    const broken = { ...policy, trustedAuthservId: null };
    const verdict = await authenticateMessage(undefined as unknown as Buffer, message, smtpFrom('203.0.113.9'), broken);
    assert.deepEqual([verdict.dkim, verdict.spf, verdict.dmarc, verdict.domain], ['temperror', 'temperror', 'temperror', 'example.com']);
  });
});
