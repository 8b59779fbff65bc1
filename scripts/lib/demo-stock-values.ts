/**
 * Consumption and emission values of a synthetic cell, drawn inside the DPE band of a target
 * label so that the official double-threshold classification of the values gives that label.
 */
import { dpeThresholds } from '../../src/domain/dpe.ts';

/** Primary-energy conversion factor of electricity in the DPE since 2021. */
const ELECTRICITY_PEF = 2.3;
/** Share of primary energy (5 uses) that the main heating energy supplies when it is not electricity. */
const HEATING_SHARE = 0.8;
/** kgCO2eq per kWh of electricity for the other uses (lighting, auxiliaries, hot water). */
const ELECTRICITY_OTHER_USES_GHG = 0.065;
// kgCO2eq per final kWh by heating energy (order of ENERGY_KEYS), DPE emission factors
// (arrêté du 31 mars 2021, annexe 3; heat networks vary, a typical network is taken).
const HEATING_GHG = [0.079, 0.227, 0.324, 0.03, 0.12, 0.272, 0.385, 0.2];

/** Values of one cell, per m² of living surface and per year. */
export interface DpeValues {
  epKwhM2: number;
  efKwhM2: number;
  ghgKgM2: number;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** Final energy per unit of primary energy for a heating energy index. */
function finalPerPrimary(energy: number): number {
  if (energy === 0) return 1 / ELECTRICITY_PEF;
  return HEATING_SHARE + (1 - HEATING_SHARE) / ELECTRICITY_PEF;
}

/** kgCO2eq per primary kWh for a heating energy index. */
function ghgPerPrimary(energy: number): number {
  if (energy === 0) return (HEATING_GHG[0] ?? 0) / ELECTRICITY_PEF;
  const otherUses = ((1 - HEATING_SHARE) * ELECTRICITY_OTHER_USES_GHG) / ELECTRICITY_PEF;
  return HEATING_SHARE * (HEATING_GHG[energy] ?? 0) + otherUses;
}

/** Class index (0 = A … 6 = G) of a value against six strict upper bounds. */
function classIndex(value: number, bounds: readonly number[]): number {
  const index = bounds.findIndex((bound) => value < bound);
  return index < 0 ? bounds.length : index;
}

/** A value inside the band of class `target`; u in [0, 1). G and A get closed, plausible ranges. */
function pickInBand(bounds: readonly number[], target: number, u: number): number {
  const last = bounds[bounds.length - 1] ?? 0;
  if (target >= bounds.length) return round1(last + 0.7 * last * u * u);
  const high = bounds[target] ?? 0;
  const low = target === 0 ? high / 2 : (bounds[target - 1] ?? 0);
  // Keep 3 % of the band on each side so that rounding to 0.1 never crosses a bound.
  return round1(low + (high - low) * (0.03 + 0.94 * u));
}

/**
 * Draws primary energy, final energy and GHG emissions for a cell whose label must be
 * `target` (0 = A … 6 = G). Primary energy is drawn in the energy band and GHG follows from the
 * heating energy's emission factor (± 20 %); when that GHG falls in a worse climate class (oil,
 * coal, LPG, sometimes gas), GHG is drawn in the climate band instead and primary energy
 * lowered to match, so the climate axis decides the label, as it does for fossil heating.
 * `u` holds three uniforms in [0, 1).
 */
export function drawDpeValues(
  target: number,
  energy: number,
  surfaceM2: number,
  u: readonly [number, number, number],
): DpeValues {
  const thresholds = dpeThresholds({ surfaceM2 });
  const ratio = ghgPerPrimary(energy) * (0.8 + 0.4 * u[1]);
  let ep = pickInBand(thresholds.energy, target, u[0]);
  let ghg = round1(ep * ratio);
  if (classIndex(ghg, thresholds.climate) > target) {
    ghg = pickInBand(thresholds.climate, target, u[2]);
    ep = Math.min(ep, Math.max(1, Math.floor((ghg / ratio) * 10) / 10));
  }
  return { epKwhM2: ep, efKwhM2: round1(ep * finalPerPrimary(energy)), ghgKgM2: ghg };
}
