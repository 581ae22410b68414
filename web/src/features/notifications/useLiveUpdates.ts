import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { NOTIFICATION_LIST_KEY, UNREAD_KEY, type Unread } from './api.ts';

/**
 * What each bare event of the stream says changed, as the query-key prefixes to fetch again. The
 * inbox, 我的信息, 待签发 and the home page's figures all live under ['items'] (home: ['items', 'home']);
 * ['home'] is kept for screens that key their figures on their own.
 */
const TOPICS: Record<string, readonly string[]> = {
  inbox: ['items', 'home'],
  items: ['items', 'home'],
  instructions: ['instructions'],
  commissions: ['commissions'],
};

/**
 * The one live connection of a signed-in page (GET /api/notifications/stream, server-sent events):
 * `unread` sets the bell's count, the other events refresh the lists they name. The browser
 * reconnects by itself after a drop; every reconnection brings the current count, and what may have
 * been missed meanwhile is fetched again. Closed when the layout unmounts (logout, session end).
 */
export function useLiveUpdates(userId: string | null) {
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!userId || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/notifications/stream');
    let dropped = false;
    const refresh = (prefixes: readonly string[]) => {
      for (const prefix of prefixes) void queryClient.invalidateQueries({ queryKey: [prefix] });
    };

    source.addEventListener('unread', (event) => {
      let unread: number;
      try {
        unread = (JSON.parse((event as MessageEvent<string>).data) as Unread).unread;
      } catch {
        return;
      }
      if (typeof unread !== 'number') return;
      const before = queryClient.getQueryData<Unread>(UNREAD_KEY)?.unread;
      queryClient.setQueryData<Unread>(UNREAD_KEY, { unread });
      // A new message (or one read on another page): the lists showing messages are out of date.
      if (before !== undefined && before !== unread) {
        void queryClient.invalidateQueries({ queryKey: NOTIFICATION_LIST_KEY });
      }
    });
    for (const [topic, prefixes] of Object.entries(TOPICS)) {
      source.addEventListener(topic, () => refresh(prefixes));
    }
    source.addEventListener('open', () => {
      if (!dropped) return;
      dropped = false;
      // Events sent while the stream was down are lost: catch up on everything it would have said.
      refresh([...new Set(Object.values(TOPICS).flat())]);
      void queryClient.invalidateQueries({ queryKey: NOTIFICATION_LIST_KEY });
    });
    source.addEventListener('error', () => {
      dropped = true;
    });
    return () => source.close();
  }, [userId, queryClient]);
}
