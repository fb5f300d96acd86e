import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/dom';

// waitFor/findBy* only bound a wait: 10 s (not the 1 s default) so a busy CI machine never fails one early.
configure({ asyncUtilTimeout: 10_000 });
