import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorNote, Loading } from './states.js';

/** A view whose code is fetched the first time it is shown (then kept), with loading and error states. */
export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | undefined;
  return function LazyView(props: P) {
    const [View, setView] = useState(() => loaded);
    const [error, setError] = useState<unknown>();
    useEffect(() => {
      if (View) return;
      load().then((v) => {
        loaded = v;
        setView(() => v);
      }, setError);
    }, [View]);
    if (error) return <ErrorNote error={error} retry={() => location.reload()} />;
    return View ? <View {...props} /> : <Loading />;
  };
}
