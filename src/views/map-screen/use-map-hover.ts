import type { PickingInfo } from '@deck.gl/core';
import { useCallback, useState } from 'react';

/** The territory under the pointer, where the pointer is, and the size of the map. */
export interface MapHover {
  x: number;
  y: number;
  bounds: { width: number; height: number };
  code: string;
  /** Name of the territory, when the picked object carries it. */
  name: string | null;
}

/** What {@link useMapHover} returns. */
export interface MapHoverState {
  hover: MapHover | null;
  /** Hovers `code` (named `name`) where `info` picked it; a null code clears. */
  hoverAt: (info: PickingInfo, code: string | null, name?: string) => void;
  /** Give to `MapView`'s `onHoverLost`. */
  clear: () => void;
}

/** The hover state of a map screen, read from deck.gl picking events. */
export function useMapHover(): MapHoverState {
  const [hover, setHover] = useState<MapHover | null>(null);
  const hoverAt = useCallback((info: PickingInfo, code: string | null, name?: string) => {
    setHover(
      code === null
        ? null
        : {
            x: info.x,
            y: info.y,
            bounds: { width: info.viewport?.width ?? 0, height: info.viewport?.height ?? 0 },
            code,
            name: name ?? null,
          },
    );
  }, []);
  const clear = useCallback(() => setHover(null), []);
  return { hover, hoverAt, clear };
}
