import { useCallback, useEffect, useRef, useState } from 'react';
import { MAP_BACKGROUND } from '../../map/offline-style.ts';

/**
 * Draws the deck.gl canvas over the map background into a PNG data URL. Called from the overlay's
 * after-render callback, while the WebGL drawing buffer still holds the frame (it is cleared once
 * composited, since the context does not preserve it).
 */
function captureMap(container: HTMLElement | null): { url: string; complete: boolean } | null {
  if (container === null) return null;
  const canvases = [...container.querySelectorAll('canvas')].filter(
    (canvas) => !canvas.classList.contains('maplibregl-canvas') && canvas.width > 0,
  );
  const deckCanvas = canvases[0];
  if (deckCanvas === undefined) return null;
  const output = document.createElement('canvas');
  output.width = deckCanvas.width;
  output.height = deckCanvas.height;
  const context = output.getContext('2d');
  if (context === null) return null;
  // The style has a background only: painting it is the same as copying MapLibre's canvas.
  context.fillStyle = MAP_BACKGROUND;
  context.fillRect(0, 0, output.width, output.height);
  context.drawImage(deckCanvas, 0, 0);
  const expected = Math.round(container.clientWidth * window.devicePixelRatio);
  try {
    return {
      url: output.toDataURL('image/png'),
      complete: Math.abs(deckCanvas.width - expected) <= 2 && deckCanvas.height > 150,
    };
  } catch {
    return null;
  }
}

/**
 * The picture of the coverage map for the printed report: taken after each frame that drew the
 * fill (`capture`), and again after a resize, a pan or a zoom of the map in `wrapper`. `tick`
 * changes to ask the layers for one more frame (a layer's data version), so that the overlay
 * calls back and the picture is taken again.
 */
export function useCoverageCapture() {
  const wrapper = useRef<HTMLDivElement>(null);
  const [image, setImage] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const timer = useRef<number | undefined>(undefined);
  const attempts = useRef(0);

  const schedule = useCallback((delay: number) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setTick((n) => n + 1), delay);
  }, []);

  useEffect(() => {
    const element = wrapper.current;
    if (element === null) return;
    let first = true;
    const observer = new ResizeObserver(() => {
      if (first) first = false;
      else schedule(400);
    });
    observer.observe(element);
    // A pan or a zoom by pointer, wheel or keyboard ends a little after these events.
    const afterMove = () => schedule(700);
    const events = ['pointerup', 'wheel', 'keyup'] as const;
    for (const name of events) element.addEventListener(name, afterMove, { passive: true });
    return () => {
      for (const name of events) element.removeEventListener(name, afterMove);
      observer.disconnect();
      window.clearTimeout(timer.current);
    };
  }, [schedule]);

  const capture = useCallback(() => {
    const captured = captureMap(wrapper.current);
    setImage(captured?.url ?? null);
    // The first frame can be drawn before the overlay's canvas takes the map's size.
    if (captured !== null && !captured.complete && attempts.current < 5) {
      attempts.current++;
      schedule(250);
    }
  }, [schedule]);

  return { wrapper, image, tick, capture };
}
