import type * as maplibregl from 'maplibre-gl';
import { composeMapImage, type MapImageOptions } from '../../export/map-image.ts';
import type { ProgrammeCountsState } from './use-programme-counts.ts';

/**
 * Downloads the map with its title, legend, date and sources as a PNG (canvases composed by
 * map-image.ts); a failure is reported through `onError` in French.
 */
export function downloadMapPng(
  map: maplibregl.Map,
  options: Omit<MapImageOptions, 'canvases' | 'width' | 'height'>,
  fileName: string,
  onError: (message: string) => void,
): void {
  try {
    const container = map.getContainer();
    const image = composeMapImage({
      ...options,
      canvases: Array.from(container.querySelectorAll('canvas')),
      width: container.clientWidth,
      height: container.clientHeight,
    });
    image.toBlob((blob) => {
      if (blob === null) {
        onError('Export de l’image impossible : le navigateur n’a pas produit de PNG.');
        return;
      }
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    }, 'image/png');
  } catch (error) {
    onError(error instanceof Error ? error.message : String(error));
  }
}

/** Source lines of the score map image: stock, programme data (and the secret), contours. */
export function scoreMapSources(programme: ProgrammeCountsState): string[] {
  const programmeText =
    programme.status !== 'ready'
      ? 'programme : non chargé'
      : programme.origin === 'import'
        ? `programme : fichiers importés (${programme.carnetsFile})${programme.demo ? ', fictifs' : ''}`
        : 'programme : carnets et travaux de démonstration (fictifs)';
  return [
    `Parc : jeu de données sélectionné ; ${programmeText}${programme.status === 'ready' && programme.published !== null ? ' ; secret statistique appliqué (mode public).' : '.'}`,
    'Contours : IGN Admin Express, INSEE COG (Licence Ouverte 2.0).',
  ];
}
