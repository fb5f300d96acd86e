import { render } from '@testing-library/react';
import { StrictMode, useEffect } from 'react';
import { createTestRecorder } from 'react-personalize/test-utils';
it('probe', () => {
  let effects = 0; let renders = 0;
  function Probe() { renders++; useEffect(() => { effects++; }, []); return null; }
  const { wrapper } = createTestRecorder();
  render(<Probe />, { wrapper });
  console.log('effects', effects, 'renders', renders);
  effects = 0; renders = 0;
  function W({children}: {children?: React.ReactNode}) { return <div><StrictMode>{children}</StrictMode></div>; }
  render(<Probe />, { wrapper: W });
  console.log('effects2', effects, 'renders', renders);
});
