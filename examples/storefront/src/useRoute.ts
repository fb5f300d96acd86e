import { useCallback, useEffect, useState } from 'react';

/** Where the shopper is. */
export type Route = { page: 'home' } | { page: 'product'; itemId: string };

function parse(pathname: string): Route {
  const match = /^\/products\/([^/]+)$/.exec(pathname);
  return match ? { page: 'product', itemId: decodeURIComponent(match[1]) } : { page: 'home' };
}

/** The tiniest router: the path in the address bar, pushState to move, back/forward to return. */
export function useRoute(): [Route, (path: string) => void] {
  const [route, setRoute] = useState(() => parse(window.location.pathname));
  useEffect(() => {
    const onPop = () => setRoute(parse(window.location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((path: string) => {
    window.history.pushState(null, '', path);
    window.scrollTo(0, 0);
    setRoute(parse(path));
  }, []);
  return [route, navigate];
}
