import { formatInteger } from '../../domain/format.ts';
import type {
  CommuneMismatch,
  EpciChange,
  MergedCommune,
  NamedCode,
  VintageReport,
} from '../../domain/vintage-report.ts';

/** One list of mismatches: its French label and its entries as lines. */
interface MismatchList {
  id: string;
  label: string;
  lines: string[];
}

const named = (entry: NamedCode) => `${entry.code} ${entry.nom}`;
const commune = (entry: CommuneMismatch) => `${named(entry)} (dép. ${entry.code_departement})`;
const merged = (entry: MergedCommune) =>
  `${named(entry)} → ${entry.code_commune} ${entry.nom_commune}`;
const epci = (code: string | null) => (code === null ? 'sans EPCI' : `EPCI ${code}`);
const changed = (entry: EpciChange) =>
  `${named(entry)} : ${epci(entry.code_epci_other)} → ${epci(entry.code_epci_cog)}`;

/** The lists comparing the contours with the COG, in the order of the report. */
export function contourLists(report: VintageReport): MismatchList[] {
  const { cog_year: cog, contours_year: contours, communes } = report;
  return [
    {
      id: 'epci-without-contour',
      label: `EPCI du COG ${cog} sans contour ${contours} (absents de la carte des EPCI)`,
      lines: report.epci_without_contour.map(named),
    },
    {
      id: 'epci-contours-without-cog',
      label: `Contours d’EPCI inconnus du COG ${cog} (dessinés, sans données)`,
      lines: report.contours_without_cog.map(named),
    },
    {
      id: 'communes-without-contour',
      label: `Communes du COG ${cog} sans contour (absentes de la carte)`,
      lines: communes.cog_without_contour.map(commune),
    },
    {
      id: 'commune-contours-without-cog',
      label: `Contours de communes inconnues du COG ${cog} (non dessinés)`,
      lines: communes.contours_without_cog.map(commune),
    },
    {
      id: 'commune-contours-merged',
      label: `Contours de communes fusionnées depuis ${contours} (dessinés avec leur commune nouvelle)`,
      lines: communes.contours_merged.map(merged),
    },
    {
      id: 'commune-epci-changed',
      label: `Communes dont l’EPCI diffère entre les contours et le COG (contours → COG, celui du COG est retenu)`,
      lines: communes.epci_changed.map(changed),
    },
    {
      id: 'rejected-contours',
      label: 'Entités illisibles des fichiers de contours (non dessinées)',
      lines: report.rejected_contours.map(
        (entry) => `${entry.file}, entité ${formatInteger(entry.index)} : ${entry.reason}`,
      ),
    },
  ];
}

/** The lists comparing an older COG with the current one. */
export function olderVintageLists(
  report: VintageReport,
  older: VintageReport['older_vintages'][number],
): MismatchList[] {
  const from = older.cog_year;
  const to = report.cog_year;
  return [
    {
      id: `older-${from}-merged`,
      label: `Codes de ${from} fusionnés depuis (les données qui les portent vont à la commune nouvelle)`,
      lines: older.merged.map(merged),
    },
    {
      id: `older-${from}-unknown`,
      label: `Codes de ${from} disparus sans successeur (données laissées hors territoire)`,
      lines: older.unknown.map(named),
    },
    {
      id: `older-${from}-epci-changed`,
      label: `Communes qui ont changé d’EPCI (${from} → ${to})`,
      lines: older.epci_changed.map(changed),
    },
    {
      id: `older-${from}-epci-gone`,
      label: `EPCI de ${from} disparus`,
      lines: older.epci_gone.map(named),
    },
  ];
}

/** Lists of mismatches: a line « 0 » when empty, else a collapsible list with its count. */
export function MismatchLists({ lists }: { lists: readonly MismatchList[] }) {
  return (
    <ul className="vintage-lists">
      {lists.map((list) => (
        <li key={list.id} data-testid={`vintage-${list.id}`} data-count={list.lines.length}>
          {list.lines.length === 0 ? (
            <p className="vintage-list-empty">
              {list.label} : <strong>0</strong>
            </p>
          ) : (
            <details>
              <summary>
                {list.label} : <strong>{formatInteger(list.lines.length)}</strong>
              </summary>
              <ul className="vintage-list-lines">
                {list.lines.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}
