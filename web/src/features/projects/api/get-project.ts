import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import type { Project } from '../../../lib/api-types.ts';

export const projectKey = (path: string) => ['projects', 'one', path] as const;

/** One project by its full path (the API takes the URL-encoded path where it takes an id). */
export const getProject = (path: string) => api<Project>(`/projects/${encodeURIComponent(path)}`);

export const projectQuery = (path: string) => queryOptions({ queryKey: projectKey(path), queryFn: () => getProject(path), staleTime: 60_000 });

export function useProject(path: string) {
  return useQuery(projectQuery(path));
}
