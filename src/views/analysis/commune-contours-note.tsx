import type { TerritoryRef } from '../../domain/territory.ts';
import {
  departementsOfRegion,
  type TerritoryHierarchy,
  territoryInfo,
} from '../../domain/territory-hierarchy.ts';
import type { LevelContoursState } from './use-level-contours.ts';

/** Props of {@link CommuneContoursNote}. */
export interface CommuneContoursNoteProps {
  contours: LevelContoursState;
  hierarchy: TerritoryHierarchy;
  /** The territory whose communes are asked for (null: France). */
  parent: TerritoryRef | null;
  /** Shows the communes of a département. */
  onChooseDepartement: (code: string) => void;
}

function departementName(hierarchy: TerritoryHierarchy, code: string): string {
  const name = territoryInfo(hierarchy, { level: 'departement', code })?.name;
  return name === undefined ? code : `${name} (${code})`;
}

/**
 * What the commune level cannot show, said in the page: over France or a région, that a
 * département or an EPCI must be chosen (with the région's départements as buttons); after a
 * damaged build, which départements have no commune file.
 */
export function CommuneContoursNote(props: CommuneContoursNoteProps) {
  const { contours, hierarchy, parent, onChooseDepartement } = props;
  if (contours.status === 'choose-parent') {
    const region = parent?.level === 'region' ? parent.code : null;
    const departements = region === null ? [] : departementsOfRegion(hierarchy, region);
    return (
      <div className="analysis-note" role="status" data-testid="communes-choose-note">
        <p>
          {region === null
            ? 'Les communes se voient par département ou par EPCI : choisissez une région, puis un département.'
            : 'Les communes se voient par département ou par EPCI : choisissez un département.'}
        </p>
        {departements.length > 0 && (
          <div className="analysis-note-actions">
            {departements.map((info) => (
              <button
                key={info.code}
                type="button"
                className="button"
                onClick={() => onChooseDepartement(info.code)}
              >
                {info.name}
              </button>
            ))}
          </div>
        )}
      </div>
    );
  }
  if (contours.status !== 'ready' || contours.missing.length === 0) return null;
  const names = contours.missing.map((code) => departementName(hierarchy, code));
  const files = contours.missing.map((code) => `communes-${code}.geojson`);
  return (
    <div className="analysis-note" role="alert" data-testid="communes-missing-note">
      <p>
        Contours des communes introuvables pour {names.join(', ')} : les données construites sont
        incomplètes ({files.join(', ')} manquant{files.length > 1 ? 's' : ''}) et ces communes ne
        sont pas dessinées. Reconstruisez les données du tableau de bord{' ('}
        <code>npm run data:demo</code> pour la démonstration, <code>npm run data:build</code> pour
        vos fichiers) puis rechargez la page.
      </p>
    </div>
  );
}
