import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import type { ApiBody, Project } from '../../../lib/api-types.ts';
import { projectsKey } from './get-projects.ts';

export type NewProject = ApiBody<'postApiV1Projects'>;

export const createProject = (input: NewProject) => api<Project>('/projects', { method: 'POST', body: input });

export function useCreateProject() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createProject, onSuccess: () => queryClient.invalidateQueries({ queryKey: projectsKey }) });
}
