import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiAll } from '../../../lib/api-client.ts';
import type { Project } from '../../../lib/api-types.ts';

export const projectsKey = ['projects'] as const;

export const getProjects = () => apiAll<Project>('/projects');

export const projectsQuery = queryOptions({ queryKey: projectsKey, queryFn: getProjects });

export function useProjects() {
  return useQuery(projectsQuery);
}
