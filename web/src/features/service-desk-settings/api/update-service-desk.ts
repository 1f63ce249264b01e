import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import type { ServiceDesk, ServiceDeskUpdate } from '../../../lib/admin-api-types.ts';
import { projectRef, serviceDeskKey } from './get-service-desk.ts';

/** PUT is partial: only the fields given change. */
export const updateServiceDesk = (project: string, changes: ServiceDeskUpdate) =>
  api<ServiceDesk>(`/projects/${projectRef(project)}/service_desk`, { method: 'PUT', body: changes });

export function useUpdateServiceDesk(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: ServiceDeskUpdate) => updateServiceDesk(project, changes),
    onSuccess: (saved) => queryClient.setQueryData(serviceDeskKey(project), saved),
  });
}
