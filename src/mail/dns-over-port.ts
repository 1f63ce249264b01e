// DNS for code in a worker thread, answered by the main thread's resolver (dns-resolver.ts: bounded, cached,
// shared by every mail, and the one tests fill with fixed records). Questions and answers cross a MessagePort.
import type { MessagePort } from 'node:worker_threads';
import type { DnsResolve } from './dns-resolver.ts';

interface Question {
  id: number;
  name: string;
  rrtype: string;
}

type Answer = { id: number; records: any[] } | { id: number; error: { code?: string; message: string } };

/** The main thread's side: answers each question on `port` with `resolver`. */
export function answerDnsQuestions(port: MessagePort, resolver: DnsResolve): void {
  port.on('message', ({ id, name, rrtype }: Question) => {
    resolver(name, rrtype).then(
      (records) => port.postMessage({ id, records } satisfies Answer),
      (error: NodeJS.ErrnoException) => port.postMessage({ id, error: { code: error.code, message: error.message } } satisfies Answer),
    );
  });
}

/** The worker's side: a resolver that asks over `port`. Errors keep their `code` (ENOTFOUND, ETIMEOUT), which mailauth reads. */
export function resolverOverPort(port: MessagePort): DnsResolve {
  const waiting = new Map<number, { resolve(records: any[]): void; reject(error: Error): void }>();
  let next = 0;
  port.on('message', (answer: Answer) => {
    const question = waiting.get(answer.id);
    waiting.delete(answer.id);
    if ('records' in answer) question?.resolve(answer.records);
    else question?.reject(Object.assign(new Error(answer.error.message), { code: answer.error.code }));
  });
  return (name, rrtype) =>
    new Promise((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      port.postMessage({ id, name, rrtype } satisfies Question);
    });
}
