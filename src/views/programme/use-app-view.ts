import { APP_VIEW, type AppViewId } from '../../state/url-schema.ts';
import { useUrlParam } from '../use-url-param.ts';

/** The top-level view, shared in the URL (`?vue=pilotage`, `?vue=campagnes`), and its setter. */
export function useAppView(): [AppViewId, (view: AppViewId) => void] {
  return useUrlParam(APP_VIEW);
}
