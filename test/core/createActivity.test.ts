import { createActivity } from '../../src/core/createActivity';
import { createRecorderError } from '../../src/core/createRecorderError';
import type { RecorderActivity } from '../../src/core/types';

const changed = { type: 'changed', snapshot: {} } as RecorderActivity;

describe('createActivity', () => {
  it('tells every listener until it unsubscribes', () => {
    const activity = createActivity(undefined);
    const heard: string[] = [];
    const stopA = activity.subscribe(() => heard.push('a'));
    activity.subscribe(() => heard.push('b'));
    activity.emit(changed);
    stopA();
    stopA();
    activity.emit(changed);
    expect(heard).toEqual(['a', 'b', 'b']);
  });

  it("keeps going past a listener's and onError's exceptions", () => {
    const activity = createActivity(() => {
      throw new Error('app bug');
    });
    const heard: string[] = [];
    activity.subscribe(() => {
      throw new Error('listener bug');
    });
    activity.subscribe(() => heard.push('second'));
    expect(() => activity.emit(changed)).not.toThrow();
    expect(() => activity.report(createRecorderError('storage', 'x'))).not.toThrow();
    expect(heard).toEqual(['second']);
  });

  it('clear() removes every listener', () => {
    const activity = createActivity(undefined);
    const listener = vi.fn();
    activity.subscribe(listener);
    activity.clear();
    activity.emit(changed);
    expect(listener).not.toHaveBeenCalled();
  });
});
