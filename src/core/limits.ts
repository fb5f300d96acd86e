/** Limits of the PutEvents model (personalize-events 2018-03-22). */
export const LIMITS = {
  /** Characters of trackingId, sessionId, userId, eventId, eventType, itemId and each impression item. */
  id: 256,
  /** Characters of `recommendationId`. */
  recommendationId: 40,
  /** Characters of `properties` as JSON. */
  properties: 1024,
  /** Item IDs in `impression`. */
  impression: 25,
  /** Events in one PutEvents call. */
  eventsPerBatch: 10,
  /** Characters of `metricAttribution.eventAttributionSource`. */
  eventAttributionSource: 1024,
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
