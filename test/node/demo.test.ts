import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright';
import { validateBatch, type WireEvent } from 'react-personalize';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface Urls {
  demo: string;
  endpoint: string;
}

interface EndpointEvent {
  eventId?: string;
  trackingId: string;
  sessionId: string;
  userId?: string;
  event: WireEvent;
  requestId: string;
}

interface EndpointRequest {
  requestId: string;
  status: number;
  signature: string;
  issues: unknown[];
  body: unknown;
}

let server: ChildProcess;
let urls: Urls;
let browser: Browser;
let output = '';

/** `npm start` without Storybook, on free ports; resolves with the URLs it prints. */
function startServers(): Promise<Urls> {
  server = spawn(
    process.execPath,
    ['scripts/start.mjs', '--no-storybook', '--endpoint-port', '0', '--demo-port', '0'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start printed no URLs in 45 s:\n${output}`)), 45_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const demo = /Demo: +(\S+)/.exec(output)?.[1];
      const endpoint = /JSON at (\S+)\/api\/events/.exec(output)?.[1];
      if (demo && endpoint) {
        clearTimeout(timer);
        resolve({ demo, endpoint });
      }
    };
    server.stdout?.on('data', read);
    server.stderr?.on('data', read);
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${output}`));
    });
  });
}

async function endpointEvents(): Promise<EndpointEvent[]> {
  const response = await fetch(`${urls.endpoint}/api/events`);
  return ((await response.json()) as { events: EndpointEvent[] }).events;
}

