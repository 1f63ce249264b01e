import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiAll } from '../../../lib/api-client.ts';
import type { Note } from '../../../lib/api-types.ts';
import { conversationKeys } from './keys.ts';

/** The whole conversation, oldest first (pages of 100, up to 5,000 notes). */
export const getNotes = (projectId: number, iid: number) => apiAll<Note>(`/projects/${projectId}/tickets/${iid}/notes`, {}, 50);

export const notesQuery = (projectId: number, iid: number) =>
  queryOptions({ queryKey: conversationKeys.notes(projectId, iid), queryFn: () => getNotes(projectId, iid), staleTime: 5_000 });

export function useNotes(projectId: number, iid: number) {
  return useQuery(notesQuery(projectId, iid));
}
