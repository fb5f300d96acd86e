// The page of bench/render.mjs: one list of N items mounted four ways (plain, plain with a bare IntersectionObserver
// on every item, ImpressionTracker + useImpression, react-intersection-observer's useInView per item) and a click loop, driven from Playwright through `window.bench`.
import { useEffect, useRef } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { useInView } from 'react-intersection-observer';
import {
  createRecorder,
  ImpressionTracker,
  PersonalizeProvider,
  type Recorder,
  useImpression,
  useTrackEvent,
} from 'react-personalize';

type Variant = 'plain' | 'observed' | 'tracked' | 'inView';
interface Item {
  itemId: string;
  title: string;
}

const RECOMMENDATION_ID = 'RID-bench-0123456789';
const itemsOf = (count: number): Item[] =>
  Array.from({ length: count }, (_, i) => ({ itemId: `item-${i}`, title: `Recommended item number ${i}` }));

let sent = 0;
const newRecorder = (): Recorder =>
  createRecorder({
    transport: {
      async send(batch) {
        sent += batch.eventList.length;
      },
    },
  });

function PlainItem({ item, onClick }: { item: Item; onClick?: () => void }) {
  return (
    <li className="item" data-item={item.itemId}>
      <button type="button" onClick={onClick}>
        {item.title}
      </button>
    </li>
  );
}

function TrackedItem({ item }: { item: Item }) {
  const ref = useImpression(item.itemId);
  const track = useTrackEvent();
  return (
    <li ref={ref} className="item" data-item={item.itemId}>
      <button type="button" onClick={() => track({ eventType: 'click', itemId: item.itemId })}>
        {item.title}
      </button>
    </li>
  );
}

/** What an app writes by hand with react-intersection-observer: one observer entry per item, state per item. */
function InViewItem({ item, seen, recorder }: { item: Item; seen: Set<string>; recorder: Recorder }) {
  const { ref, inView } = useInView({ threshold: 0.5 });
  useEffect(() => {
    if (inView) seen.add(item.itemId);
  }, [inView, item.itemId, seen]);
  return (
    <li ref={ref} className="item" data-item={item.itemId}>
      <button
        type="button"
        onClick={() =>
          recorder.record({
            eventType: 'click',
            itemId: item.itemId,
            recommendationId: RECOMMENDATION_ID,
            impression: [...seen].slice(0, 25),
          })
        }
      >
        {item.title}
      </button>
    </li>
  );
}

/** The floor of any visibility tracking: one IntersectionObserver on every item, with a callback that does nothing. */
function ObservedList({ items }: { items: Item[] }) {
  const ref = useRef<HTMLUListElement>(null);
  useEffect(() => {
    const observer = new IntersectionObserver(() => {}, { threshold: [0.5] });
    for (const element of ref.current!.children) observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <ul ref={ref} className="list">
      {items.map((item) => (
        <PlainItem key={item.itemId} item={item} onClick={() => {}} />
      ))}
    </ul>
  );
}

function List({ variant, items, recorder }: { variant: Variant; items: Item[]; recorder: Recorder }) {
  if (variant === 'observed') return <ObservedList items={items} />;
  if (variant === 'plain') {
    return (
      <ul className="list">
        {items.map((item) => (
          <PlainItem key={item.itemId} item={item} onClick={() => {}} />
        ))}
      </ul>
    );
  }
  if (variant === 'tracked') {
    return (
      <PersonalizeProvider recorder={recorder}>
        <ImpressionTracker
          as="ul"
          className="list"
          recommendationId={RECOMMENDATION_ID}
          itemIds={items.map((item) => item.itemId)}
        >
          {items.map((item) => (
            <TrackedItem key={item.itemId} item={item} />
          ))}
        </ImpressionTracker>
      </PersonalizeProvider>
    );
  }
  const seen = new Set<string>();
  return (
    <ul className="list">
      {items.map((item) => (
        <InViewItem key={item.itemId} item={item} seen={seen} recorder={recorder} />
      ))}
    </ul>
  );
}

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
const microtasks = async () => {
  for (let i = 0; i < 4; i++) await Promise.resolve();
};

let root: Root | undefined;
let recorder: Recorder | undefined;

const bench = {
  /** Mounts the list synchronously; returns ms from render() to layout done, and to the next frame. */
  async mount(variant: Variant, count: number) {
    recorder = newRecorder();
    const container = document.getElementById('root')!;
    root = createRoot(container);
    const items = itemsOf(count);
    const start = performance.now();
    flushSync(() => root!.render(<List variant={variant} items={items} recorder={recorder!} />));
    document.body.getBoundingClientRect();
    const laidOut = performance.now();
    await frame();
    const painted = performance.now();
    // Let first observer callbacks (and the state updates useInView makes from them) settle.
    await frame();
    await frame();
    return { layout: laidOut - start, toFrame: painted - start, items: container.querySelectorAll('.item').length };
  },
  /** Scrolls the page by `step` px per animation frame for `frames` frames; returns the frame intervals in ms. */
  async scroll(frames: number, step: number) {
    const intervals: number[] = [];
    let last = await frame();
    for (let i = 0; i < frames; i++) {
      window.scrollBy(0, step);
      const now = await frame();
      intervals.push(now - last);
      last = now;
    }
    await frame();
    await frame();
    return intervals;
  },
  /** Clicks items `count` times, letting microtasks run after each click as a real click would; returns ms. */
  async clicks(count: number) {
    const elements = [...document.querySelectorAll<HTMLElement>('.item button')].slice(0, 10);
    const start = performance.now();
    for (let i = 0; i < count; i++) {
      elements[i % elements.length].click();
      await microtasks();
    }
    return performance.now() - start;
  },
  async unmount() {
    root?.unmount();
    root = undefined;
    await recorder?.close();
    recorder = undefined;
    localStorage.clear();
    window.scrollTo(0, 0);
    await frame();
    return sent;
  },
  wait: (ms: number) => new Promise((resolve) => setTimeout(resolve, ms)),
};

(window as unknown as { bench: typeof bench }).bench = bench;
