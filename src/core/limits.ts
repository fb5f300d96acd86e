/** Limits of the PutEvents model (personalize-events 2018-03-22). */
export const LIMITS = {
  /** trackingId, sessionId, userId, eventId, eventType, itemId, each impression item. */
  id: 256,
  recommendationId: 40,
  properties: 1024,
  impression: 25,
  eventsPerBatch: 10,
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
