import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import type { NotificationSettings } from '../../../lib/admin-api-types.ts';

export const notificationSettingsKey = ['user', 'notification-settings'] as const;

export const getNotificationSettings = () => api<NotificationSettings>('/user/notification_settings');

export const updateNotificationSettings = (changes: Partial<NotificationSettings>) =>
  api<NotificationSettings>('/user/notification_settings', { method: 'PUT', body: changes });

export function useNotificationSettings() {
  return useQuery(queryOptions({ queryKey: notificationSettingsKey, queryFn: getNotificationSettings }));
}

export function useUpdateNotificationSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateNotificationSettings,
    onSuccess: (saved) => queryClient.setQueryData(notificationSettingsKey, saved),
  });
}
