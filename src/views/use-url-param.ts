import { useCallback, useEffect, useState } from 'react';
import type { UrlBinding } from '../state/url-schema.ts';

/**
 * A view setting kept in the query string (declared in `src/state/url-schema.ts`). The current
 * history entry is replaced, and back and forward navigation is followed.
 */
export function useUrlParam<T>({ read, write }: UrlBinding<T>): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => read(window.location.search));
  useEffect(() => {
    const onPopState = () => setValue(read(window.location.search));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, [read]);
  const update = useCallback(
    (next: T) => {
      const search = write(next, window.location.search);
      if (search !== window.location.search) {
        const url = `${window.location.pathname}${search}${window.location.hash}`;
        window.history.replaceState(window.history.state, '', url);
      }
      setValue(next);
    },
    [write],
  );
  return [value, update];
}
