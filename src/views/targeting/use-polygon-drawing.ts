import type * as maplibregl from 'maplibre-gl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { closeRing } from './polygon-selection.ts';

type LonLat = [number, number];

/**
 * Polygon drawing on a map: while drawing, a click adds a vertex, a double-click or Entrée closes
 * the ring (given to `onPolygon`), Échap cancels. A ring that cannot close is reported in French.
 */
export function usePolygonDrawing(map: maplibregl.Map | null, onPolygon: (ring: LonLat[]) => void) {
  const [drawing, setDrawing] = useState(false);
  const [vertices, setVertices] = useState<LonLat[]>([]);
  const [error, setError] = useState<string | null>(null);
  const drawingRef = useRef(false);
  drawingRef.current = drawing;
  const verticesRef = useRef<LonLat[]>([]);
  verticesRef.current = vertices;

  const finish = useCallback(() => {
    try {
      const ring = closeRing(verticesRef.current);
      setError(null);
      onPolygon(ring);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      return;
    }
    setDrawing(false);
    setVertices([]);
  }, [onPolygon]);

  const cancel = useCallback(() => {
    setDrawing(false);
    setVertices([]);
    setError(null);
  }, []);

  const start = useCallback(() => {
    setError(null);
    setVertices([]);
    setDrawing(true);
  }, []);

  useEffect(() => {
    if (map === null || !drawing) return;
    map.doubleClickZoom.disable();
    const onClick = (event: maplibregl.MapMouseEvent) => {
      const { lng, lat } = event.lngLat;
      setVertices((current) => [...current, [lng, lat]]);
    };
    const onDouble = (event: maplibregl.MapMouseEvent) => {
      event.preventDefault();
      finish();
    };
    map.on('click', onClick);
    map.on('dblclick', onDouble);
    const canvas = map.getCanvas();
    const cursor = canvas.style.cursor;
    canvas.style.cursor = 'crosshair';
    return () => {
      map.off('click', onClick);
      map.off('dblclick', onDouble);
      map.doubleClickZoom.enable();
      canvas.style.cursor = cursor;
    };
  }, [map, drawing, finish]);

  // Capture phase: Escape must not also reach the analysis screen's « leave the selection ».
  useEffect(() => {
    if (!drawing) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        cancel();
      } else if (event.key === 'Enter') {
        event.preventDefault();
        event.stopPropagation();
        finish();
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [drawing, cancel, finish]);

  return { drawing, drawingRef, vertices, error, start, finish, cancel };
}
