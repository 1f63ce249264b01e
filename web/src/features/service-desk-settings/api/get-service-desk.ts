import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import type { ServiceDesk } from '../../../lib/admin-api-types.ts';

/** The API takes the URL-encoded project path wherever it takes a project id. */
export const projectRef = (project: string) => encodeURIComponent(project);

export const serviceDeskKey = (project: string) => ['service-desk', project] as const;

export const getServiceDesk = (project: string) => api<ServiceDesk>(`/projects/${projectRef(project)}/service_desk`);

export const serviceDeskQuery = (project: string) =>
  queryOptions({
    queryKey: serviceDeskKey(project),
    queryFn: () => getServiceDesk(project),
    // A custom email's verification ends by itself (the mail comes back, or 30 minutes pass): look again meanwhile.
    refetchInterval: (query) => (query.state.data?.custom_email_state === 'started' ? 5000 : false),
  });

export function useServiceDesk(project: string) {
  return useQuery(serviceDeskQuery(project));
}
