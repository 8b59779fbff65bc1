import { CapBar } from '../../components/programme/cap-bar.tsx';
import { ProgrammeSection } from '../../components/programme/programme-section.tsx';
import { ShownValue } from '../../components/secret-mark.tsx';
import { formatInteger, formatPercent } from '../../domain/format.ts';
import type { KpiValue, ProgrammeKpis, TargetTrajectory } from '../../domain/programme-kpis.ts';

/** Props of {@link ProgrammeKpiCards}. */
export interface ProgrammeKpiCardsProps {
  kpis: ProgrammeKpis;
  /** Where the linear target trajectory stands at the date of the data, for a marker. */
  trajectory: TargetTrajectory | null;
  /** French date of the data (« 30 juin 2021 »). */
  asOfText: string;
  /** Whether the figures come from the demonstration programme. */
  demo: boolean;
  /** KPIs withheld by the statistical secret (public mode, a national total under 11). */
  withheld?: ReadonlySet<'carnets' | 'works'>;
}

const CARDS = [
  {
    key: 'territories',
    title: 'Territoires adhérents',
    unit: 'territoires',
    note: 'EPCI ayant adopté le carnet (un opérateur de terrain par territoire)',
  },
  {
    key: 'carnets',
    title: 'Carnets ouverts',
    unit: 'carnets',
    note: 'Carnets d’information du logement ouverts par les opérateurs',
  },
  {
    key: 'works',
    title: 'Travaux recensés',
    unit: 'travaux',
    note: 'Travaux réalisés et consignés dans les carnets',
  },
] as const;

function KpiCard({
  id,
  title,
  note,
  unit,
  kpi,
  expected,
  withheld,
}: {
  id: string;
  title: string;
  note: string;
  unit: string;
  kpi: KpiValue;
  expected: number | null;
  withheld: boolean;
}) {
  if (withheld) return <WithheldKpiCard id={id} title={title} note={note} kpi={kpi} />;
  const progress = formatPercent(kpi.progress, 1);
  return (
    <article
      className="kpi-card"
      data-testid={`kpi-${id}`}
      data-value={kpi.value}
      data-target={kpi.target}
      aria-labelledby={`kpi-${id}-title`}
    >
      <h3 id={`kpi-${id}-title`}>{title}</h3>
      <p className="kpi-figure">
        <span className="kpi-value">{formatInteger(kpi.value)}</span>
        <span className="kpi-target"> / {formatInteger(kpi.target)}</span>
      </p>
      <CapBar
        value={kpi.progress}
        label={`${title} par rapport à l’objectif`}
        valueText={`${progress} de l’objectif de ${formatInteger(kpi.target)} ${unit}`}
        marker={expected === null || kpi.target === 0 ? null : expected / kpi.target}
        markerLabel={
          expected === null
            ? undefined
            : `Trajectoire linéaire : ${formatInteger(Math.round(expected))}`
        }
      />
      <p className="kpi-progress">
        <strong>{progress}</strong> de l’objectif
        {expected !== null && (
          <span className="muted">
            {' '}
            · trajectoire linéaire : {formatInteger(Math.round(expected))}
          </span>
        )}
      </p>
      <p className="kpi-note muted">{note}</p>
    </article>
  );
}

/** A KPI whose value the statistical secret withholds: no value, no progress that would give it. */
function WithheldKpiCard({
  id,
  title,
  note,
  kpi,
}: {
  id: string;
  title: string;
  note: string;
  kpi: KpiValue;
}) {
  return (
    <article
      className="kpi-card"
      data-testid={`kpi-${id}`}
      data-value="s"
      data-target={kpi.target}
      aria-labelledby={`kpi-${id}-title`}
    >
      <h3 id={`kpi-${id}-title`}>{title}</h3>
      <p className="kpi-figure">
        <span className="kpi-value">
          <ShownValue value="secret" format={formatInteger} />
        </span>
        <span className="kpi-target"> / {formatInteger(kpi.target)}</span>
      </p>
      <p className="kpi-progress muted">Moins de 11 au total : secret statistique.</p>
      <p className="kpi-note muted">{note}</p>
    </article>
  );
}

/** The three programme KPIs against the convention's targets, with progress bars. */
export function ProgrammeKpiCards({
  kpis,
  trajectory,
  asOfText,
  demo,
  withheld,
}: ProgrammeKpiCardsProps) {
  return (
    <ProgrammeSection
      titleId="programme-kpis-title"
      title={`Indicateurs au ${asOfText}, face aux objectifs de la convention`}
      demo={demo}
    >
      <div className="kpi-cards">
        {CARDS.map((card) => (
          <KpiCard
            key={card.key}
            id={card.key}
            title={card.title}
            note={card.note}
            unit={card.unit}
            kpi={kpis[card.key]}
            expected={trajectory === null ? null : trajectory[card.key]}
            withheld={card.key !== 'territories' && (withheld?.has(card.key) ?? false)}
          />
        ))}
      </div>
      <p className="muted small">
        Le trait vertical sur chaque barre marque la trajectoire linéaire de l’objectif à cette date
        : une aide à la lecture, la convention ne fixant que des objectifs finaux (art. 2 et 5).
      </p>
    </ProgrammeSection>
  );
}
