import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiAll, projectApiPath } from '../../../lib/api-client.ts';
import type { Note } from '../../../lib/api-types.ts';
import { conversationKeys } from './keys.ts';

/** The notes list's largest page: a 200-note conversation is one request. */
const NOTES_PER_PAGE = 200;

/** The whole conversation, oldest first (pages of 200, up to 5,000 notes). */
export const getNotes = (project: string, iid: number) => apiAll<Note>(`${projectApiPath(project)}/tickets/${iid}/notes`, {}, 25, NOTES_PER_PAGE);

export const notesQuery = (project: string, iid: number) =>
  queryOptions({ queryKey: conversationKeys.notes(project, iid), queryFn: () => getNotes(project, iid), staleTime: 5_000 });

export function useNotes(project: string, iid: number) {
  return useQuery(notesQuery(project, iid));
}
