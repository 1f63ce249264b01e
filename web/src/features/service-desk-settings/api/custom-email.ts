// A project's own address (custom email): verifying it again and resetting it. Setting it is the partial
// PUT of update-service-desk.ts; while a verification runs, the settings are fetched again every few seconds.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import type { ServiceDesk } from '../../../lib/admin-api-types.ts';
import { projectRef, serviceDeskKey } from './get-service-desk.ts';

export const restartVerification = (project: string) =>
  api<ServiceDesk>(`/projects/${projectRef(project)}/service_desk/custom_email/verification`, { method: 'POST' });

export const resetCustomEmail = (project: string) => api<void>(`/projects/${projectRef(project)}/service_desk/custom_email`, { method: 'DELETE' });

export function useRestartVerification(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => restartVerification(project),
    onSuccess: (saved) => queryClient.setQueryData(serviceDeskKey(project), saved),
  });
}

export function useResetCustomEmail(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => resetCustomEmail(project),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: serviceDeskKey(project) }),
  });
}
