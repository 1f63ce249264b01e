// The project's extra incoming addresses (support+<slug>-<key>@…) that pre-label new tickets.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import type { ExtraAddress, NewExtraAddress } from '../../../lib/admin-api-types.ts';
import { projectRef } from './get-service-desk.ts';

export const extraAddressesKey = (project: string) => ['service-desk', project, 'addresses'] as const;

export const getExtraAddresses = (project: string) => api<ExtraAddress[]>(`/projects/${projectRef(project)}/service_desk/addresses`);

export const addExtraAddress = (project: string, input: NewExtraAddress) =>
  api<ExtraAddress>(`/projects/${projectRef(project)}/service_desk/addresses`, { method: 'POST', body: input });

export const removeExtraAddress = (project: string, key: string) =>
  api<void>(`/projects/${projectRef(project)}/service_desk/addresses/${encodeURIComponent(key)}`, { method: 'DELETE' });

export function useExtraAddresses(project: string) {
  return useQuery(queryOptions({ queryKey: extraAddressesKey(project), queryFn: () => getExtraAddresses(project) }));
}

export function useAddExtraAddress(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewExtraAddress) => addExtraAddress(project, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: extraAddressesKey(project) }),
  });
}

export function useRemoveExtraAddress(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (key: string) => removeExtraAddress(project, key),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: extraAddressesKey(project) }),
  });
}
