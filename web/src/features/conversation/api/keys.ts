export const conversationKeys = {
  notes: (project: string, iid: number) => ['notes', project, iid] as const,
};
