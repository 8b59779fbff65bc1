import { useCallback, useRef, useState } from 'react';

/** What {@link useMapReadiness} returns. */
export interface MapReadiness {
  /** Give to `MapView`'s `onLayersDrawn`. */
  onLayersDrawn: (layerIds: string[]) => void;
  /** The map drew `layerId` with the colours of the current key. */
  drawn: boolean;
}

/**
 * Whether the map has drawn what the view shows now: `key` names the colours asked for (null:
 * nothing to draw yet); once a frame drew the layer `layerId` while `key` was current, `drawn`
 * holds until the key changes. The browser tests wait for the marks the views derive from it
 * (`app-ready`, `targeting-ready`, `data-drawn`). `onDrawn` runs after each such frame.
 */
export function useMapReadiness(
  layerId: string,
  key: string | null,
  onDrawn?: () => void,
): MapReadiness {
  const [drawnKey, setDrawnKey] = useState<string | null>(null);
  const current = useRef(key);
  current.current = key;
  const after = useRef(onDrawn);
  after.current = onDrawn;
  const onLayersDrawn = useCallback(
    (ids: string[]) => {
      if (!ids.includes(layerId)) return;
      setDrawnKey(current.current);
      after.current?.();
    },
    [layerId],
  );
  return { onLayersDrawn, drawn: key !== null && drawnKey === key };
}
