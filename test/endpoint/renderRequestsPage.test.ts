// @vitest-environment node
import { renderRequestsPage } from '../../src/endpoint/renderRequestsPage';
import type { LocalEndpointRequest } from '../../src/endpoint/startLocalEndpoint';

const summary = { url: 'http://127.0.0.1:4599', requests: 2, events: 1, uniqueEventIds: 1, duplicates: 0 };

function request(overrides: Partial<LocalEndpointRequest>): LocalEndpointRequest {
  return {
    requestId: 'r',
    receivedAt: '2025-06-01T12:00:00.123Z',
    method: 'POST',
    path: '/events',
    status: 200,
    signature: 'valid',
    eventCount: 1,
    issues: [],
    duplicates: [],
    body: { trackingId: 't', sessionId: 's', eventList: [{ eventId: 'e1', eventType: 'click', sentAt: 1 }] },
    ...overrides,
  };
}

describe('renderRequestsPage', () => {
  it('lists requests in the order given, with their verdicts and events', () => {
    const html = renderRequestsPage(
      [
        request({
          status: 400,
          errorType: 'InvalidInputException',
          issues: [
            {
              field: 'eventList',
              rule: 'must hold 1–10 events (got 0)',
              message: 'eventList must hold 1–10 events (got 0)',
            },
          ],
          eventCount: 0,
          body: { eventList: [] },
        }),
        request({ sessionId: 'session-7', userId: 'user-7', duplicates: ['e1'] }),
      ],
      summary,
    );
    expect(html.indexOf('InvalidInputException')).toBeLessThan(html.indexOf('<span class="ok">accepted</span>'));
    expect(html).toContain('<li>eventList must hold 1–10 events (got 0)</li>');
    expect(html).toContain('session session-7<br>user user-7');
    expect(html).toContain('<b>click</b>');
    expect(html).toContain('<span class="dup">duplicate</span>');
  });

  it('escapes what the caller sent', () => {
    const html = renderRequestsPage(
      [request({ sessionId: '<script>alert(1)</script>', body: { eventList: [{ eventType: '"><img src=x>' }] } })],
      summary,
    );
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('refreshes itself and says when nothing has arrived', () => {
    const html = renderRequestsPage([], { ...summary, requests: 0 });
    expect(html).toContain('<meta http-equiv="refresh" content="2">');
    expect(html).toContain('Nothing has arrived yet.');
  });
});
