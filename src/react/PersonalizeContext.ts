'use client';
import { createContext, useContext } from 'react';
import type { Recorder } from '../core/types';

/** The recorder of the nearest `PersonalizeProvider`; internal, read through `usePersonalize()`. */
export const PersonalizeContext = createContext<Recorder | null>(null);
PersonalizeContext.displayName = 'PersonalizeContext';

/** Reads the nearest provider's recorder; throws an Error naming `caller` and `PersonalizeProvider` outside one. */
export function useRecorderContext(caller: string): Recorder {
  const recorder = useContext(PersonalizeContext);
  if (!recorder) {
    throw new Error(`${caller}: no <PersonalizeProvider> above`);
  }
  return recorder;
}
