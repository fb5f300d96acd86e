import { randomUUID } from 'node:crypto';
import type { Plugin } from 'vite';
import { catalog } from './src/catalog.ts';

/** What the local endpoint's `GET /api/events` lists (the part read here). */
interface EndpointEvents {
  events: { sessionId: string; userId?: string; event: { eventType: string; itemId?: string } }[];
}

/** A stable, user-specific order: the same user sees the same list, another user another one. */
function score(seed: string, itemId: string): number {
  let hash = 2166136261;
  for (const char of `${seed}:${itemId}`) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  return (hash >>> 0) / 2 ** 32;
}

/**
 * What the shopper bought, as Personalize joins a history: the user's own events, plus the anonymous events of every
 * session the user has signed in on (anonymous → signed in keeps the session, so what was bought before signing in
 * belongs to the user). `session` is the recorder's current session, which has no signed-in event yet right after a
 * sign-in. An anonymous shopper (no user) has the session's own events.
 */
async function purchasedBy(endpoint: string, user: string | null, session: string | null): Promise<Set<string>> {
  try {
    const response = await fetch(`${endpoint}/api/events`, { signal: AbortSignal.timeout(2000) });
    const { events } = (await response.json()) as EndpointEvents;
    const sessions = new Set(session ? [session] : []);
    if (user) for (const entry of events) if (entry.userId === user) sessions.add(entry.sessionId);
    return new Set(
      events
        .filter(
          (entry) =>
            entry.event.eventType === 'purchase' &&
            ((user !== null && entry.userId === user) || (!entry.userId && sessions.has(entry.sessionId))),
        )
        .map((entry) => entry.event.itemId ?? ''),
    );
  } catch {
    // The endpoint is down: recommend without excluding purchases.
    return new Set();
  }
}

/**
 * `GET /api/recommendations?user=…&session=…&list=…&item=…&count=…`: a stand-in for GetRecommendations, answered by
 * the demo's dev server in the same shape (`recommendationId`, `itemList`). `list` names the shelf (each has its own
 * order), `item` the product a list is related to, `count` the items wanted (default 8, at most the catalog). It
 * leaves out what the shopper bought (read back from the local endpoint's events, the anonymous session's included
 * after a sign-in), so a purchase visibly changes the list once the event has been delivered.
 */
export function recommendationsApi(): Plugin {
  let endpoint = 'http://127.0.0.1:4599';
  return {
    name: 'storefront-recommendations-api',
    configResolved(config) {
      const defined = config.define?.__PERSONALIZE_ENDPOINT__;
      if (typeof defined === 'string') endpoint = JSON.parse(defined);
    },
    configureServer(server) {
      server.middlewares.use('/api/recommendations', async (request, response) => {
        const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
        const user = query.get('user');
        const session = query.get('session');
        const item = query.get('item');
        const list = query.get('list') ?? 'home';
        const count = Math.min(catalog.length, Math.max(1, Number(query.get('count')) || 8));
        const purchased = await purchasedBy(endpoint, user, session);
        const seed = `${user ?? session ?? 'anonymous'}:${list}:${item ?? ''}`;
        const itemList = catalog
          .filter((product) => product.itemId !== item && !purchased.has(product.itemId))
          .map((product) => ({ itemId: product.itemId, score: score(seed, product.itemId) }))
          .sort((a, b) => b.score - a.score)
          .slice(0, count);
        response.setHeader('Content-Type', 'application/json');
        response.end(JSON.stringify({ recommendationId: `RID-${randomUUID().slice(0, 18)}`, itemList }));
      });
    },
  };
}
