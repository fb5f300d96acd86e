'use client';
import { createElement, type ReactNode, useCallback, useState } from 'react';
import { createPortal } from 'react-dom';
import { devtoolsStyles } from './devtoolsStyles';

/** Props of `ShadowHost`. */
export interface ShadowHostProps {
  /** `floating` (the toggle and its panel, fixed on the page) or `panel` (a block in the page's flow). */
  variant: 'floating' | 'panel';
  /** What to render inside the shadow root. */
  children?: ReactNode;
}

/**
 * Renders `children` into an open shadow root of a `<personalize-devtools>` element, with the devtools' stylesheet:
 * the page's CSS does not reach inside and the devtools' CSS does not reach out. The shadow root is made on the
 * client after mount, so the server renders an empty host and hydration matches.
 */
export function ShadowHost({ variant, children }: ShadowHostProps) {
  const [root, setRoot] = useState<ShadowRoot | null>(null);
  const ref = useCallback((host: HTMLElement | null) => {
    if (host) setRoot(host.shadowRoot ?? host.attachShadow({ mode: 'open' }));
  }, []);
  return createElement(
    'personalize-devtools',
    { ref, 'data-variant': variant },
    root &&
      createPortal(
        <div className="root">
          <style>{devtoolsStyles}</style>
          {children}
        </div>,
        root,
      ),
  );
}
