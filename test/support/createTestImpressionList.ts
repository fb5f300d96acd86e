import { createTestRecorder } from 'react-personalize/test-utils';
import { createImpressionList, type ImpressionListConfig } from '../../src/react/createImpressionList';

/**
 * An impression list on a test recorder: list 'rec-1' of items a, b and c, counted at half on screen for 1 s, viewed
 * as 'view' events; `overrides` replace any of its config.
 */
export function createTestImpressionList(overrides: Partial<ImpressionListConfig> = {}) {
  const { recorder, recorded } = createTestRecorder();
  const config: ImpressionListConfig = {
    recorder,
    recommendationId: 'rec-1',
    itemIds: ['a', 'b', 'c'],
    threshold: 0.5,
    minDwellMs: 1000,
    viewEventType: 'view',
    ...overrides,
  };
  return { list: createImpressionList(config), config, recorder, recorded };
}
