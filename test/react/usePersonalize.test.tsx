import { render, renderHook } from '@testing-library/react';
import { usePersonalize } from 'react-personalize';
import { createTestRecorder } from 'react-personalize/test-utils';

function Orphan() {
  usePersonalize();
  return null;
}

describe('usePersonalize', () => {
  it('returns the recorder of the nearest provider', () => {
    const { recorder, wrapper } = createTestRecorder();
    const { result } = renderHook(() => usePersonalize(), { wrapper });
    expect(result.current).toBe(recorder);
  });

  it('throws an Error naming PersonalizeProvider outside one', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<Orphan />)).toThrow(/^usePersonalize\(\): no <PersonalizeProvider> above$/);
  });
});
