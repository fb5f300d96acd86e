'use client';
import {
  type ComponentPropsWithoutRef,
  type ComponentRef,
  type ElementType,
  type ForwardedRef,
  forwardRef,
  type ReactElement,
  type ReactNode,
  type Ref,
  useContext,
  useEffect,
  useRef,
  useState,
} from 'react';
import { createImpressionList, type ImpressionListConfig } from './createImpressionList';
import { ImpressionListContext } from './ImpressionListContext';
import { useRecorderContext } from './PersonalizeContext';
import { useIsomorphicLayoutEffect } from './useIsomorphicLayoutEffect';

/** The tracker's own props (the rest go to the element it renders). */
export interface ImpressionTrackerOwnProps {
  /** The `recommendationId` of the response the items came from; a new one starts counting afresh. */
  recommendationId?: string | undefined;
  /** The items of the list, in the order shown. */
  itemIds: readonly string[];
  /** Share of an element (0–1) that must be on screen for it to count as seen. @default 0.5 */
  threshold?: number | undefined;
  /**
   * How long, in ms, that share must stay on screen without a break in a visible tab, on the recorder's clock and
   * timers. @default 1000
   */
  minDwellMs?: number | undefined;
  /** When set, records one event of this type per item the first time it is seen. */
  viewEventType?: string | undefined;
  /** The items, each marking its element with `useImpression(itemId)`. */
  children?: ReactNode | undefined;
}

/** Props of `ImpressionTracker` rendered as `as` (default `div`): its own props plus that element's props. */
export type ImpressionTrackerProps<As extends ElementType = 'div'> = ImpressionTrackerOwnProps & {
  /** The element (or component) to render. @default 'div' */
  as?: As | undefined;
} & Omit<ComponentPropsWithoutRef<As>, keyof ImpressionTrackerOwnProps | 'as'>;

/** `ImpressionTracker`'s call signature: generic over `as`, with the ref of the element it renders. */
export type ImpressionTrackerComponent = (<As extends ElementType = 'div'>(
  props: ImpressionTrackerProps<As> & { ref?: Ref<ComponentRef<As>> | undefined },
) => ReactElement | null) & { displayName?: string };

/** Points `ref` at `value`; returns the function that detaches it again. */
function attachRef<T>(ref: ForwardedRef<T>, value: T): () => void {
  if (typeof ref === 'function') {
    const cleanup: unknown = ref(value);
    // React 19 ref callbacks may return a cleanup, which replaces the call with null.
    return typeof cleanup === 'function' ? (cleanup as () => void) : () => ref(null);
  }
  if (ref) ref.current = value;
  return () => {
    if (ref) ref.current = null;
  };
}

function ImpressionTrackerRender(
  {
    recommendationId,
    itemIds,
    threshold = 0.5,
    minDwellMs = 1000,
    viewEventType,
    as: Tag = 'div',
    children,
    ...rest
  }: ImpressionTrackerOwnProps & { as?: ElementType },
  forwardedRef: ForwardedRef<Element>,
) {
  const recorder = useRecorderContext('<ImpressionTracker>');
  const parent = useContext(ImpressionListContext);
  const config: ImpressionListConfig = {
    recorder,
    recommendationId,
    // Tolerates a JavaScript caller's `data?.itemList.map(…)` while the list loads: no items yet, no crash.
    itemIds: itemIds ?? [],
    // IntersectionObserver throws a RangeError outside 0–1; a bad prop must not break the page.
    threshold: Number.isFinite(threshold) ? Math.min(1, Math.max(0, threshold)) : 0.5,
    // Any dwell of 0 or less counts an element as soon as it is on screen.
    minDwellMs: Number.isFinite(minDwellMs) ? minDwellMs : 1000,
    viewEventType,
    parent,
    now: recorder.clock?.now,
    timers: recorder.clock?.timers,
  };
  const [list] = useState(() => createImpressionList(config));
  useIsomorphicLayoutEffect(() => {
    list.configure(config);
  });
  useEffect(() => list.connect(), [list]);

  // The list's ref keeps its identity for good: a parent passing a new ref callback on each render (an inline or
  // merged ref) must not make the list forget and re-observe the element, which would restart its dwell clock.
  const [containerRef] = useState(() => list.elementRef(undefined));
  const elementRef = useRef<Element | null>(null);
  const forwarded = useRef(forwardedRef);
  /** Detaches the forwarded ref from the element it was last given. */
  const detach = useRef<(() => void) | undefined>(undefined);
  const [ref] = useState(() => (element: Element | null) => {
    elementRef.current = element;
    containerRef(element);
    // The forwarded ref follows the element, whenever `as` renders another one.
    detach.current?.();
    detach.current = element ? attachRef(forwarded.current, element) : undefined;
  });
  // A new forwarded ref (an inline callback each render) takes the element over from the last one.
  useIsomorphicLayoutEffect(() => {
    if (forwarded.current === forwardedRef) return;
    forwarded.current = forwardedRef;
    detach.current?.();
    const element = elementRef.current;
    detach.current = element ? attachRef(forwardedRef, element) : undefined;
  }, [forwardedRef]);

  return (
    <ImpressionListContext.Provider value={list}>
      <Tag {...rest} ref={ref}>
        {children}
      </Tag>
    </ImpressionListContext.Provider>
  );
}

/**
 * Renders one element (`as`, default `div`) around a recommended list, forwards its ref and spreads the remaining
 * props onto it. It adds no DOM and no attributes of its own, so server markup equals the first client render.
 * Items mark their element with `useImpression(itemId)`; an item is seen once `threshold` of its element has been on
 * screen for `minDwellMs` without a break while the tab is visible (leaving the screen or hiding the tab restarts the
 * clock). Items without an element count as seen when the tracker's own element is. Where IntersectionObserver does
 * not exist nothing counts as seen, so an impression holds only the interacted item. Events recorded inside through
 * `useTrackEvent` for one of `itemIds` get `recommendationId` and `impression` (seen items, list order, at most 25
 * nearest the interacted one, always including it) unless they set them. Each (recommendationId, itemId) is seen once
 * per mounted tracker. Dwell is timed on the recorder's clock and timers (`recorder.clock`: its `now` and `timers`
 * options), so a recorder with injected ones drives the tracker too.
 * @example
 * <ImpressionTracker as="ul" recommendationId={rec.recommendationId} itemIds={rec.itemList.map((i) => i.itemId)}>
 *   {rec.itemList.map((item) => <Card key={item.itemId} item={item} />)}
 * </ImpressionTracker>
 */
export const ImpressionTracker = forwardRef(ImpressionTrackerRender) as unknown as ImpressionTrackerComponent;
ImpressionTracker.displayName = 'ImpressionTracker';
