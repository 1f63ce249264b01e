// What bodies the API reads, and how much of them. JSON (at most the app's 1 MiB body limit) everywhere;
// browser forms only on routes declared `bodyType: 'form'`; raw mail (up to MAX_MESSAGE_BYTES) only on
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

/** Raw mail, up to `maxBytes` (a larger body is a 413). */
export function addMailParser(scope: FastifyInstance, maxBytes: number): void {
  scope.addContentTypeParser('message/rfc822', { parseAs: 'buffer', bodyLimit: maxBytes }, (_request, body, done) => done(null, body));
}
