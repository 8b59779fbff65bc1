/**
 * French number formatting for the UI (Intl 'fr-FR'). Every formatter returns '–' (en dash) for a
 * missing or non-finite value, so that a table cell never shows 'NaN' or '∞'.
 */

/** What the formatters print for null, undefined, NaN and ±Infinity. */
export const MISSING_VALUE = '–';

const formatters = new Map<string, Intl.NumberFormat>();

// Intl.NumberFormat construction is costly and the UI formats thousands of cells.
function formatter(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let cached = formatters.get(key);
  if (cached === undefined) {
    // 'negative' avoids '-0' for small negative values rounded to zero.
    cached = new Intl.NumberFormat('fr-FR', { signDisplay: 'negative', ...options });
    formatters.set(key, cached);
  }
  return cached;
}

function isPresent(n: number | null | undefined): n is number {
  return n != null && Number.isFinite(n);
}

/** Integer with grouped thousands: 12345 → '12 345' (narrow no-break space U+202F). */
export function formatInteger(n: number | null | undefined): string {
  if (!isPresent(n)) return MISSING_VALUE;
  return formatter('integer', { maximumFractionDigits: 0 }).format(n);
}

/** Decimal with exactly `digits` fraction digits: 15.66 → '15,7'. */
export function formatDecimal(n: number | null | undefined, digits = 1): string {
  if (!isPresent(n)) return MISSING_VALUE;
  return formatter(`decimal:${digits}`, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(n);
}

/** A size in bytes as decimal megabytes: 15_964_636 → '16,0 Mo'. */
export function formatMegabytes(bytes: number | null | undefined, digits = 1): string {
  if (!isPresent(bytes)) return MISSING_VALUE;
  return `${formatDecimal(bytes / 1e6, digits)} Mo`;
}

/** Units of {@link formatBytes}, decimal as file sizes are shown by operating systems. */
const BYTE_UNITS: readonly [number, string][] = [
  [1, 'o'],
  [1e3, 'ko'],
  [1e6, 'Mo'],
  [1e9, 'Go'],
];

/**
 * A size in bytes in the largest unit under which it stays below 1 000 once rounded, with one
 * fraction digit below 10 of a unit above the byte, a no-break space before the unit: 60 → '60 o',
 * 12_345 → '12 ko', 2_580_000 → '2,6 Mo', 2_576_980_378 → '2,6 Go'.
 */
export function formatBytes(bytes: number | null | undefined): string {
  if (!isPresent(bytes)) return MISSING_VALUE;
  const shown = (size: number) => {
    const value = bytes / size;
    const digits = size > 1 && value < 10 ? 1 : 0;
    return { value, digits, rounded: Math.round(value * 10 ** digits) / 10 ** digits };
  };
  let unit = 0;
  while (unit < BYTE_UNITS.length - 1 && shown(BYTE_UNITS[unit]?.[0] ?? 1).rounded >= 1000) unit++;
  const [size, name] = BYTE_UNITS[unit] ?? [1, 'o'];
  const { value, digits } = shown(size);
  return `${formatDecimal(value, digits)}\u00a0${name}`;
}

/** Share in 0..1 as a percentage: 0.157 → '15,7 %' (no-break space U+00A0 before '%'). */
export function formatPercent(share: number | null | undefined, digits = 1): string {
  if (!isPresent(share)) return MISSING_VALUE;
  return formatter(`percent:${digits}`, {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(share);
}

/** Short form for large numbers: 1234567 → '1,2 M', 12345 → '12,3 k', 2.5e9 → '2,5 Md'. */
export function formatCompact(n: number | null | undefined): string {
  if (!isPresent(n)) return MISSING_VALUE;
  return formatter('compact', { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}

/**
 * The noun of a count shown as a whole number, singular below 2 as French wants (« 1 territoire »,
 * « 0 carnet », « 3 carnets »), judged on the number shown (1,6 is shown « 2 »).
 */
export function countNoun(count: number, one: string, many: string): string {
  return Math.abs(Math.round(count)) >= 2 ? many : one;
}

/** Rows read, accepted and rejected: « 3 lignes lues, 2 acceptées, 1 rejetée ». */
export function formatRowAccount(read: number, accepted: number, rejected: number): string {
  return [
    formatCount(read, 'ligne lue', 'lignes lues'),
    formatCount(accepted, 'acceptée', 'acceptées'),
    formatCount(rejected, 'rejetée', 'rejetées'),
  ].join(', ');
}

/** A count with its noun: « 1 territoire », « 0 carnet », « 3 carnets », « – carnets » if unknown. */
export function formatCount(count: number | null, one: string, many: string): string {
  return `${formatInteger(count)} ${count === null ? many : countNoun(count, one, many)}`;
}

/** Gap in points between a share and the model's, signed the French way ('+1,2 pt'). */
export function formatGapPoints(share: number | null, model: number | null): string {
  if (share === null || model === null) return MISSING_VALUE;
  const points = Math.round((share - model) * 1000) / 10;
  const sign = points > 0 ? '+' : points < 0 ? '−' : '';
  return `${sign}${formatDecimal(Math.abs(points), 1)}\u00a0pt`;
}
