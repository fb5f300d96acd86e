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

async function purchasedBy(endpoint: string, user: string): Promise<Set<string>> {
  try {
    const response = await fetch(`${endpoint}/api/events`, { signal: AbortSignal.timeout(2000) });
    const { events } = (await response.json()) as EndpointEvents;
    return new Set(
      events
        .filter((entry) => entry.event.eventType === 'purchase' && (entry.userId === user || entry.sessionId === user))
        .map((entry) => entry.event.itemId ?? ''),
    );
  } catch {
    // The endpoint is down: recommend without excluding purchases.
    return new Set();
  }
}

/**
 * `GET /api/recommendations?user=…&item=…`: a stand-in for GetRecommendations, answered by the demo's dev server in
 * the same shape (`recommendationId`, `itemList`). It leaves out what the user bought (read back from the local
 * endpoint's events), so a purchase visibly changes the list once the event has been delivered.
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
        const user = query.get('user') ?? 'anonymous';
        const item = query.get('item');
        const purchased = await purchasedBy(endpoint, user);
        const itemList = catalog
          .filter((product) => product.itemId !== item && !purchased.has(product.itemId))
          .map((product) => ({ itemId: product.itemId, score: score(`${user}:${item ?? 'home'}`, product.itemId) }))
          .sort((a, b) => b.score - a.score)
          .slice(0, 8);
        response.setHeader('Content-Type', 'application/json');
        response.end(JSON.stringify({ recommendationId: `RID-${randomUUID().slice(0, 18)}`, itemList }));
      });
    },
  };
}
