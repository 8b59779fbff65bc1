import { ShownValue } from '../../components/secret-mark.tsx';
import { formatDecimal, formatInteger, formatPercent } from '../../domain/format.ts';
import type { ShownCounts } from '../../domain/public-figures.ts';

/** A conversion rate (works per carnet), in percent. */
const rate = (x: number | null) => formatPercent(x, 1);

/** Carnets per 1,000 F/G dwellings. */
export const penetration = (x: number | null) => formatDecimal(x, 1);

/** The carnets, works and conversion cells of a breakdown row ("s" where withheld). */
export function CountCells({ shown }: { shown: ShownCounts }) {
  return (
    <>
      <td className="numeric">
        <ShownValue value={shown.carnets} format={formatInteger} />
      </td>
      <td className="numeric">
        <ShownValue value={shown.works} format={formatInteger} />
      </td>
      <td className="numeric">
        <ShownValue value={shown.conversion} format={rate} />
      </td>
    </>
  );
}
