/**
 * The modelled stock shown beside a territory's observed DPE (« données observées et parc
 * modélisé »): the demonstration model of `prepare-assets`, generated for the whole of France with
 * the same seed and inputs (so that the territory's cells are the demo's, calibration included),
 * then restricted to the territory's communes to keep `stock.duckdb` small.
 */
import type { TerritoryCommune } from '../../src/domain/territory.ts';
import { DEMO_SEED, type DemoStock, generateDemoStock } from './demo-stock.ts';
import { loadModelInputs } from './model-inputs.ts';
import { buildModelMethod } from './model-method-manifest.ts';
import type { StockDatasetInfo } from './stock-database.ts';

/** The modelled dataset of a territory build. */
export interface TerritoryModel {
  stock: DemoStock;
  dataset: StockDatasetInfo & { method: ReturnType<typeof buildModelMethod> };
}

/** Keeps the rows of `stock` whose commune is in `keep` (every column, same order). */
function restrictStock(stock: DemoStock, keep: ReadonlySet<string>): DemoStock {
  const kept: number[] = [];
  for (let row = 0; row < stock.rowCount; row++) {
    const commune = stock.communes[stock.commune[row] ?? 0];
    if (commune !== undefined && keep.has(commune.code_commune)) kept.push(row);
  }
  const pick = <T extends { length: number; [k: number]: number }>(
    column: T,
    make: (n: number) => T,
  ): T => {
    const out = make(kept.length);
    kept.forEach((row, k) => {
      out[k] = column[row] ?? 0;
    });
    return out;
  };
  const u8 = (n: number) => new Uint8Array(n);
  const f64 = (n: number) => new Float64Array(n);
  return {
    ...stock,
    rowCount: kept.length,
    commune: pick(stock.commune, (n) => new Uint32Array(n)),
    housingType: pick(stock.housingType, u8),
    constructionPeriod: pick(stock.constructionPeriod, u8),
    censusBin: pick(stock.censusBin, u8),
    heatingEnergy: pick(stock.heatingEnergy, u8),
    occupancy: pick(stock.occupancy, u8),
    tenure: pick(stock.tenure, u8),
    dpeLabel: pick(stock.dpeLabel, u8),
    surfaceM2: pick(stock.surfaceM2, f64),
    epKwhM2: pick(stock.epKwhM2, f64),
    efKwhM2: pick(stock.efKwhM2, f64),
    ghgKgM2: pick(stock.ghgKgM2, f64),
    weight: pick(stock.weight, f64),
  };
}

/** The demonstration model restricted to `territoryCommunes` (codes of the current COG). */
export function territoryModel(
  communes: readonly TerritoryCommune[],
  territoryCommunes: readonly string[],
  territoryName: string,
): TerritoryModel {
  const inputs = loadModelInputs(communes, {});
  const national = generateDemoStock(communes, { seed: DEMO_SEED, inputs: inputs.communes });
  const stock = restrictStock(national, new Set(territoryCommunes));
  return {
    stock,
    dataset: {
      id: 'demo',
      name: `Parc modélisé — ${territoryName}`,
      kind: 'modelled',
      synthetic: true,
      caption: `Parc modélisé de démonstration (graine ${DEMO_SEED}) restreint au territoire : périodes de construction du recensement, le reste modélisé, étiquettes calées sur les parts nationales ONRE au 1er janvier 2023 ; des cellules typologiques, aucun logement réel. Il sert de point de comparaison aux DPE observés.`,
      method: buildModelMethod(inputs.report, [
        'Le détail de la validation (régions, départements) : npm run demo:calibration.',
      ]),
    },
  };
}
