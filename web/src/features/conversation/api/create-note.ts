import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import type { NewNote, Note } from '../../../lib/api-types.ts';
import { conversationKeys } from './keys.ts';

export const createNote = (projectId: number, iid: number, input: NewNote) =>
  api<Note>(`/projects/${projectId}/tickets/${iid}/notes`, { method: 'POST', body: input });

/** Adds a comment or internal note. Quick actions in it may change the ticket, so the ticket refetches too. */
export function useCreateNote(projectId: number, iid: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewNote) => createNote(projectId, iid, input),
    onSettled: () => {
      queryClient.invalidateQueries({ queryKey: conversationKeys.notes(projectId, iid) });
      queryClient.invalidateQueries({ queryKey: ['tickets', projectId] });
    },
  });
}
