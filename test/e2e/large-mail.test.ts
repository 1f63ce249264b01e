// A mail of several MiB through the real SMTP listener (issue 10, memory): its bytes are stored in 1 MiB pieces,
// the ingest job takes the pieces the listener handed over, the parser gathers its file into pieces, and the
// mail log's raw download and the file's download give back exactly what was sent, byte for byte.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startMailDesk, type MailDesk } from '../helpers/mail-desk.ts';
import type { TestUser } from '../helpers/test-app.ts';

describe('a large mail, in pieces from end to end', () => {
  let desk: MailDesk;
  let owner: TestUser;
  let address: string;

  before(async () => {
    desk = await startMailDesk();
    owner = await desk.user({ admin: true });
    const project = await desk.project(owner, { path: 'large' });
    address = (await desk.request(owner.token, 'GET', `/api/v1/projects/${project.id}/service_desk`)).body.incoming_address;
  });
  after(() => desk.close());

  const download = async (url: string) => {
    const response = await desk.http.inject({ method: 'GET', url, headers: { authorization: `Bearer ${owner.token}` } });
    assert.equal(response.statusCode, 200, `${url}: ${response.statusCode}`);
    return response.rawPayload;
  };

  it('stores, parses and serves a 4 MB mail with a 2.5 MB file exactly', async () => {
    const file = randomBytes(2_500_000);
    const raw = Buffer.from(
      [
        'From: Big Sender <big@example.com>',
        `To: ${address}`,
        'Subject: The logs you asked for',
        'Message-ID: <large-mail@example.com>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Here are the logs.',
        '--b',
        'Content-Type: application/octet-stream; name="logs.bin"',
        'Content-Disposition: attachment; filename="logs.bin"',
        'Content-Transfer-Encoding: base64',
        '',
        file.toString('base64').replace(/.{76}/g, '$&\r\n'),
        '--b--',
        '',
      ].join('\r\n'),
    );
    await desk.sendRaw(raw, { from: 'big@example.com', to: [address] });
    await desk.settle();

    const [message] = (await desk.request(owner.token, 'GET', '/api/v1/inbound_messages?per_page=1')).body;
    assert.equal(message.state, 'processed', JSON.stringify(message));
    const pieces = await desk.ctx.db.db.selectFrom('inbound_message_pieces').select('seq').where('inbound_message_id', '=', message.id).execute();
    assert.equal(pieces.length, Math.ceil(raw.length / 1_048_576), 'stored in 1 MiB pieces');
    assert.deepEqual(await download(`/api/v1/inbound_messages/${message.id}/raw`), raw, 'the raw download, byte for byte');

    const ticket = (await desk.request(owner.token, 'GET', `/api/v1/projects/large/tickets/${message.ticket_iid}`)).body;
    assert.match(ticket.description, /Here are the logs\./);
    const [attachment] = ticket.attachments as Array<{ id: number; filename: string; size: number }>;
    assert.equal(attachment?.filename, 'logs.bin');
    assert.equal(attachment?.size, file.length);
    const filePieces = await desk.ctx.db.db.selectFrom('attachment_pieces').select('seq').where('attachment_id', '=', attachment!.id).execute();
    assert.equal(filePieces.length, 3, 'the file in 1 MiB pieces');
    assert.deepEqual(await download(`/api/v1/attachments/${attachment!.id}`), file, 'the file, byte for byte');
  });
});
