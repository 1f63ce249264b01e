// IDLE latency: from a mail's delivery into the mailbox's Maildir (an MTA's rename into new/) to its ticket
// committed and visible, through a real dovecot, imapflow's IDLE, the store, the job queue and the ingest.
// Mails go one at a time, a moment apart, so each is its own wake-up; the periodic sweep is off (an hour),
// so nothing but IDLE can bring them in. Prints p50/p90/max over BENCH_IMAP_MAILS (default 20).
import { DESK_ACCOUNT, DESK_PASSWORD, rawMail, startImapDesk } from '../test/helpers/imap-desk.ts';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export async function benchImapIdleLatency(options: { mails: number }): Promise<string> {
  const desk = await startImapDesk({ env: (dovecot) => ({ IMAP_URL: dovecot.url(DESK_ACCOUNT, DESK_PASSWORD) }) });
  try {
    const admin = await desk.user({ admin: true });
    const project = await desk.project(admin, { path: 'bench-imap' });
    const address = (await desk.request(admin.token, 'GET', `/api/v1/projects/${project.id}/service_desk`)).body.incoming_address as string;
    const receiver = await desk.startReceiver();
    await desk.waitFor('the mailbox read', async () => receiver.mailboxesRead().length === 1);
    await new Promise((resolve) => setTimeout(resolve, 300)); // let the first sweep end and IDLE begin
    const samples: number[] = [];
    for (let i = 0; i < options.mails; i++) {
      const title = `IDLE latency ${i}`;
      const delivered = performance.now();
      desk.dovecot.deliver(DESK_ACCOUNT, rawMail({ to: address, subject: title, messageId: `<idle-bench-${i}@example.org>` }));
      for (;;) {
        if (await desk.ctx.db.db.selectFrom('tickets').select('id').where('title', '=', title).executeTakeFirst()) break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      samples.push(performance.now() - delivered);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const sorted = [...samples].sort((a, b) => a - b);
    const ms = (value: number) => `${Math.round(value)} ms`;
    return `IMAP IDLE, Maildir delivery -> ticket (${options.mails} mails, ${desk.ctx.db.dialect}): p50 ${ms(percentile(sorted, 50))}, p90 ${ms(percentile(sorted, 90))}, min ${ms(sorted[0]!)}, max ${ms(sorted.at(-1)!)}`;
  } finally {
    await desk.close();
  }
}
