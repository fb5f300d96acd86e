import type { LocalEndpointRequest } from './startLocalEndpoint';

/** Totals shown above the list. */
export interface RequestsPageSummary {
  /** The endpoint's base URL. */
  url: string;
  /** Requests listed. */
  requests: number;
  /** Events accepted, duplicates included. */
  events: number;
  /** Distinct eventIds accepted. */
  uniqueEventIds: number;
  /** Accepted events whose eventId had arrived before. */
  duplicates: number;
}

/** Rows shown on the page; `/api/requests` has them all. */
const PAGE_ROWS = 200;

function escapeHtml(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function verdict(request: LocalEndpointRequest): string {
  if (request.status === 200) return '<span class="ok">accepted</span>';
  const head = `<b>${escapeHtml(request.errorType ?? `HTTP ${request.status}`)}</b>`;
  if (request.fault) return `${head} <span class="muted">(injected fault)</span>`;
  if (request.issues.length > 0) {
    return `${head}<ul>${request.issues.map((issue) => `<li>${escapeHtml(issue.message)}</li>`).join('')}</ul>`;
  }
  return `${head}<div class="muted">${escapeHtml(request.message ?? '')}</div>`;
}

function eventRows(request: LocalEndpointRequest): string {
  const body = request.body as { eventList?: unknown } | undefined;
  const list = body && typeof body === 'object' && Array.isArray(body.eventList) ? body.eventList : [];
  const duplicates = new Set(request.duplicates);
  return list
    .map((value: unknown) => {
      const event = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
      const parts = [`<b>${escapeHtml(event.eventType ?? '?')}</b>`];
      if (event.itemId !== undefined) parts.push(`item ${escapeHtml(event.itemId)}`);
      if (event.recommendationId !== undefined) parts.push(`rec ${escapeHtml(event.recommendationId)}`);
      if (Array.isArray(event.impression)) parts.push(`${event.impression.length} impression(s)`);
      if (event.eventId !== undefined) {
        const duplicate = duplicates.has(String(event.eventId)) ? ' <span class="dup">duplicate</span>' : '';
        parts.push(`<span class="muted">${escapeHtml(event.eventId)}</span>${duplicate}`);
      }
      return `<li>${parts.join(' · ')}</li>`;
    })
    .join('');
}

function row(request: LocalEndpointRequest): string {
  const status = request.status === 200 ? 'ok' : request.status >= 500 || request.fault ? 'warn' : 'bad';
  const who = [
    request.sessionId !== undefined ? `session ${escapeHtml(request.sessionId)}` : '',
    request.userId !== undefined ? `user ${escapeHtml(request.userId)}` : '',
  ]
    .filter(Boolean)
    .join('<br>');
  return `<tr>
  <td class="muted">${escapeHtml(request.receivedAt.slice(11, 23))}<br>${escapeHtml(request.method)} ${escapeHtml(request.path)}</td>
  <td><span class="status ${status}">${request.status}</span></td>
  <td>${verdict(request)}</td>
  <td>${who}<div class="muted">signature ${escapeHtml(request.signature)}${request.accessKeyId ? ` (${escapeHtml(request.accessKeyId)})` : ''}${request.origin ? `<br>from ${escapeHtml(request.origin)}` : ''}</div></td>
  <td>${request.eventCount}<ul>${eventRows(request)}</ul>
    <details><summary>body</summary><pre>${escapeHtml(JSON.stringify(request.body, null, 2) ?? '')}</pre></details></td>
</tr>`;
}

/** The endpoint's `GET /` page: what arrived, newest first, with each request's verdict. Refreshes itself. */
export function renderRequestsPage(requests: LocalEndpointRequest[], summary: RequestsPageSummary): string {
  const rows = requests.slice(0, PAGE_ROWS).map(row).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="2">
<title>Local Personalize endpoint</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #222; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; vertical-align: top; padding: .4rem .6rem; border-bottom: 1px solid #ddd; }
  ul { margin: .2rem 0; padding-left: 1.1rem; }
  pre { font-size: 12px; max-width: 60rem; overflow: auto; }
  .muted { color: #777; font-size: 12px; }
  .status { font-weight: bold; padding: 0 .4rem; border-radius: 3px; color: #fff; }
  .status.ok, .ok { background: #2a7; color: #fff; } .ok { padding: 0 .4rem; border-radius: 3px; }
  .status.bad { background: #c33; } .status.warn { background: #d80; }
  .dup { background: #fe8; padding: 0 .3rem; border-radius: 3px; }
  code { background: #f3f3f3; padding: 0 .2rem; }
</style>
</head>
<body>
<h1>Local Personalize endpoint</h1>
<p>PutEvents at <code>POST ${escapeHtml(summary.url)}/events</code> · JSON at <a href="/api/requests">/api/requests</a>
 and <a href="/api/events">/api/events</a> · refreshes every 2 s</p>
<p>${summary.requests} request(s) listed · ${summary.events} event(s) accepted · ${summary.uniqueEventIds} distinct eventId(s) ·
 ${summary.duplicates} duplicate(s)</p>
${
  requests.length === 0
    ? '<p class="muted">Nothing has arrived yet.</p>'
    : `<table>
<thead><tr><th>time</th><th>status</th><th>verdict</th><th>session / user</th><th>events</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
}
</body>
</html>
`;
}
