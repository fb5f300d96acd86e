/** The local endpoint's URL, set by vite.config.ts (and by `npm start`). */
declare const __PERSONALIZE_ENDPOINT__: string;
