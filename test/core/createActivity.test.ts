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

describe('createActivity state listeners', () => {
  it('hears each snapshot change after the activity listeners, and only that', () => {
    const activity = createActivity(undefined);
    const heard: string[] = [];
    activity.subscribe((entry) => heard.push(entry.type));
    const onChange = () => heard.push('state');
    const stopFirst = activity.subscribeState(onChange);
    // The same function twice is two subscriptions (StrictMode subscribes twice), each removed by its own disposer.
    activity.subscribeState(onChange);
    activity.emit({ type: 'sent', batch: { sessionId: 's', eventList: [] } });
    activity.changed({} as never);
    stopFirst();
    activity.changed({} as never);
    expect(heard).toEqual(['sent', 'changed', 'state', 'state', 'changed', 'state']);
  });
});
