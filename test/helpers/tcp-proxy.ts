// A loopback TCP proxy between Postdesk and a server, to break connections the way networks do: it
// forwards bytes both ways until a rule cuts a connection — at a command the client sends (before or
// after forwarding it) or part-way through the server's answer to it.
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface CutRule {
  /** Matched against what the client sends (IMAP commands are lines: `A12 UID FETCH …`). */
  clientSends: RegExp;
  /** `before`: the command never reaches the server; `mid-answer`: it does, and the answer is cut after `afterBytes`. */
  when: 'before' | 'mid-answer';
  afterBytes?: number;
}

export interface TcpProxy {
  port: number;
  /** Cuts the next connection that matches (once); resolves when it was cut. */
  cutOnce(rule: CutRule): Promise<void>;
  /** Connections made through the proxy so far. */
  connections(): number;
  /** Cuts every open connection now (a server ending its sessions, a network dropping them). */
  cutAll(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const rules: { rule: CutRule; done: () => void }[] = [];
  const sockets = new Set<Socket>();
  let count = 0;
  const server: Server = createServer((client) => {
    count++;
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    const cut = () => {
      client.destroy();
      upstream.destroy();
    };
    let answerBudget: { left: number; done: () => void } | null = null;
    client.on('data', (chunk: Buffer) => {
      const text = chunk.toString('latin1');
      const index = rules.findIndex((r) => r.rule.clientSends.test(text));
      if (index >= 0) {
        const [{ rule, done }] = rules.splice(index, 1) as [(typeof rules)[number]];
        if (rule.when === 'before') {
          cut();
          done();
          return;
        }
        answerBudget = { left: rule.afterBytes ?? 1, done };
      }
      upstream.write(chunk);
    });
    let cutting = false;
    upstream.on('data', (chunk: Buffer) => {
      if (cutting) return;
      const budget = answerBudget;
      if (!budget) return void client.write(chunk);
      if (chunk.length < budget.left) {
        budget.left -= chunk.length;
        return void client.write(chunk);
      }
      cutting = true;
      client.write(chunk.subarray(0, budget.left), () => {
        cut();
        budget.done();
      });
    });
    for (const socket of [client, upstream]) {
      socket.on('error', cut);
      socket.on('close', () => {
        sockets.delete(socket);
        cut();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    cutOnce: (rule) => new Promise<void>((done) => rules.push({ rule, done })),
    connections: () => count,
    cutAll() {
      for (const socket of sockets) socket.destroy();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
