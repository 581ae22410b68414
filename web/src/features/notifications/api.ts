import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { NotificationKind } from './kinds.ts';

/** One message of the caller's 消息中心 (GET /api/notifications). */
export type Notification = {
  id: number;
  kind: NotificationKind;
  kindLabel: string;
  title: string;
  body: string;
  /** A path inside the app (e.g. /items/…), or null when the message leads nowhere. */
  link: string | null;
  createdAt: string;
  readAt: string | null;
};
export type NotificationPage = {
  items: Notification[];
  total: number;
  page: number;
  pageSize: number;
  unread: number;
};
export type Unread = { unread: number };
export type NotificationFilters = { unread?: boolean; kind?: string };

export type Preferences = {
  sms: boolean;
  email: boolean;
  phone: string | null;
  emailAddress: string | null;
  version: number;
};

export type Channel = 'sms' | 'email' | 'wecom' | 'dingtalk';
export type SmsConfig = {
  enabled: boolean;
  url: string;
  bodyTemplate: string;
  headers?: Record<string, string>;
  signName: string;
  templateCode: string;
  successField?: string;
  successValue?: string;
};
export type EmailConfig = {
  enabled: boolean;
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
};
export type RobotConfig = { enabled: boolean; webhookUrl: string; secret?: string };
export type ChannelsConfig = {
  sms?: SmsConfig;
  email?: EmailConfig;
  wecom?: RobotConfig;
  dingtalk?: RobotConfig;
};
export type Office = { id: string; name: string };
export type ChannelsView = {
  office: Office;
  offices: Office[];
  /** Passwords, secrets and secret URL parameters come back as ******; sent back, they keep their value. */
  config: ChannelsConfig;
  robotKinds: NotificationKind[];
  kinds: { code: NotificationKind; label: string; important: boolean }[];
  version: number;
};
export type SaveChannelsInput = {
  officeId: string;
  config: ChannelsConfig;
  robotKinds: string[];
  version: number;
};
export type TestChannelInput = { officeId: string; channel: Channel; phone?: string; email?: string };
export type TestResult = { ok: boolean; detail: string };

export type DeliveryStatus = 'queued' | 'sent' | 'failed';
export type Delivery = {
  id: number;
  channel: Channel;
  address: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  title: string;
  recipientName: string;
};
export type DeliveryPage = { items: Delivery[]; total: number; page: number; pageSize: number };
export type DeliveryFilters = { status?: string; channel?: string };

/** What a redacted secret shows instead of its value (server/lib/channels/config.ts). */
export const REDACTED = '******';

export const NOTIFICATIONS_KEY = ['notifications'] as const;
/** The bell's count: set straight from the live stream, fetched once on start. */
export const UNREAD_KEY = [...NOTIFICATIONS_KEY, 'unread'] as const;
/** Every page of messages (the bell's latest and the 消息中心 list). */
export const NOTIFICATION_LIST_KEY = [...NOTIFICATIONS_KEY, 'list'] as const;
export const PREFERENCES_KEY = [...NOTIFICATIONS_KEY, 'preferences'] as const;
export const CHANNELS_KEY = ['notification-channels'] as const;
export const DELIVERIES_KEY = ['notification-deliveries'] as const;
export const NOTIFICATION_PAGE_SIZE = 20;

function notificationQueryString(filters: NotificationFilters, page: number, pageSize: number): string {
  const qs = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
  if (filters.unread !== undefined) qs.set('unread', String(filters.unread));
  if (filters.kind) qs.set('kind', filters.kind);
  return qs.toString();
}

export function useUnreadCount(enabled = true) {
  return useQuery({
    queryKey: UNREAD_KEY,
    queryFn: () => api<Unread>('GET', '/api/notifications/unread-count'),
    select: (d) => d.unread,
    // The live stream keeps it current; a refetch is only needed when the stream was down.
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** A page of the caller's messages, newest first. */
export function useNotifications(
  filters: NotificationFilters,
  page: number,
  pageSize = NOTIFICATION_PAGE_SIZE,
  enabled = true,
) {
  return useQuery({
    queryKey: [...NOTIFICATION_LIST_KEY, filters.unread ?? 'all', filters.kind ?? '', page, pageSize],
    queryFn: () =>
      api<NotificationPage>('GET', `/api/notifications?${notificationQueryString(filters, page, pageSize)}`),
    placeholderData: keepPreviousData,
    staleTime: 0,
    enabled,
  });
}

/** After a read: the server's new count goes to the bell, and the lists are fetched again. */
function useAfterRead() {
  const qc = useQueryClient();
  return {
    onSuccess: (data: Unread) => qc.setQueryData<Unread>(UNREAD_KEY, data),
    onSettled: () => qc.invalidateQueries({ queryKey: NOTIFICATION_LIST_KEY }),
  };
}

export function useMarkNotificationRead() {
  return useMutation({
    mutationFn: (id: number) => api<Unread>('POST', `/api/notifications/${id}/read`),
    ...useAfterRead(),
  });
}

export function useMarkAllNotificationsRead() {
  return useMutation({
    mutationFn: () => api<Unread>('POST', '/api/notifications/read-all'),
    ...useAfterRead(),
  });
}

export const PREFERENCES_URL = '/api/notifications/preferences';

/** 消息通道 of one office ('' = the caller's first office, as the server picks). */
export function useChannels(officeId: string) {
  return useQuery({
    queryKey: [...CHANNELS_KEY, officeId],
    queryFn: () =>
      api<ChannelsView>('GET', `/api/notification-channels${officeId ? `?officeId=${officeId}` : ''}`),
  });
}

/** Saves with the version read; `officeKey` is the key useChannels was called with. */
export function useSaveChannels(officeKey: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SaveChannelsInput) => api<ChannelsView>('PUT', '/api/notification-channels', input),
    onSuccess: (saved) => qc.setQueryData([...CHANNELS_KEY, officeKey], saved),
  });
}

/** Sends a test message on one channel with the saved settings; a failure is an answer, not an error. */
export function useTestChannel() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: TestChannelInput) =>
      api<TestResult>('POST', '/api/notification-channels/test', input),
    onSettled: () => qc.invalidateQueries({ queryKey: DELIVERIES_KEY }),
  });
}

/** 发送记录 of an office, newest first. */
export function useDeliveries(officeId: string | undefined, filters: DeliveryFilters, page: number) {
  const qs = new URLSearchParams({ page: String(page), pageSize: String(NOTIFICATION_PAGE_SIZE) });
  if (officeId) qs.set('officeId', officeId);
  if (filters.status) qs.set('status', filters.status);
  if (filters.channel) qs.set('channel', filters.channel);
  return useQuery({
    queryKey: [...DELIVERIES_KEY, officeId, filters.status ?? '', filters.channel ?? '', page],
    queryFn: () => api<DeliveryPage>('GET', `/api/notification-deliveries?${qs}`),
    placeholderData: keepPreviousData,
    enabled: !!officeId,
    staleTime: 0,
  });
}

export function useRetryDelivery() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<{ ok: boolean }>('POST', `/api/notification-deliveries/${id}/retry`),
    onSettled: () => qc.invalidateQueries({ queryKey: DELIVERIES_KEY }),
  });
}
