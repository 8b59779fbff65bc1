import { AssetError } from './asset-error.ts';

/**
 * Fetches a file of `public/data/`. A 404, or the HTML page a dev server or an SPA host serves in
 * place of a missing file, is reported as a missing file naming `file`.
 */
export async function fetchAsset(file: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(file);
  } catch (cause) {
    throw new AssetError(file, `Impossible de télécharger ${file}.`, { missing: false, cause });
  }
  const contentType = response.headers.get('content-type') ?? '';
  if (response.status === 404 || (response.ok && contentType.startsWith('text/html'))) {
    throw new AssetError(file, `Fichier introuvable : ${file}`, { missing: true });
  }
  if (!response.ok) {
    throw new AssetError(file, `Le serveur a répondu ${response.status} pour ${file}.`, {
      missing: false,
    });
  }
  return response;
}

/** Fetches and parses a JSON asset. */
export async function fetchJsonAsset(file: string): Promise<unknown> {
  const response = await fetchAsset(file);
  try {
    return await response.json();
  } catch (cause) {
    throw new AssetError(file, `${file} n'est pas un fichier JSON valide.`, {
      missing: false,
      cause,
    });
  }
}
