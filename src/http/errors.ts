// The HTTP edge's one table from error codes to status codes, and the error body of INTERFACE.md:
// `{ error, message, details? }`.
import type { FastifyError, FastifyReply } from 'fastify';
import { ZodError } from 'zod';
import { DomainError, type ErrorCode } from '../domain/errors.ts';

export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  insufficient_scope: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
};

export interface ErrorBody {
  error: string;
  message: string;
  details?: Record<string, unknown>;
}

export function zodDetails(error: ZodError): Record<string, string> {
  const details: Record<string, string> = {};
  for (const issue of error.issues) details[issue.path.join('.') || 'body'] ??= issue.message;
  return details;
}

export function sendError(reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof DomainError) {
    // RFC 9110 §10.2.3: how long to wait, in seconds, for the throttles that set it.
    if (error.code === 'rate_limited' && typeof error.details?.retry_after === 'number') reply.header('Retry-After', String(error.details.retry_after));
    return reply.code(HTTP_STATUS[error.code]).send({ error: error.code, message: error.message, ...(error.details && { details: error.details }) });
  }
  if (error instanceof ZodError) {
    const details = zodDetails(error);
    const fields = Object.keys(details).join(', ');
    return reply.code(400).send({ error: 'invalid', message: `Invalid ${fields}`, details });
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send({ error: 'too_large', message: 'Request body is too large' });
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return reply.code(fastifyError.statusCode).send({ error: 'invalid', message: fastifyError.message });
  }
  reply.log.error({ err: error }, 'unhandled error');
  return reply.code(500).send({ error: 'internal', message: 'Something went wrong on our side; it has been logged' });
}
