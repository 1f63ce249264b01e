// The one error type of the core. Each edge (HTTP, SMTP, jobs, CLI) maps `code` through a single table.
export type ErrorCode =
  | 'invalid'
  | 'unauthorized'
  | 'invalid_credentials'
  | 'forbidden'
  | 'csrf_failed'
  | 'insufficient_scope'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'rate_limited';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('not_found', `${what} not found`);
export const invalid = (field: string, problem: string) => new DomainError('invalid', `${field} ${problem}`, { [field]: problem });
export const conflict = (message: string, details?: Record<string, unknown>) => new DomainError('conflict', message, details);
