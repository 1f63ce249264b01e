// Keyset pagination for every list: opaque cursors, `per_page` clamped to 100 (INTERFACE.md), or to a
// list's own larger maximum where one is read whole (a ticket's notes).
import { DomainError } from '../domain/errors.ts';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  perPage?: number;
  cursor?: string;
}

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;

export function clampPerPage(perPage: number | undefined, max = MAX_PER_PAGE): number {
  if (perPage === undefined || !Number.isFinite(perPage)) return DEFAULT_PER_PAGE;
  return Math.min(max, Math.max(1, Math.trunc(perPage)));
}

export const encodeCursor = (position: Record<string, string | number>) => Buffer.from(JSON.stringify(position)).toString('base64url');

export function decodeCursor<T extends Record<string, string | number>>(cursor: string | undefined, keys: (keyof T)[]): T | null {
  if (cursor === undefined) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as T;
    if (value && typeof value === 'object' && keys.every((k) => ['string', 'number'].includes(typeof value[k]))) return value;
  } catch {
    // fall through to the error below
  }
  throw new DomainError('invalid', 'cursor is not one this server gave out', { cursor: 'invalid' });
}

/** Runs a query asked for one row more than a page, and turns the extra row into the next cursor. */
export function toPage<T>(rows: T[], perPage: number, positionOf: (row: T) => Record<string, string | number>): Page<T> {
  const items = rows.slice(0, perPage);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > perPage && last ? encodeCursor(positionOf(last)) : null };
}

/** The common case: pages ordered by ascending id. */
export function idPage(request: PageRequest, maxPerPage = MAX_PER_PAGE) {
  const perPage = clampPerPage(request.perPage, maxPerPage);
  const after = decodeCursor<{ id: number }>(request.cursor, ['id'])?.id ?? 0;
  return { perPage, after, finish: <T extends { id: number }>(rows: T[]) => toPage(rows, perPage, (r) => ({ id: r.id })) };
}
