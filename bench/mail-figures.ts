// The mail figures of issue 10, each beside the floor run in the same round: throughput with the thank-you
// relayed for three sizes over 8 pooled connections, throughput with a new connection per mail at 32 and 128
// concurrent senders, and latency from the 250 to the ticket in the API at half the pooled throughput.
// Rounds interleave Postdesk and the floor, so the neighbours' load falls on both alike.
import { floorMessages, type MessageSize, runFloor } from './floor.ts';
import { type LatencyRun, measureLatency, measureThroughput, startDesk, type ThroughputRun } from './mail-to-ticket.ts';
import { type Row, summarize } from './table.ts';

interface Figure {
  label: string;
  size: MessageSize;
  conns: number;
  fresh: boolean;
  mails: number;
}

export interface MailBenchOptions {
  runs: number;
  /** Mails per Postdesk run are scaled by this (1 for the full bench). */
  scale: number;
  /** Length of each floor run (smtp.mjs --secs). */
  floorSecs: number;
  log: (line: string) => void;
}

const FIGURES: Figure[] = [
  { label: 'mail → ticket + thank-you relayed, 3 KB text, 8 pooled connections', size: 'small', conns: 8, fresh: false, mails: 400 },
  { label: 'mail → ticket + thank-you relayed, 30 KB HTML newsletter, 8 pooled', size: 'newsletter', conns: 8, fresh: false, mails: 200 },
  { label: 'mail → ticket + thank-you relayed, 1 MB attachment, 8 pooled', size: 'large', conns: 8, fresh: false, mails: 40 },
  { label: 'mail → ticket + thank-you relayed, 3 KB, new connection per mail, 32 senders', size: 'small', conns: 32, fresh: true, mails: 256 },
  { label: 'mail → ticket + thank-you relayed, 3 KB, new connection per mail, 128 senders', size: 'small', conns: 128, fresh: true, mails: 512 },
];

export async function mailRows(options: MailBenchOptions): Promise<Row[]> {
  const templates = Object.fromEntries(
    await Promise.all((['small', 'newsletter', 'large'] as const).map(async (size) => [size, await floorMessages(size)] as const)),
  ) as Record<MessageSize, Buffer[]>;
  const desk = await startDesk();
  const ratioTarget = desk.dialect === 'sqlite' ? '≥ 0.7 × floor' : '≥ 0.5 × floor';
  try {
    const desks: ThroughputRun[][] = FIGURES.map(() => []);
    const floors: number[][] = FIGURES.map(() => []);
    for (let run = 1; run <= options.runs; run++) {
      for (const [f, figure] of FIGURES.entries()) {
        const mails = Math.max(8, Math.round(figure.mails * options.scale));
        const measured = await measureThroughput(desk, { templates: templates[figure.size], mails, conns: figure.conns, fresh: figure.fresh });
        desks[f]!.push(measured);
        const floor = await runFloor({ size: figure.size, conns: figure.conns, fresh: figure.fresh, secs: options.floorSecs });
        floors[f]!.push(floor.rate);
        options.log(
          `run ${run} ${figure.size} ${figure.fresh ? 'fresh' : 'pooled'} ${figure.conns}: Postdesk ${measured.rate.toFixed(1)}/s ` +
            `(250s at ${measured.acceptRate.toFixed(1)}/s, ${measured.serverCpuMsPerMsg.toFixed(1)} ms CPU/mail, ${measured.refused} 4xx retried), ` +
            `floor ${floor.rate.toFixed(1)}/s (${floor.serverCpuMsPerMsg.toFixed(2)} ms CPU/mail)`,
        );
      }
    }
    const rows: Row[] = FIGURES.map((figure, f) => {
      const runs = desks[f]!;
      const refused = runs.reduce((sum, r) => sum + r.refused, 0);
      return {
        figure: `${figure.label} (${desk.dialect})`,
        unit: 'mails/s',
        postdesk: summarize(runs.map((r) => r.rate)),
        floor: summarize(floors[f]!),
        target: ratioTarget,
        note: `250s at ${summarize(runs.map((r) => r.acceptRate)).median.toFixed(0)}/s; server CPU ${summarize(runs.map((r) => r.serverCpuMsPerMsg)).median.toFixed(1)} ms/mail; ${refused} answered 4xx and retried`,
      };
    });

    const halfMax = summarize(desks[0]!.map((r) => r.rate)).median / 2;
    const latencies: LatencyRun[] = [];
    for (let run = 1; run <= options.runs; run++) {
      const measured = await measureLatency(desk, { templates: templates.small, mails: Math.max(20, Math.round(200 * options.scale)), rate: halfMax });
      latencies.push(measured);
      options.log(`run ${run} latency at ${measured.rate.toFixed(1)}/s: p50 ${measured.p50.toFixed(0)} ms, p99 ${measured.p99.toFixed(0)} ms`);
    }
    const sentAt = `sent at ${halfMax.toFixed(0)}/s, half the pooled 3 KB throughput`;
    const floorLatency = '0 (its ticket commits before the 250)';
    rows.push(
      {
        figure: `latency p50, 250 → ticket in the API (${desk.dialect})`,
        unit: 'ms',
        postdesk: summarize(latencies.map((l) => l.p50)),
        floor: floorLatency,
        target: '< 100 ms',
        note: sentAt,
      },
      {
        figure: `latency p99, 250 → ticket in the API (${desk.dialect})`,
        unit: 'ms',
        postdesk: summarize(latencies.map((l) => l.p99)),
        floor: floorLatency,
        target: '< 500 ms',
        note: sentAt,
      },
    );
    return rows;
  } finally {
    await desk.close();
  }
}
