// What bodies the API reads, and how much of them. JSON (at most the app's 1 MiB body limit) everywhere;
// browser forms only on routes declared `bodyType: 'form'`; raw mail (addMailParser) only on
// `bodyType: 'rfc822'` routes, whose secret is checked before the body is read. Any other type is a 415,
// answered without reading the body.
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../domain/errors.ts';

/** Clients (curl with a default header, many SDKs) send `Content-Type: application/json` on bodiless DELETEs; an empty body is no body, not a 400. */
export function addJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    if (body === '') return done(null, undefined);
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(new DomainError('invalid', 'The body is not valid JSON'), undefined);
    }
  });
}

/** Browser forms and RFC 8058 one-click unsubscribe POSTs; repeated names keep the last value. */
export function addFormParsers(scope: FastifyInstance): void {
  scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  // RFC 8058 §3.1: the one-click POST SHOULD be multipart/form-data. Its content carries nothing we need
  // (the key in the URL is the authority), so it is read and dropped, never parsed.
  scope.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: 64 * 1024 }, (_request, _body, done) => done(null, undefined));
}

/** A raw mail as read: its bytes up to the limit, and how many it had in all. A class, so a route can tell it from JSON. */
export class ReceivedMailBody {
  constructor(
    /** The whole message, or its first `maxBytes` when it was larger. */
    readonly raw: Buffer,
    readonly size: number,
  ) {}
}

/** How far past MAX_MESSAGE_BYTES a body is still read to learn its size; beyond, the connection is cut (413). */
const OVERSIZE_READ_FACTOR = 4;

/**
 * Raw mail. A message over `maxBytes` is not refused: its start is kept and the rest counted and dropped, so it
 * is stored as too large (headers only) and its writer told with a [Rejected] mail, as the IMAP reader does — a
 * webhook's sender would otherwise drop it with nobody told. Only a body past OVERSIZE_READ_FACTOR × maxBytes
 * is a 413, with the connection closed.
 */
export function addMailParser(scope: FastifyInstance, maxBytes: number): void {
  scope.addContentTypeParser('message/rfc822', (_request, payload, done) => {
    const kept: Buffer[] = [];
    let keptBytes = 0;
    let size = 0;
    let finished = false;
    const finish = (error: Error | null, body?: ReceivedMailBody) => {
      if (finished) return;
      finished = true;
      done(error, body);
    };
    payload.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes * OVERSIZE_READ_FACTOR) {
        payload.destroy();
        return finish(new DomainError('too_large', `The message is over ${maxBytes * OVERSIZE_READ_FACTOR} bytes`));
      }
      if (keptBytes >= maxBytes) return;
      const part = chunk.subarray(0, maxBytes - keptBytes);
      kept.push(part);
      keptBytes += part.length;
    });
    payload.on('end', () => finish(null, new ReceivedMailBody(Buffer.concat(kept, keptBytes), size)));
    payload.on('error', (error) => finish(error));
  });
}
