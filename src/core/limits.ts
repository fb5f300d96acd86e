// Each limit is its own constant so the bundler writes the number where it is used; `LIMITS` gathers them for apps.

/** Characters of trackingId, sessionId, userId, eventId, eventType, itemId and each impression item. */
export const MAX_ID = 256;
/** Characters of `recommendationId`. */
export const MAX_RECOMMENDATION_ID = 40;
/** Characters of `properties` as JSON. */
export const MAX_PROPERTIES = 1024;
/** Item IDs in `impression`. */
export const MAX_IMPRESSION = 25;
/** Events in one PutEvents call. */
export const MAX_EVENTS_PER_BATCH = 10;
/** Characters of `metricAttribution.eventAttributionSource`. */
export const MAX_EVENT_ATTRIBUTION_SOURCE = 1024;

/** Limits of the PutEvents model (personalize-events 2018-03-22). */
export const LIMITS = {
  /** Characters of trackingId, sessionId, userId, eventId, eventType, itemId and each impression item. */
  id: MAX_ID,
  /** Characters of `recommendationId`. */
  recommendationId: MAX_RECOMMENDATION_ID,
  /** Characters of `properties` as JSON. */
  properties: MAX_PROPERTIES,
  /** Item IDs in `impression`. */
  impression: MAX_IMPRESSION,
  /** Events in one PutEvents call. */
  eventsPerBatch: MAX_EVENTS_PER_BATCH,
  /** Characters of `metricAttribution.eventAttributionSource`. */
  eventAttributionSource: MAX_EVENT_ATTRIBUTION_SOURCE,
} as const;

/** Keys that `properties` may not hold, in any case. */
export const FORBIDDEN_PROPERTY_KEYS = [
  'userId',
  'sessionId',
  'eventType',
  'timestamp',
  'recommendationId',
  'impression',
] as const;

/** The model's pattern for `metricAttribution.eventAttributionSource`: printable ASCII, not only spaces. */
export const ATTRIBUTION_SOURCE_PATTERN = /^[\x20-\x7E]*[\x21-\x7E]+[\x20-\x7E]*$/;
