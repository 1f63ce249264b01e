import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, projectApiPath } from '../../../lib/api-client.ts';
import type { NewNote, Note } from '../../../lib/api-types.ts';
import { conversationKeys } from './keys.ts';

export const createNote = (project: string, iid: number, input: NewNote) =>
  api<Note>(`${projectApiPath(project)}/tickets/${iid}/notes`, { method: 'POST', body: input });

/** Adds a comment or internal note. Quick actions in it may change the ticket, so the ticket refetches too. */
export function useCreateNote(project: string, iid: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewNote) => createNote(project, iid, input),
    onSettled: () => {
      queryClient.invalidateQueries({ queryKey: conversationKeys.notes(project, iid) });
      queryClient.invalidateQueries({ queryKey: ['tickets', project] });
    },
  });
}
