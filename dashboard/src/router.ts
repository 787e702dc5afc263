import { useEffect, useState } from 'preact/hooks';

const BASE = '/app';

/** Goes to a dashboard path without a reload (`/journey`, `/surveys/new`). */
export function navigate(path: string): void {
  history.pushState(null, '', BASE + path);
  dispatchEvent(new PopStateEvent('popstate'));
  // A new page starts at its top, as a page load does (back and forward keep the browser's restoring).
  scrollTo(0, 0);
}

function currentPath(): string {
  return location.pathname.slice(BASE.length) || '/';
}

/** The current dashboard path, updated on navigation and back/forward. */
export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const on = () => setPath(currentPath());
    addEventListener('popstate', on);
    return () => removeEventListener('popstate', on);
  }, []);
  return path;
}

/** Click handler for in-app links: plain clicks navigate in place, modified clicks open as usual. */
export function onLinkClick(e: MouseEvent): void {
  const a = e.currentTarget as HTMLAnchorElement;
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(a.pathname.slice(BASE.length) + a.search);
}
