import { isValidString } from './isValidString';
import { MAX_ID, MAX_RECOMMENDATION_ID } from './limits';
import type { Attribution, AttributionOptions, AttributionRules } from './types';

interface Entry {
  itemId: string;
  recommendationId: string;
  /** Epoch ms when it was remembered. */
  at: number;
  /** The user it was remembered for; absent while anonymous. */
  userId?: string | undefined;
}

const KEY = 'react-personalize:attribution';
const DEFAULT_MAX_ITEMS = 100;
const DEFAULT_MAX_AGE = 24 * 60 * 60 * 1000;

function isEntry(value: unknown): value is Entry {
  const entry = value as Entry;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    isValidString(entry.itemId, MAX_ID) &&
    isValidString(entry.recommendationId, MAX_RECOMMENDATION_ID) &&
    typeof entry.at === 'number' &&
    Number.isFinite(entry.at) &&
    (entry.userId === undefined || typeof entry.userId === 'string')
  );
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
}

/**
 * Attribution that follows the user, for `RecorderOptions.attribution`: remembers which list (`recommendationId`)
 * each item was last interacted with in, and fills that `recommendationId` on later events of `eventTypes` for the
 * same item. Pairs are remembered per item (the newest wins), kept at most `maxAge` ms and `maxItems` items, and
 * stored under `react-personalize:attribution` so a purchase on another page, after a reload or in another tab, still
 * credits the list the item was clicked in. An anonymous pair applies to the user who signs in afterwards (it becomes
 * that user's); a signed-in user's pair never applies to someone else or after signing out. A separate export, so apps that do not
 * use it do not ship it.
 * @example
 * const recorder = createRecorder({ transport, attribution: createAttribution({ eventTypes: ['purchase'] }) });
 */
export function createAttribution(options: AttributionOptions): Attribution {
  const eventTypes = new Set(options.eventTypes);
  const maxItems = positive(options.maxItems, DEFAULT_MAX_ITEMS);
  const maxAge = positive(options.maxAge, DEFAULT_MAX_AGE);

  return {
    connect(context): AttributionRules {
      const storage = options.storage === false ? undefined : (options.storage ?? context.storage);
      const now = context.now ?? Date.now;
      /** This tab's own pairs: what storage holds when it works, everything when it does not. */
      let memory: Entry[] = [];
      let reported = false;

      const fail = (message: string, cause: unknown) => {
        // One report until storage works again: an app recording in a loop must not get a flood of the same error.
        if (reported) return;
        reported = true;
        try {
          context.onError?.(message, cause);
        } catch {
          // The app's handler cannot be allowed to break recording.
        }
      };

      const readStorage = (): Entry[] => {
        if (!storage) return [];
        let raw: string | null;
        try {
          raw = storage.getItem(KEY);
        } catch (cause) {
          fail('attribution: read failed; pairs kept in memory', cause);
          return [];
        }
        if (!raw) return [];
        try {
          const parsed = JSON.parse(raw) as { entries?: unknown };
          if (!Array.isArray(parsed?.entries)) throw new TypeError('no entries list');
          return parsed.entries.filter(isEntry);
        } catch (cause) {
          fail(`attribution: corrupt ${KEY} discarded`, cause);
          try {
            storage.removeItem(KEY);
          } catch {
            // Nothing more to do with a storage that refuses everything.
          }
          return [];
        }
      };

      /** Storage (other tabs and pages) merged with memory, newest pair per item, unexpired, oldest first, capped. */
      const read = (): Entry[] => {
        const byItem = new Map<string, Entry>();
        for (const entry of [...readStorage(), ...memory]) {
          const known = byItem.get(entry.itemId);
          if (!known || entry.at >= known.at) byItem.set(entry.itemId, entry);
        }
        const oldest = now() - maxAge;
        return [...byItem.values()]
          .filter((entry) => entry.at > oldest)
          .sort((a, b) => a.at - b.at)
          .slice(-maxItems);
      };

      const write = (entries: Entry[]) => {
        memory = entries;
        if (!storage) return;
        try {
          if (entries.length === 0) storage.removeItem(KEY);
          else storage.setItem(KEY, JSON.stringify({ entries }));
          reported = false;
        } catch (cause) {
          fail('attribution: storage full or blocked; pairs kept in memory', cause);
        }
      };

      return {
        apply(event, userId) {
          // record() hands over its input unchecked: junk must pass through untouched for validateEvent to name it.
          if (
            typeof event !== 'object' ||
            event === null ||
            !eventTypes.has(event.eventType) ||
            typeof event.itemId !== 'string' ||
            event.recommendationId !== undefined
          ) {
            return event;
          }
          const entry = read().find(
            (candidate) =>
              candidate.itemId === event.itemId && (candidate.userId === undefined || candidate.userId === userId),
          );
          return entry ? { ...event, recommendationId: entry.recommendationId } : event;
        },

        remember(event, userId) {
          const { itemId, recommendationId } = event;
          if (
            typeof itemId !== 'string' ||
            itemId === '' ||
            typeof recommendationId !== 'string' ||
            recommendationId === ''
          ) {
            return;
          }
          const entry: Entry = { itemId, recommendationId, at: now() };
          if (userId !== undefined) entry.userId = userId;
          write([...read().filter((known) => known.itemId !== itemId), entry].slice(-maxItems));
        },

        clear() {
          write([]);
        },

        claim(userId) {
          const entries = read();
          if (entries.some((entry) => entry.userId === undefined)) {
            write(entries.map((entry) => (entry.userId === undefined ? { ...entry, userId } : entry)));
          }
        },
      };
    },
  };
}
