/**
 * The geometry cases of the malformed-input corpus (scripts/make-corpus.ts): GeoJSON and TopoJSON
 * files with the faults an import must report (self-intersection, open or short rings, wrong
 * winding, projected or out-of-range coordinates, empty geometries, truncated text).
 */

type Position = readonly [number, number];

/** Anticlockwise closed rectangle from (x0, y0) to (x1, y1). */
const rectangle = (x0: number, y0: number, x1: number, y1: number): Position[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

/** Closed triangle (x0, y0), (x1, y0), (x1, y1). */
const triangle = (x0: number, y0: number, x1: number, y1: number): Position[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y0],
];

/** An anticlockwise square in the Indre. */
const SQUARE = rectangle(1.6, 46.7, 1.7, 46.8);

const feature = (code: string, nom: string, geometry: unknown) => ({
  type: 'Feature',
  properties: { code, nom },
  geometry,
});
const polygon = (code: string, nom: string, ...rings: (readonly Position[])[]) =>
  feature(code, nom, { type: 'Polygon', coordinates: rings });
const collection = (...features: object[]) =>
  JSON.stringify({ type: 'FeatureCollection', features });

const topoObject = (code: string, nom: string, arc: number) => ({
  type: 'GeometryCollection',
  geometries: [{ type: 'Polygon', arcs: [[arc]], properties: { code, nom } }],
});
const topology = (objects: object, arcs: unknown, transform?: object) =>
  JSON.stringify({ type: 'Topology', ...(transform && { transform }), objects, arcs });

/** Every geometry case: file name → content. */
export function geometryCorpus(): Record<string, string> {
  const chateauroux = polygon('36044', 'Châteauroux', SQUARE);
  const communes = { communes: topoObject('36044', 'Châteauroux', 0) };
  return {
    'geo-self-intersecting.geojson': collection(
      polygon('36044', 'Nœud papillon', [
        [1.6, 46.7],
        [1.7, 46.8],
        [1.7, 46.7],
        [1.6, 46.8],
        [1.6, 46.7],
      ]),
      polygon('36088', 'Carré', SQUARE),
    ),
    'geo-unclosed-ring.geojson': collection(polygon('36044', 'Anneau ouvert', SQUARE.slice(0, 4))),
    'geo-wrong-winding.geojson': collection(
      polygon('36044', 'Sens horaire', [...SQUARE].reverse()),
      polygon('36088', 'Trou dans le mauvais sens', SQUARE, rectangle(1.62, 46.72, 1.68, 46.78)),
    ),
    'geo-lambert93.geojson': collection(
      polygon('36044', 'Châteauroux (Lambert-93)', rectangle(600000, 6630000, 610000, 6640000)),
      feature('36088', 'Issoudun (Lambert-93)', {
        type: 'MultiPolygon',
        coordinates: [[triangle(620000, 6650000, 630000, 6660000)]],
      }),
    ),
    'geo-out-of-range.geojson': collection(
      polygon('36044', 'Ni degrés ni Lambert-93', triangle(5000, 5000, 5100, 5100)),
    ),
    'geo-empty-geometries.geojson': collection(
      feature('36001', 'Sans géométrie', null),
      polygon('36002', 'Polygon vide'),
      feature('36003', 'MultiPolygon vide', { type: 'MultiPolygon', coordinates: [] }),
      polygon('36004', 'Anneau vide', []),
      feature('36005', 'Collection vide', { type: 'GeometryCollection', geometries: [] }),
      chateauroux,
    ),
    'geo-ring-too-short.geojson': collection(
      polygon('36044', 'Deux points', [
        [1.6, 46.7],
        [1.7, 46.7],
        [1.6, 46.7],
      ]),
    ),
    'geo-truncated.geojson': collection(chateauroux).slice(0, 120),
    'topo-quantized.topo.json': topology(
      communes,
      [
        [
          [0, 0],
          [1000, 0],
          [0, 1000],
          [-1000, 0],
          [0, -1000],
        ],
      ],
      { scale: [0.0001, 0.0001], translate: [1.6, 46.7] },
    ),
    'topo-unquantized.topo.json': topology(communes, [SQUARE]),
    'topo-multiple-objects.topo.json': topology(
      { epci: topoObject('243600327', 'CA Châteauroux Métropole', 0), ...communes },
      [SQUARE],
    ),
    'topo-no-objects.topo.json': topology({}, []),
  };
}
