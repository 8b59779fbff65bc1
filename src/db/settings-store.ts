/**
 * The user's settings kept in this browser (localStorage): the last view, as its query string,
 * restored when the dashboard is opened without one. The query string goes through the same
 * URL-state parsers as a shared link, so a tampered value is ignored with a notice, never trusted.
 */

const LAST_VIEW_KEY = 'casba.derniere-vue';
const MAX_LENGTH = 4000;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Access throws when the user blocks site data.
    return null;
  }
}

/** Remembers the query string of the current view (`?…`, or '' for the default view). */
export function saveLastView(search: string): void {
  try {
    if (search.length <= MAX_LENGTH) storage()?.setItem(LAST_VIEW_KEY, search);
  } catch {
    // Quota exceeded or storage disabled: the view is simply not remembered.
  }
}

/** The remembered query string, if it looks like one. */
function readLastView(): string | null {
  const value = storage()?.getItem(LAST_VIEW_KEY) ?? null;
  if (value === null || value.length > MAX_LENGTH || !value.startsWith('?')) return null;
  return value;
}

/**
 * Opens the remembered view when the page has no query string of its own (a shared link always
 * wins). Call before the first render.
 */
export function restoreLastView(location: Location = window.location): void {
  const last = readLastView();
  if (location.search !== '' || last === null) return;
  window.history.replaceState(
    window.history.state,
    '',
    `${location.pathname}${last}${location.hash}`,
  );
}

/** Forgets every setting. */
export function clearSettings(): void {
  try {
    storage()?.removeItem(LAST_VIEW_KEY);
  } catch {
    // Nothing stored.
  }
}
