import { storage } from 'wxt/utils/storage';
import { lazyItem } from './lazy-item';

/** Which stored data was found unreadable and replaced by defaults. */
export type NoticeSource = 'preferences' | 'site-rules' | 'packs' | 'reports';

export interface StorageNotice {
  source: NoticeSource;
  /** When it was first noticed (ms since epoch). */
  at: number;
}

const noticesItem = lazyItem(() =>
  storage.defineItem<StorageNotice[]>('local:storageNotices', { fallback: [], version: 1 }),
);

/** Records that stored data was unreadable (once per source until dismissed). */
let queue: Promise<void> = Promise.resolve();
export function addNotice(source: NoticeSource): Promise<void> {
  // Serialised so that two sources noticed at once are both kept.
  queue = queue.then(async () => {
    const list = await getNotices();
    if (list.some((n) => n.source === source)) return;
    await noticesItem().setValue([...list, { source, at: Date.now() }]);
  });
  return queue;
}

export async function getNotices(): Promise<StorageNotice[]> {
  const value = (await noticesItem().getValue()) as unknown;
  return Array.isArray(value) ? value.filter((n): n is StorageNotice => !!n && typeof n.source === 'string') : [];
}

export async function clearNotices(): Promise<void> {
  await noticesItem().setValue([]);
}
