// SD-81, SD-82, RFC 8058: a customer leaves a ticket through the List-Unsubscribe header of our mail —
// the one-click link (GET only asks, POST removes) or the mailto address — and hears nothing more.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMailDesk, type MailDesk } from '../helpers/mail-desk.ts';
import type { TestUser } from '../helpers/test-app.ts';

describe('unsubscribe', () => {
  let desk: MailDesk;
  let agent: TestUser;
  let projectId: number;
  let address: string;

  before(async () => {
    desk = await startMailDesk();
    agent = await desk.user();
    projectId = (await desk.project(agent, { path: 'leaving' })).id;
    address = (await desk.request(agent.token, 'GET', `/api/v1/projects/${projectId}/service_desk`)).body.incoming_address;
  });
  after(() => desk.close());

  const api = (method: string, path: string, body?: unknown) => desk.request(agent.token, method, `/api/v1/projects/${projectId}${path}`, body);

  /** A customer opens a ticket; answers its iid and the two List-Unsubscribe targets of the thank-you. */
  async function openTicket(from: string, subject: string) {
    await desk.send({ from, to: address, subject, text: 'Hello' });
    await desk.settle();
    const thanks = desk.sink.mails.find((m) => m.envelopeTo[0] === from);
    assert.ok(thanks, `a thank-you reached ${from}`);
    // RFC 5322 §2.2.3: unfold the header section before reading a field.
    const head = thanks.raw
      .toString('latin1')
      .split('\r\n\r\n')[0]!
      .replace(/\r\n[ \t]+/g, ' ');
    const header = /^List-Unsubscribe:\s*(.+)$/im.exec(head)?.[1]?.trim();
    assert.ok(header, 'the thank-you carries List-Unsubscribe');
    assert.match(head, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/im);
    const [, url, mailto] = /^<(http[^>]+)>, <mailto:([^>]+)>$/.exec(header) ?? [];
    assert.ok(url && mailto, `both targets in ${header}`);
    const iid = (await desk.request(agent.token, 'GET', '/api/v1/inbound_messages?per_page=1')).body[0].ticket_iid as number;
    return { iid, path: new URL(url).pathname, mailto };
  }
  const participants = async (iid: number) => (await api('GET', `/tickets/${iid}/participants`)).body.map((p: { email: string }) => p.email);
  const notes = async (iid: number) => (await api('GET', `/tickets/${iid}/notes?per_page=100`)).body as { body: string; system: boolean }[];
  const oneClick = (path: string) =>
    desk.http.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });

  it('GET shows a confirmation and changes nothing; POST One-Click removes the participant, once', async () => {
    const { iid, path } = await openTicket('leaver@client.test', 'Please <b>stop</b>');
    const page = await desk.http.inject({ method: 'GET', url: path });
    assert.equal(page.statusCode, 200);
    assert.match(page.headers['content-type'] as string, /^text\/html/);
    assert.equal(
      page.headers['content-security-policy'],
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    );
    assert.equal(page.headers['x-frame-options'], 'DENY');
    assert.equal(page.headers['referrer-policy'], 'no-referrer');
    assert.ok(page.body.includes(`#${iid}`), 'the page names the ticket');
    assert.ok(page.body.includes('Please &lt;b&gt;stop&lt;/b&gt;'), 'the title is escaped');
    assert.ok(!page.body.includes('leaver@client.test'), 'no address on the page');
    assert.match(page.body, new RegExp(`<form method="post" action="${path}">`));
    assert.deepEqual(await participants(iid), ['leaver@client.test'], 'a GET unsubscribes no one');

    const posted = await oneClick(path);
    assert.equal(posted.statusCode, 200);
    assert.match(posted.body, /Unsubscribed/);
    assert.deepEqual(await participants(iid), []);
    const system = (await notes(iid)).filter((n) => n.system && /leaver@client\.test/.test(n.body));
    assert.equal(system.length, 1, 'one system note names who left');

    const again = await oneClick(path);
    assert.equal(again.statusCode, 200, 'a repeated POST is still a success');
    assert.equal((await notes(iid)).filter((n) => n.system && /leaver@client\.test/.test(n.body)).length, 1, 'and changes nothing');

    const before = desk.sink.mails.length;
    await api('POST', `/tickets/${iid}/notes`, { body: 'We answered anyway' });
    await desk.settle();
    assert.deepEqual(
      desk.sink.mails.slice(before).map((m) => m.envelopeTo),
      [],
      'a public comment mails nobody',
    );
  });

  it('accepts the form of the confirmation button and a multipart one-click POST', async () => {
    const { iid, path } = await openTicket('multipart@client.test', 'Multipart');
    const boundary = 'xyz';
    const response = await desk.http.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(await participants(iid), []);
  });

  it('answers 404 with a plain page for a key we never issued', async () => {
    for (const key of ['0123456789abcdef0123456789abcdef', 'not-a-key']) {
      for (const method of ['GET', 'POST'] as const) {
        const response = await desk.http.inject({ method, url: `/-/unsubscribe/${key}` });
        assert.equal(response.statusCode, 404, `${method} ${key}`);
        assert.match(response.headers['content-type'] as string, /^text\/html/);
      }
    }
  });

  it('unsubscribes through the mailto address too (SD-82)', async () => {
    const { iid, mailto } = await openTicket('mailto@client.test', 'By mail');
    assert.match(mailto, /^support\+[0-9a-f]{32}-unsubscribe@desk\.test$/);
    await desk.send({ from: 'mailto@client.test', to: mailto, subject: 'unsubscribe', text: '' });
    await desk.settle();
    assert.deepEqual(await participants(iid), []);
    assert.ok(
      (await notes(iid)).some((n) => n.system && /mailto@client\.test/.test(n.body)),
      'a system note names who left',
    );
    const before = desk.sink.mails.length;
    await api('POST', `/tickets/${iid}/notes`, { body: 'Anyone there?' });
    await desk.settle();
    assert.equal(desk.sink.mails.length, before, 'a public comment mails nobody');
  });
});
