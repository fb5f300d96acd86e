/** What the page needs from the server that serves it. */
export interface RequestsPageOptions {
  /** The Content-Security-Policy nonce of this response: only the page's own script and style run. */
  nonce: string;
  /** How often the page asks for new requests, in ms. @default 1000 */
  pollInterval?: number;
}

/** The endpoint's favicon (served at `/favicon.svg` and `/favicon.ico`): a target, in SVG. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="#c33"/><circle cx="16" cy="16" r="10" fill="#fff"/><circle cx="16" cy="16" r="5" fill="#c33"/></svg>`;

/**
 * The page's script. It polls `/api/requests?since=n` and adds the new requests on top, leaving the rows already
 * shown (and whatever was opened in them) as they are; it builds every node with `textContent`, never HTML, so
 * nothing a request carried can run.
 */
const SCRIPT = `
'use strict';
const list = document.getElementById('requests');
const empty = document.getElementById('empty');
const summary = document.getElementById('summary');
const live = document.getElementById('live');
const filters = {
  session: document.getElementById('filter-session'),
  user: document.getElementById('filter-user'),
  eventType: document.getElementById('filter-event-type'),
};
let since = 0;

function el(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === 'string' || typeof child === 'number' ? String(child) : child);
  }
  return node;
}
const text = (value) => (typeof value === 'string' ? value : JSON.stringify(value) ?? String(value));
const field = (label, value, className) => el('span', 'field ' + (className || ''), el('span', 'label', label + ' '), el('span', 'value', text(value)));

function eventItem(event, duplicate) {
  const item = el('li', 'event');
  item.dataset.eventType = typeof event.eventType === 'string' ? event.eventType : '';
  const head = el('div', 'event-head', el('b', 'event-type', text(event.eventType ?? '?')));
  if (event.itemId !== undefined) head.append(' ', field('item', event.itemId, 'item-id'));
  if (event.eventValue !== undefined) head.append(' ', field('value', event.eventValue, 'event-value'));
  if (typeof event.sentAt === 'number') head.append(' ', field('sent', new Date(event.sentAt * 1000).toISOString(), 'sent-at'));
  if (event.eventId !== undefined) {
    head.append(' ', field('eventId', event.eventId, 'event-id'));
    if (duplicate) head.append(' ', el('span', 'dup', 'duplicate'));
  }
  item.append(head);
  if (event.recommendationId !== undefined) item.append(el('div', '', field('recommendationId', event.recommendationId, 'recommendation-id')));
  if (Array.isArray(event.impression)) {
    const ids = el('ol', 'impression');
    for (const id of event.impression) ids.append(el('li', '', text(id)));
    item.append(el('div', '', el('span', 'label', 'impression (' + event.impression.length + ') '), ids));
  }
  if (event.properties !== undefined) item.append(el('div', '', field('properties', event.properties, 'properties')));
  if (event.metricAttribution !== undefined) item.append(el('div', '', field('metricAttribution', event.metricAttribution, 'metric-attribution')));
  return item;
}

function requestItem(request) {
  const kind = request.status === 200 ? 'ok' : request.status >= 500 || request.fault ? 'warn' : 'bad';
  const row = el('li', 'request ' + kind);
  row.dataset.sequence = request.sequence;
  row.dataset.sessionId = request.sessionId ?? '';
  row.dataset.userId = request.userId ?? '';
  const head = el('div', 'request-head',
    el('span', 'status ' + kind, request.status),
    ' ', el('span', 'muted', request.receivedAt.slice(11, 23) + ' ' + request.method + ' ' + request.path),
    ' ', request.status === 200 ? el('span', 'verdict', 'accepted') : el('b', 'verdict', request.errorType ?? 'HTTP ' + request.status),
    request.fault ? el('span', 'muted', ' (injected fault)') : null);
  row.append(head);
  const who = el('div', 'who');
  if (request.sessionId !== undefined) who.append(field('session', request.sessionId, 'session-id'), ' ');
  if (request.userId !== undefined) who.append(field('user', request.userId, 'user-id'), ' ');
  who.append(el('span', 'muted', 'signature ' + request.signature + (request.accessKeyId ? ' (' + request.accessKeyId + ')' : '') + (request.origin ? ' · from ' + request.origin : '')));
  row.append(who);
  if (request.issues.length > 0) {
    const issues = el('ul', 'issues');
    for (const issue of request.issues) issues.append(el('li', 'issue', el('code', 'issue-field', issue.field), ' ', el('span', 'issue-rule', issue.rule)));
    if (request.moreIssues) issues.append(el('li', 'muted', 'and ' + request.moreIssues + ' more'));
    row.append(issues);
  } else if (request.status !== 200 && request.message) {
    row.append(el('div', 'message muted', request.message));
  }
  const body = request.body;
  if (request.status === 200 && body && Array.isArray(body.eventList)) {
    // duplicates lists an eventId once per repeated arrival: the last occurrences of it in the request are those.
    const count = (ids) => ids.reduce((counts, id) => counts.set(String(id), (counts.get(String(id)) ?? 0) + 1), new Map());
    const repeated = count(request.duplicates);
    const occurrences = count(body.eventList.map((event) => event && event.eventId));
    const seen = new Map();
    const events = el('ul', 'events');
    for (const value of body.eventList) {
      const event = value && typeof value === 'object' ? value : {};
      const id = String(event.eventId);
      const index = seen.get(id) ?? 0;
      seen.set(id, index + 1);
      const duplicate = event.eventId !== undefined && index >= (occurrences.get(id) ?? 0) - (repeated.get(id) ?? 0);
      events.append(eventItem(event, duplicate));
    }
    row.append(events);
  }
  if (body !== undefined) {
    row.append(el('details', 'body', el('summary', '', 'body'), el('pre', '', typeof body === 'string' ? body : JSON.stringify(body, null, 2))));
  }
  return row;
}

function matches(row) {
  const session = filters.session.value.trim();
  const user = filters.user.value.trim();
  const eventType = filters.eventType.value.trim();
  if (session && !row.dataset.sessionId.includes(session)) return false;
  if (user && !row.dataset.userId.includes(user)) return false;
  if (eventType) {
    let any = false;
    for (const event of row.querySelectorAll('li.event')) {
      const shown = event.dataset.eventType.includes(eventType);
      event.hidden = !shown;
      any = any || shown;
    }
    if (!any) return false;
  } else {
    for (const event of row.querySelectorAll('li.event')) event.hidden = false;
  }
  return true;
}

function applyFilters() {
  let shown = 0;
  for (const row of list.children) {
    row.hidden = !matches(row);
    if (!row.hidden) shown++;
  }
  empty.hidden = shown > 0;
  empty.textContent = list.children.length === 0 ? 'Nothing has arrived yet.' : 'No request matches the filters.';
}

async function poll() {
  try {
    const response = await fetch('/api/requests?since=' + since, { cache: 'no-store' });
    if (!response.ok) throw new Error('HTTP ' + response.status);
    const data = await response.json();
    if (data.sequence < since) {
      // The endpoint restarted: start over.
      list.replaceChildren();
      since = 0;
      return poll();
    }
    for (const request of data.requests.slice().reverse()) list.prepend(requestItem(request));
    since = data.sequence;
    for (const row of [...list.children]) if (Number(row.dataset.sequence) < data.oldestSequence) row.remove();
    summary.textContent = list.children.length + ' request(s) listed · ' + data.events + ' event(s) accepted · ' + data.uniqueEventIds + ' distinct eventId(s) · ' + data.duplicates + ' duplicate(s)';
    live.textContent = 'live';
    live.className = 'live ok';
    applyFilters();
  } catch (error) {
    live.textContent = 'endpoint unreachable (' + error.message + ')';
    live.className = 'live bad';
  }
}

for (const input of Object.values(filters)) input.addEventListener('input', applyFilters);
poll();
setInterval(poll, POLL_INTERVAL);
`;

