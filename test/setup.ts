import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/dom';
import { configure as configureReact } from '@testing-library/react';

// waitFor/findBy* only bound a wait: 10 s (not the 1 s default) so a busy CI machine never fails one early.
configure({ asyncUtilTimeout: 10_000 });

// Every React test renders in StrictMode: at the root of every render, also around `wrapper` (a StrictMode inside one
// only doubles renders). A test that needs otherwise passes `reactStrictMode: false` to that render.
configureReact({ reactStrictMode: true });
