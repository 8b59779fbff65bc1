/**
 * Construction periods of main residences from the INSEE census, and how they become the
 * canonical periods of the stock.
 *
 * The census counts main residences by completion period (variables RP_ACH*): before 1919,
 * 1919–1945, 1946–1970, 1971–1990, 1991–2005, 2006 to two years before the census, and the
 * residences completed since (not asked yet). The stock's periods follow the thermal
 * regulations (before 1948, 1948–1974…), which cut across the census bins: each census bin is
 * split by `PERIOD_SPLIT`, an assumption from the pace of housing completions (see there).
 */
import { PERIOD_KEYS } from './demo-stock-model.ts';

/** Census completion bins, in order. */
export const CENSUS_BINS = [
  'avant_1919',
  '1919_1945',
  '1946_1970',
  '1971_1990',
  '1991_2005',
  '2006_recensement',
  'apres_recensement',
] as const;

/**
 * Share of each census bin in each canonical period (rows: census bins; columns: `PERIOD_KEYS`).
 * Assumed from the yearly completions of dwellings (SDES, séries longues de la construction
 * neuve): about 500,000 a year in 1971–1974, 370,000 in 1975–1988, 300,000 in 1989–1990,
 * 290,000 in 1991–2000, 330,000 in 2001–2005, 420,000 in 2006–2012 and 370,000 afterwards;
 * 1946–1947 built almost nothing.
 */
export const PERIOD_SPLIT: readonly (readonly number[])[] = [
  [1, 0, 0, 0, 0, 0],
  [1, 0, 0, 0, 0, 0],
  [0.02, 0.98, 0, 0, 0, 0],
  [0, 0.26, 0.66, 0.08, 0, 0],
  [0, 0, 0, 0.62, 0.38, 0],
  [0, 0, 0, 0, 0.6, 0.4],
  [0, 0, 0, 0, 0, 1],
];

/**
 * Share of 1946–1970 within 1946–1990 nationally, for sources that give only 1946–1990 (INSEE
 * RP 2020, France: about 21 % of main residences for 1946–1970 against 28 % for 1971–1990).
 */
const SHARE_1946_1970_IN_1946_1990 = 0.44;

/** The five groups the EPCI census file publishes, as sums of census bins. */
export const PUBLISHED_GROUPS: readonly { key: string; label: string; bins: readonly number[] }[] =
  [
    { key: 'avant_1919', label: 'Avant 1919', bins: [0] },
    { key: '1919_1945', label: '1919–1945', bins: [1] },
    { key: '1946_1990', label: '1946–1990', bins: [2, 3] },
    { key: '1991_2005', label: '1991–2005', bins: [4] },
    { key: '2006_plus', label: '2006 et après (recensement)', bins: [5] },
  ];

/**
 * Shares of the seven census bins (summing to 1) from published percentages of the five groups;
 * the rest to 100 % goes to the residences completed since the census. Null when the shares are
 * not numbers in [0, 100] or sum above 100.5.
 */
export function binsFromGroupShares(groups: readonly number[]): number[] | null {
  if (groups.length !== 5 || groups.some((g) => !Number.isFinite(g) || g < 0 || g > 100)) {
    return null;
  }
  const [b19 = 0, b45 = 0, b90 = 0, b05 = 0, b06 = 0] = groups;
  const sum = b19 + b45 + b90 + b05 + b06;
  if (sum > 100.5 || sum <= 0) return null;
  const scale = sum > 100 ? 100 / sum : 1;
  const split = SHARE_1946_1970_IN_1946_1990;
  const bins = [b19, b45, b90 * split, b90 * (1 - split), b05, b06].map((x) => (x * scale) / 100);
  bins.push(Math.max(0, 1 - bins.reduce((a, b) => a + b, 0)));
  return bins;
}

/** Canonical period weights (order of `PERIOD_KEYS`) of census bin weights. */
export function periodsOfBins(bins: readonly number[]): number[] {
  const periods = PERIOD_KEYS.map(() => 0);
  bins.forEach((weight, bin) => {
    (PERIOD_SPLIT[bin] ?? []).forEach((share, period) => {
      periods[period] = (periods[period] ?? 0) + weight * share;
    });
  });
  return periods;
}

/** One row of the EPCI census file. */
interface EpciCensusRecord {
  code_epci: number | string;
  part_rp_ach19: number;
  part_rp_ach1945: number;
  part_rp_ach4690: number;
  part_rp_ach9105: number;
  part_rp_ach06p: number;
}

/** The EPCI census file read: bins by SIREN, and the rows left out with their reason. */
export interface EpciCensus {
  bins: Map<string, number[]>;
  rows: number;
  rejected: { index: number; reason: string }[];
}

/**
 * Reads `stats/insee-rp-construction-period-by-epci.json`: an array of
 * `{code_epci, part_rp_ach19, part_rp_ach1945, part_rp_ach4690, part_rp_ach9105, part_rp_ach06p}`
 * (percentages of main residences). `code_epci` may be a number: it becomes a 9-digit SIREN.
 * @throws Error (French) when the text is not a JSON array.
 */
export function parseEpciCensus(text: string): EpciCensus {
  const data: unknown = JSON.parse(text);
  if (!Array.isArray(data)) throw new Error('tableau JSON attendu (une entrée par EPCI)');
  const bins = new Map<string, number[]>();
  const rejected: EpciCensus['rejected'] = [];
  data.forEach((item: unknown, index) => {
    const record = item as Partial<EpciCensusRecord> | null;
    const code = String(record?.code_epci ?? '').padStart(9, '0');
    if (!/^\d{9}$/.test(code)) {
      rejected.push({ index, reason: `code EPCI invalide : « ${String(record?.code_epci)} »` });
      return;
    }
    const groups = [
      record?.part_rp_ach19,
      record?.part_rp_ach1945,
      record?.part_rp_ach4690,
      record?.part_rp_ach9105,
      record?.part_rp_ach06p,
    ].map(Number);
    const shares = binsFromGroupShares(groups);
    if (shares === null) {
      rejected.push({ index, reason: `parts invalides pour l'EPCI ${code}` });
      return;
    }
    bins.set(code, shares);
  });
  return { bins, rows: data.length, rejected };
}

/** Shares (%) of the five published groups from census bin weights (any scale). */
export function groupsOfBins(bins: readonly number[]): number[] {
  const total = bins.reduce((a, b) => a + b, 0);
  return PUBLISHED_GROUPS.map((group) =>
    total > 0 ? (100 * group.bins.reduce((a, b) => a + (bins[b] ?? 0), 0)) / total : 0,
  );
}
