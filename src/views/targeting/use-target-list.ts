import { useCallback, useState } from 'react';
import type { SelectionMethod } from '../../export/target-list.ts';
import type { TerritoryCollection } from '../../map/territory-layer.ts';
import { territoriesInPolygon } from './polygon-selection.ts';

type LonLat = [number, number];

/**
 * The campaign target list: the territories chosen, how (table, map click, polygon), and the last
 * polygon drawn. Component state: it lasts while the screen is open and is written into every
 * export rather than into the URL.
 */
export function useTargetList(features: TerritoryCollection) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [methods, setMethods] = useState<SelectionMethod[]>([]);
  const [polygon, setPolygon] = useState<LonLat[] | null>(null);

  const toggle = useCallback((code: string, method: SelectionMethod) => {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(code)) next.delete(code);
      else next.add(code);
      return next;
    });
    setMethods((current) => (current.includes(method) ? current : [...current, method]));
  }, []);
  const onMapToggle = useCallback((code: string) => toggle(code, 'clic'), [toggle]);
  const onPolygon = useCallback(
    (ring: LonLat[]) => {
      setPolygon(ring);
      setSelected(new Set(territoriesInPolygon(features, ring)));
      setMethods(['polygone']);
    },
    [features],
  );
  const clear = () => {
    setSelected(new Set());
    setMethods([]);
    setPolygon(null);
  };
  return { selected, methods, polygon, toggle, onMapToggle, onPolygon, clear };
}

/** What {@link useTargetList} returns. */
export type TargetList = ReturnType<typeof useTargetList>;
