// /health (issue 10): a dead job and a message stuck in `received` longer than STUCK_AFTER_MS make the instance
// `degraded` (still 200: only a database that does not answer is a 503), with the counts that say why;
// replaying and retrying make it `ok` again.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { receiveInboundMessage } from '../../src/app/inbound/receive-inbound-message.ts';
import { STUCK_AFTER_MS } from '../../src/app/instance/get-health.ts';
import { claimJobs, failJob, retryDeadJob } from '../../src/db/job-store.ts';
import type { JobRow } from '../../src/db/schema/jobs.ts';
import { ingestJobHandler } from '../../src/mail/inbound/ingest-job.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

describe('/health reports dead jobs and stuck mail', () => {
  let t: TestApp;
  let now = new Date('2026-11-30T10:00:00.000Z');
  const health = () => t.request(null, 'GET', '/health');

  before(async () => {
    t = await startTestApp({ clock: () => now });
  });
  after(() => t.close());

  it('is ok with a fresh message waiting, degraded once it waited too long, ok once it is processed', async () => {
    const raw = Buffer.from('From: ann@example.com\r\nTo: nobody@example.test\r\nSubject: hi\r\n\r\nHello\r\n');
    const { id } = await receiveInboundMessage(t.ctx, { raw, channel: 'smtp', envelopeFrom: 'ann@example.com', envelopeTo: ['nobody@example.test'] });
    const fresh = await health();
    assert.equal(fresh.status, 200, JSON.stringify(fresh.body));
    assert.deepEqual(fresh.body.inbound, { stuck: 0, oldest_stuck_age_s: 0 });

    now = new Date(now.getTime() + STUCK_AFTER_MS + 5_000);
    const stuck = await health();
    assert.equal(stuck.status, 200, JSON.stringify(stuck.body));
    assert.equal(stuck.body.status, 'degraded');
    assert.deepEqual(stuck.body.inbound, { stuck: 1, oldest_stuck_age_s: STUCK_AFTER_MS / 1000 + 5 });

    await ingestJobHandler(t.ctx).run({ inboundMessageId: id }, {} as JobRow);
    const done = await t.ctx.db.db.selectFrom('inbound_messages').select('state').where('id', '=', id).executeTakeFirstOrThrow();
    assert.notEqual(done.state, 'received', 'processed by the ingest job');
    const after = await health();
    assert.equal(after.body.status, 'ok', JSON.stringify(after.body));
  });

  it('is degraded while a job is dead, ok once it is retried', async () => {
    const [job] = await claimJobs(t.ctx.db, { workerId: 'w', kinds: ['ingest_inbound'], limit: 1, leaseMs: 60_000, now });
    assert.ok(job, 'the ingest job of the first test is due');
    await t.ctx.db.transaction(({ trx }) => failJob(trx, job, 'Error: for good', null, now));
    const dead = await health();
    assert.equal(dead.status, 200, JSON.stringify(dead.body));
    assert.equal(dead.body.queue.dead, 1);
    await t.ctx.db.transaction(({ trx }) => retryDeadJob(trx, job.id, now));
    assert.equal((await health()).body.status, 'ok');
  });
});