/** Polls the endpoint's JSON listing until an event matches, for at most 20 s (a busy machine's bound). */
async function waitForEvent(match: (event: EndpointEvent) => boolean): Promise<EndpointEvent> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const found = (await endpointEvents()).find(match);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no such event at the endpoint; it has: ${JSON.stringify(await endpointEvents())}`);
}

async function openHome(page: Page) {
  await page.goto(urls.demo);
  const list = page.getByRole('list', { name: 'Recommended for you' });
  await list.getByRole('listitem').first().waitFor({ timeout: 30_000 });
  return list;
}

beforeAll(async () => {
  urls = await startServers();
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: chromiumArgs,
  });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.kill('SIGKILL');
  }
});

describe('npm start (scripts/start.mjs)', () => {
  it('sends a click on a recommended product through the SDK to the local endpoint, valid and signed', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const list = await openHome(page);
    const recommendationId = await list.getAttribute('data-recommendation-id');
    const card = list.getByRole('listitem').first();
    const itemId = await card.getAttribute('data-item-id');
    // The cards on screen count as seen (half of each for a second): the demo marks them.
    const seen = page.locator('[data-seen="true"]');
    await card.and(seen).waitFor({ timeout: 20_000 });
    await list.getByRole('listitem').nth(1).and(seen).waitFor({ timeout: 20_000 });
    await card.getByRole('link').click();
    await page.getByRole('heading', { level: 1 }).waitFor();

    const arrived = await waitForEvent((entry) => entry.event.eventType === 'click' && entry.event.itemId === itemId);
    expect(arrived.trackingId).toBe('storefront-demo');
    expect(arrived.event.recommendationId).toBe(recommendationId);
    expect(arrived.event.impression).toContain(itemId);
    expect(arrived.event.impression!.length).toBeGreaterThan(1);

    const requests = (await (await fetch(`${urls.endpoint}/api/requests`)).json()) as { requests: EndpointRequest[] };
    const request = requests.requests.find((candidate) => candidate.requestId === arrived.requestId)!;
    expect(request).toMatchObject({ status: 200, signature: 'valid', issues: [] });
    expect(validateBatch(request.body, { trackingId: true })).toEqual([]);
    await page.close();
  });

  it("lists in a click's impression only the cards marked seen, fewer than the list holds, and shows it", async () => {
    // 1200×900: the first rows of the 16-card grid fit on screen, the last ones and the carousel below do not.
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const list = await openHome(page);
    const cards = list.getByRole('listitem');
    const allItems = await cards.evaluateAll((items) => items.map((item) => item.dataset.itemId));
    await cards.first().and(page.locator('[data-seen="true"]')).waitFor({ timeout: 20_000 });
    // Long enough for every card on screen to dwell its second, with two to spare for a busy machine's late frames.
    await page.waitForTimeout(3000);
    const seen = await list
      .locator('[data-seen="true"]')
      .evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.itemId));
    const recommendationId = await list.getAttribute('data-recommendation-id');
    const clicked = allItems[1]!;
    await cards.nth(1).getByRole('link').click();

    const arrived = await waitForEvent((entry) => entry.event.eventType === 'click' && entry.event.itemId === clicked);
    expect(allItems).toHaveLength(16);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.length).toBeLessThan(allItems.length);
    expect(arrived.event.recommendationId).toBe(recommendationId);
    expect(arrived.event.impression).toEqual(seen);

    const panel = page.getByRole('complementary', { name: 'Last click' });
    await expect.poll(() => panel.locator('[data-field="recommendationId"]').textContent()).toBe(recommendationId);
    expect(await panel.locator('[data-field="impression"]').textContent()).toMatch(
      new RegExp(`^${seen.length} of 16 items in “Recommended for you”`),
    );
    await page.close();
  });

  it('delivers a purchase, after which the recommendations leave the bought product out', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const list = await openHome(page);
    const card = list.getByRole('listitem').nth(1);
    const itemId = await card.getAttribute('data-item-id');
    await card.getByRole('link').click();
    await page.getByRole('button', { name: 'Buy now' }).click();

    const purchase = await waitForEvent(
      (entry) => entry.event.eventType === 'purchase' && entry.event.itemId === itemId,
    );
    expect(purchase.event.eventValue).toBeGreaterThan(0);

    await page.getByRole('link', { name: 'Summit Outfitters' }).click();
    await list.getByRole('listitem').first().waitFor();
    await expect
      .poll(async () => list.getByRole('listitem').evaluateAll((items) => items.map((item) => item.dataset.itemId)), {
        timeout: 20_000,
      })
      .not.toContain(itemId);
    await page.close();
  });

  it('after signing in, leaves out what the same session bought anonymously (its history joins the user)', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const list = await openHome(page);
    const itemId = (await list.getByRole('listitem').nth(2).getAttribute('data-item-id'))!;
    await list.getByRole('listitem').nth(2).getByRole('link').click();
    await page.getByRole('button', { name: 'Buy now' }).click();
    const purchase = await waitForEvent(
      (entry) => entry.event.eventType === 'purchase' && entry.event.itemId === itemId,
    );
    expect(purchase.userId).toBeUndefined();

    await page.getByRole('link', { name: 'Summit Outfitters' }).click();
    const items = () => list.getByRole('listitem').evaluateAll((all) => all.map((item) => item.dataset.itemId));
    await expect.poll(items, { timeout: 20_000 }).not.toContain(itemId);
    const anonymousList = await list.getAttribute('data-recommendation-id');

    await page.getByRole('button', { name: 'Sign in as alice' }).click();
    // alice's own list (another request), not the anonymous one still on screen.
    await expect.poll(() => list.getAttribute('data-recommendation-id'), { timeout: 20_000 }).not.toBe(anonymousList);
    // The home grid asks for the whole catalog: all of it but the product bought before signing in.
    await expect.poll(items, { timeout: 20_000 }).toHaveLength(15);
    expect(await items()).not.toContain(itemId);

    // The recommender joins by the session: alice on this session, before any signed-in event has arrived.
    const query = new URLSearchParams({ user: 'alice', session: purchase.sessionId, count: '16' });
    const answer = (await (await fetch(new URL(`/api/recommendations?${query}`, urls.demo))).json()) as {
      itemList: { itemId: string }[];
    };
    expect(answer.itemList.map((item) => item.itemId)).not.toContain(itemId);
    expect(answer.itemList).toHaveLength(15);
    await page.close();
  });

  it('stops every server on Ctrl-C', async () => {
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    server.kill('SIGINT');
    expect(await exited).toBe(0);
    await expect(fetch(urls.demo)).rejects.toThrow();
    await expect(fetch(`${urls.endpoint}/api/events`)).rejects.toThrow();
  });
});
