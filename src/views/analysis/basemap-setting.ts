import { useCallback, useState } from 'react';

const STORAGE_KEY = 'casba.basemapStyleUrl';

/** The basemap style URL if it is an absolute http(s) URL, else a French error. */
export function validateStyleUrl(text: string): { url: string } | { error: string } {
  const trimmed = text.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { error: `« ${trimmed} » n'est pas une adresse web complète (https://…).` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { error: 'Seules les adresses http:// ou https:// sont acceptées.' };
  }
  return { url: url.href };
}

function readStored(): string | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    if (value === null) return null;
    const checked = validateStyleUrl(value);
    return 'url' in checked ? checked.url : null;
  } catch {
    return null;
  }
}

/**
 * The optional basemap style URL, kept in this browser (localStorage), not in the shared URL: a
 * link must not make its recipient's browser fetch tiles from a server they did not choose.
 */
export function useBasemapSetting(): [string | null, (url: string | null) => void] {
  const [url, setUrl] = useState<string | null>(readStored);
  const update = useCallback((next: string | null) => {
    try {
      if (next === null) window.localStorage.removeItem(STORAGE_KEY);
      else window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private browsing may refuse storage: the setting then lasts for this page only.
    }
    setUrl(next);
  }, []);
  return [url, update];
}
