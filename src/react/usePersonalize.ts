'use client';
import type { Recorder } from '../core/types';
import { useRecorderContext } from './PersonalizeContext';

/**
 * The recorder of the nearest `PersonalizeProvider`. Reading it never re-renders the component.
 * Throws an Error that names `PersonalizeProvider` when there is none.
 * @example
 * const recorder = usePersonalize();
 * useEffect(() => () => void recorder.flush(), [recorder]);
 */
export function usePersonalize(): Recorder {
  return useRecorderContext('usePersonalize()');
}