/**
 * The endpoint's `GET /` page: an event inspector that updates itself live (it polls `/api/requests`), newest request
 * first, each with its verdict, every event's fields in full (impression IDs, recommendationId) and each refused
 * field with its rule, filtered by session, user and event type. Everything a request carried is shown as text.
 */
export function renderRequestsPage(options: RequestsPageOptions): string {
  const nonce = options.nonce.replace(/[^A-Za-z0-9+/=]/g, '');
  const script = SCRIPT.replace('POLL_INTERVAL', String(options.pollInterval ?? 1000));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Local Personalize endpoint</title>
<link rel="icon" type="image/svg+xml" href="/favicon.svg">
<style nonce="${nonce}">
  body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #222; }
  ol, ul { margin: .2rem 0; padding-left: 1.1rem; }
  #requests { list-style: none; padding: 0; }
  .request { border-bottom: 1px solid #ddd; padding: .5rem 0; }
  .filters input { margin-right: 1rem; }
  pre { font-size: 12px; max-width: 60rem; overflow: auto; background: #f7f7f7; padding: .4rem; }
  .muted, .label { color: #777; font-size: 12px; }
  .value { overflow-wrap: anywhere; }
  .status { font-weight: bold; padding: 0 .4rem; border-radius: 3px; color: #fff; }
  .status.ok { background: #2a7; } .status.bad { background: #c33; } .status.warn { background: #d80; }
  .live.ok { color: #2a7; } .live.bad { color: #c33; }
  .dup { background: #fe8; padding: 0 .3rem; border-radius: 3px; }
  .issue-field { background: #fdd; padding: 0 .2rem; }
  code { background: #f3f3f3; padding: 0 .2rem; }
</style>
</head>
<body>
<h1>Local Personalize endpoint</h1>
<p>PutEvents at <code>POST /events</code> · JSON at <a href="/api/requests">/api/requests</a> and
 <a href="/api/events">/api/events</a> · <span id="live" class="live">connecting…</span></p>
<p id="summary"></p>
<p class="filters">
 <label>session <input id="filter-session" type="search" autocomplete="off"></label>
 <label>user <input id="filter-user" type="search" autocomplete="off"></label>
 <label>event type <input id="filter-event-type" type="search" autocomplete="off"></label>
</p>
<p id="empty" class="muted">Nothing has arrived yet.</p>
<ol id="requests"></ol>
<script nonce="${nonce}">${script}</script>
</body>
</html>
`;
}
