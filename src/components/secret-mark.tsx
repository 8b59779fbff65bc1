import { SECRET_MARK, type ShownFigure } from '../domain/public-figures.ts';

/** « s » for a figure withheld by the statistical secret, else the formatted figure. */
export function ShownValue({
  value,
  format,
}: {
  value: ShownFigure;
  format: (n: number | null) => string;
}) {
  if (value !== 'secret') return <>{format(value)}</>;
  return (
    <abbr
      className="secret-mark"
      title="Secret statistique : effectif de moins de 11, ou qui permettrait d’en retrouver un par différence"
    >
      {SECRET_MARK}
    </abbr>
  );
}
