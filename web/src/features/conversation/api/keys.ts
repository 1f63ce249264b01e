export const conversationKeys = {
  notes: (projectId: number, iid: number) => ['notes', projectId, iid] as const,
};
