/** What a typical React app imports from `react-personalize` (the imports of .size-limit.json's first row). */
export const typicalAppImports = [
  'PersonalizeProvider',
  'ImpressionTracker',
  'useImpression',
  'useTrackEvent',
  'createRecorder',
  'createHttpTransport',
];
