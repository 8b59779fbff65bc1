import { DescriptionItem } from '../../components/description-item.tsx';
import { ProgrammeSection } from '../../components/programme/programme-section.tsx';
import { formatDecimal, formatInteger } from '../../domain/format.ts';
import type { SavingsSummary } from '../../domain/savings.ts';

/** Estimated annual energy savings of the recorded works, with the method next to the figures. */
export function SavingsPanel({ savings, demo }: { savings: SavingsSummary; demo: boolean }) {
  const byMethod = savings.works_by_method;
  return (
    <ProgrammeSection
      titleId="savings-title"
      title="Économies d’énergie estimées des travaux recensés"
      demo={demo}
      className="savings-panel"
      testId="savings"
      data={{
        'data-final-mwh': savings.final_mwh_per_year,
        'data-primary-mwh': savings.primary_mwh_per_year,
        'data-tco2e': savings.tco2e_per_year,
      }}
    >
      <div className="savings-body">
        <dl className="savings-figures">
          <DescriptionItem term="Énergie finale">
            <strong>{formatDecimal(savings.final_mwh_per_year, 1)}</strong> MWh/an
          </DescriptionItem>
          <DescriptionItem term="Énergie primaire">
            <strong>{formatDecimal(savings.primary_mwh_per_year, 1)}</strong> MWh/an
          </DescriptionItem>
          <DescriptionItem term="Émissions évitées">
            <strong>{formatDecimal(savings.tco2e_per_year, 1)}</strong> tCO2e/an
          </DescriptionItem>
        </dl>
        <div className="savings-method" data-testid="savings-method">
          <h3>Méthode</h3>
          <p>{savings.method}</p>
          <p className="muted small">
            Travaux par méthode : {formatInteger(byMethod.consommations)} d’après les consommations,{' '}
            {formatInteger(byMethod.etiquettes)} d’après les étiquettes,{' '}
            {formatInteger(byMethod.non_estime)} non estimés.
          </p>
        </div>
      </div>
    </ProgrammeSection>
  );
}
