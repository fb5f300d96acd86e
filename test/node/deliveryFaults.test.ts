// Nothing lost, nothing more than twice, in real Chromium against the local endpoint, which counts the deliveries
// of every eventId: hung requests, offline then online, a reload as the network returns, a tab closed or crashed
// while another stays open, the AWS transport at page exit soon after mount, storage that throws or is full. The
// pages load the library bundled from src/ by esbuild (see bench/lib/deliveryLab.mjs, shared with the benchmark).
import { fileURLToPath } from 'node:url';
import {
  BLOCK_STORAGE,
  type DeliveryLab,
  deadTab,
  FILL_STORAGE,
  hungRequests,
  reloadDuringReconnect,
  startDeliveryLab,
  waitFor,
} from '../../bench/lib/deliveryLab.mjs';
import * as endpoint from '../../src/endpoint';
import * as server from '../../src/server';

const source = (path: string) => fileURLToPath(new URL(`../../src/${path}`, import.meta.url));

let lab: DeliveryLab;
beforeAll(async () => {
  lab = await startDeliveryLab({
    sources: { core: source('core/index.ts'), aws: source('aws/index.ts') },
    endpoint,
    server,
  });
});
afterAll(async () => {
  await lab?.close();
});
beforeEach(() => {
  lab.reset();
});

/** Every event arrived, none more than twice. */
function expectDeliveredAtMostTwice(deliveries: number[]) {
  expect(deliveries.filter((count) => count === 0)).toEqual([]);
  expect(Math.max(...deliveries)).toBeLessThanOrEqual(2);
}

describe('createRecorder in Chromium, delivery under faults', () => {
  it('loses nothing when requests hang: each is abandoned at requestTimeout and its batch retried', async () => {
    const result = await hungRequests(lab);
    expect(result.lost).toBe(0);
    expectDeliveredAtMostTwice(result.deliveries);
    expect(result.errors.filter((error) => error.code === 'queue-full')).toEqual([]);
  });

  it('delivers what was recorded offline once the network returns', async () => {
    const context = await lab.browser.newContext();
    try {
      const tab = await lab.open(context, 'flushInterval=200');
      await context.setOffline(true);
      const ids = await lab.record(tab, 25, 'offline-');
      await tab.waitForTimeout(1_000);
      expect(lab.deliveries(ids).every((count) => count === 0)).toBe(true);
      await context.setOffline(false);
      await waitFor(lab.arrived(ids), 'the events recorded offline');
      await tab.waitForTimeout(1_000);
      expectDeliveredAtMostTwice(lab.deliveries(ids));
    } finally {
      await context.close();
    }
  });

  it.each(['aws', 'http'] as const)(
    'delivers each event at most twice when the page reloads as the network returns (%s transport)',
    async (transport) => {
      const { deliveries } = await reloadDuringReconnect(lab, { transport });
      expectDeliveredAtMostTwice(deliveries);
    },
  );

  it.each([
    ['closed', 'close'],
    ['crashed', 'crash'],
  ] as const)("delivers a %s tab's queue from another open tab within 15 seconds", async (_, how) => {
    const { deliveries, own, seconds } = await deadTab(lab, { how });
    expectDeliveredAtMostTwice(deliveries);
    expectDeliveredAtMostTwice(lab.deliveries(own));
    expect(seconds).toBeLessThanOrEqual(15);
  });

  it('sends with the AWS transport what was recorded just before navigating away, a few seconds after mount', async () => {
    const context = await lab.browser.newContext();
    try {
      const tab = await lab.open(context, 'transport=aws&flushInterval=60000');
      await tab.waitForTimeout(3_000);
      const ids = await lab.record(tab, 3, 'exit-');
      // location.replace: no back/forward cache, where even a plain request would live on.
      await tab.evaluate((url) => location.replace(url), `${lab.base}/plain`);
      await tab.waitForURL(`${lab.base}/plain`);
      await waitFor(lab.arrived(ids), 'the events sent at page exit', 15_000);
      expectDeliveredAtMostTwice(lab.deliveries(ids));
    } finally {
      await context.close();
    }
  });

  it.each([
    ['throws on access', BLOCK_STORAGE, 'persistence: localStorage throws; events kept in memory'],
    ['is full', FILL_STORAGE, 'persistence: storage full or blocked; events kept in memory'],
  ])('reports once a storage that %s and delivers everything from memory', async (_, script, message) => {
    const context = await lab.browser.newContext();
    try {
      await context.addInitScript(script);
      const tab = await lab.open(context, 'flushInterval=200');
      lab.down(true);
      const ids = await lab.record(tab, 15, 'storage-');
      await waitFor(() => lab.endpoint.requests().some((request) => request.fault), 'a refused request');
      lab.down(false);
      await waitFor(lab.arrived(ids), 'the events kept in memory');
      expectDeliveredAtMostTwice(lab.deliveries(ids));
      const errors = await lab.errors(tab);
      expect(errors.filter((error) => error.code === 'storage')).toEqual([expect.objectContaining({ message })]);
    } finally {
      await context.close();
    }
  });
});
