// @vitest-environment node
import { type Browser, chromium, type Page } from 'playwright';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { renderRequestsPage } from '../../src/endpoint/renderRequestsPage';
import { type LocalEndpoint, startLocalEndpoint } from '../../src/endpoint/startLocalEndpoint';

const sentAt = 1_764_000_000;

let browser: Browser;
let endpoint: LocalEndpoint;
let page: Page;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  endpoint = await startLocalEndpoint({ credentials: 'any' });
  page = await browser.newPage();
});
afterEach(async () => {
  await page?.close();
  await endpoint?.close();
});

function post(body: unknown) {
  return fetch(`${endpoint.url}/events`, { method: 'POST', body: JSON.stringify(body) });
}

describe('renderRequestsPage', () => {
  it('updates live without reloading: what was opened stays open as new requests arrive', async () => {
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    const favicon = page.waitForResponse((response) => response.url().endsWith('/favicon.svg'));
    await page.goto(`${endpoint.url}/`);
    expect((await favicon).status()).toBe(200);
    await expect.poll(() => page.locator('#live').textContent()).toBe('live');
    expect(await page.locator('#empty').textContent()).toBe('Nothing has arrived yet.');

    await post({ trackingId: 't', sessionId: 's1', eventList: [{ eventId: 'first', eventType: 'click', sentAt }] });
    const first = page.locator('li.request', { hasText: 'first' });
    await first.waitFor();
    await first.locator('details > summary').click();
    expect(await first.locator('details').getAttribute('open')).toBe('');

    await post({ trackingId: 't', sessionId: 's1', eventList: [{ eventId: 'second', eventType: 'view', sentAt }] });
    await expect.poll(() => page.locator('li.request').count()).toBe(2);
    // Newest first; the first row is the same node, still open.
    expect(await page.locator('li.request .event-id .value').allTextContents()).toEqual(['second', 'first']);
    expect(await first.locator('details').getAttribute('open')).toBe('');
    expect(navigations).toHaveLength(1);
    expect(await page.locator('#summary').textContent()).toContain('2 event(s) accepted');
  });

  it("shows every event's impression IDs and recommendationId in full, and each refused field with its rule", async () => {
    const impression = Array.from({ length: 25 }, (_, index) => `item-${index}-${'i'.repeat(200)}`);
    await post({
      trackingId: 't',
      sessionId: 'session-a',
      userId: 'user-a',
      eventList: [
        { eventId: 'e1', eventType: 'impression', sentAt, impression, recommendationId: 'r'.repeat(40) },
        { eventId: 'e1', eventType: 'impression', sentAt, impression: ['x'] },
      ],
    });
    await post({
      trackingId: 't',
      sessionId: 'session-b',
      eventList: [{ eventType: 'click', sentAt, itemId: '' }, { eventType: 'click' }],
    });
    await page.goto(`${endpoint.url}/`);
    await expect.poll(() => page.locator('li.request').count()).toBe(2);

    const accepted = page.locator('li.request.ok');
    expect(await accepted.locator('.recommendation-id .value').textContent()).toBe('r'.repeat(40));
    expect(await accepted.locator('ol.impression').first().locator('li').allTextContents()).toEqual(impression);
    // The second e1 of the request is the duplicate.
    expect(
      await accepted.locator('li.event').evaluateAll((items) => items.map((item) => !!item.querySelector('.dup'))),
    ).toEqual([false, true]);

    const refused = page.locator('li.request.bad');
    const issues = await refused
      .locator('li.issue')
      .evaluateAll((items) =>
        items.map((item) => [
          item.querySelector('.issue-field')?.textContent,
          item.querySelector('.issue-rule')?.textContent,
        ]),
      );
    expect(issues).toEqual([
      ['eventList[0].itemId', '1–256 chars (got 0)'],
      ['eventList[1].sentAt', 'required'],
    ]);
  });

  it('filters by session, user and event type', async () => {
    await post({ trackingId: 't', sessionId: 'sess-1', userId: 'alice', eventList: [{ eventType: 'click', sentAt }] });
    await post({ trackingId: 't', sessionId: 'sess-2', userId: 'bob', eventList: [{ eventType: 'purchase', sentAt }] });
    await post({
      trackingId: 't',
      sessionId: 'sess-2',
      eventList: [
        { eventType: 'click', sentAt },
        { eventType: 'view', sentAt },
      ],
    });
    await page.goto(`${endpoint.url}/`);
    await expect.poll(() => page.locator('li.request').count()).toBe(3);
    const visibleSessions = () => page.locator('li.request:visible .session-id .value').allTextContents();

    await page.fill('#filter-session', 'sess-2');
    expect(await visibleSessions()).toEqual(['sess-2', 'sess-2']);
    await page.fill('#filter-user', 'bob');
    expect(await visibleSessions()).toEqual(['sess-2']);
    await page.fill('#filter-user', '');
    await page.fill('#filter-event-type', 'click');
    expect(await visibleSessions()).toEqual(['sess-2']);
    expect(await page.locator('li.event:visible .event-type').allTextContents()).toEqual(['click']);
    await page.fill('#filter-session', '');
    expect(await visibleSessions()).toEqual(['sess-2', 'sess-1']);
    await page.fill('#filter-event-type', 'nothing-like-it');
    expect(await page.locator('#empty').textContent()).toBe('No request matches the filters.');
  });

  it('shows an event with a script payload in every field as text, running nothing', async () => {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const payload = '<img src=x onerror=alert(1)>';
    const script = '<script>alert(2)</script>';
    await post({
      trackingId: payload,
      sessionId: payload,
      userId: script,
      eventList: [
        {
          eventId: payload,
          eventType: script,
          itemId: payload,
          recommendationId: payload,
          impression: [payload, script],
          properties: JSON.stringify({ note: payload }),
          metricAttribution: { eventAttributionSource: payload },
          eventValue: 1,
          sentAt,
        },
      ],
    });
    // Refused: a key made of markup, in the issue's field.
    await post({ trackingId: 't', sessionId: 's', eventList: [{ eventType: 'x', sentAt, [payload]: script }] });
    await page.goto(`${endpoint.url}/`);
    await expect.poll(() => page.locator('li.request').count()).toBe(2);
    await page.locator('details > summary').first().click();
    await page.locator('details > summary').last().click();

    // Nothing became markup: no element but the page's own inside the list.
    expect(await page.locator('#requests img, #requests script, #requests iframe').count()).toBe(0);
    const accepted = page.locator('li.request.ok');
    expect(await accepted.locator('.session-id .value').textContent()).toBe(payload);
    expect(await accepted.locator('.user-id .value').textContent()).toBe(script);
    expect(await accepted.locator('.event-type').textContent()).toBe(script);
    expect(await accepted.locator('.item-id .value').textContent()).toBe(payload);
    expect(await accepted.locator('.recommendation-id .value').textContent()).toBe(payload);
    expect(await accepted.locator('ol.impression li').allTextContents()).toEqual([payload, script]);
    expect(await accepted.locator('.properties .value').textContent()).toContain(payload);
    expect(await page.locator('li.issue .issue-field').textContent()).toBe(`eventList[0].${payload}`);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
  });
});

describe('renderRequestsPage (markup)', () => {
  it('puts the nonce on its one script and style, and keeps nothing but base64 of it', () => {
    const html = renderRequestsPage({ nonce: 'abc+/=" onload="x' });
    expect(html.match(/nonce="[^"]*"/g)).toEqual(['nonce="abc+/=onload=x"', 'nonce="abc+/=onload=x"']);
    expect(html).not.toContain('http-equiv="refresh"');
  });
});
