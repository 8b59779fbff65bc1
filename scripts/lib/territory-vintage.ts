/**
 * Comparisons between the COG vintage of the territory tables and the vintage of the contour
 * files, so that every mismatch is reported rather than hidden.
 */
import type { TerritoryCommune, VintageReport } from '../../src/domain/territory.ts';

/** A territory named in a vintage report. */
export interface NamedCode {
  code: string;
  nom: string;
}

/** A commune whose EPCI differs between the COG and the commune contour file. */
export interface EpciChange extends NamedCode {
  code_epci_cog: string | null;
  code_epci_contours: string | null;
}

/** How the communes of one contour file (one département) match the COG communes. */
export interface CommuneContourVintage {
  code_departement: string;
  cog_year: number;
  contours_year: number;
  cog_count: number;
  contour_count: number;
  /** Communes in the contour file that the COG does not know (created since, e.g. mergers). */
  contours_without_cog: NamedCode[];
  /** COG communes without a contour (merged or renamed since). */
  cog_without_contour: NamedCode[];
  /** Communes in both whose EPCI changed between the two vintages. */
  epci_changed: EpciChange[];
}

/** A feature of a source file that was not read. */
export interface RejectedContour {
  file: string;
  index: number;
  reason: string;
}

/**
 * The vintage report of the territory pack: `VintageReport` plus optional details (proposed
 * for `src/domain/territory.ts`).
 */
export interface TerritoryVintageReport extends VintageReport {
  commune_contours?: CommuneContourVintage[];
  rejected_contours?: RejectedContour[];
}

const byCode = (a: NamedCode, b: NamedCode) => a.code.localeCompare(b.code);

/**
 * Matches COG EPCI against contours. Contours of EPCI known to the COG but out of scope
 * (overseas) are set aside in `out_of_scope`.
 */
export function compareEpciVintage(
  cogEpcis: readonly { code_epci: string; nom_epci: string }[],
  contours: readonly NamedCode[],
  outOfScope: ReadonlySet<string> = new Set(),
): Pick<VintageReport, 'epci_without_contour' | 'contours_without_cog'> & {
  out_of_scope: NamedCode[];
} {
  const contourCodes = new Set(contours.map((c) => c.code));
  const cogCodes = new Set(cogEpcis.map((e) => e.code_epci));
  return {
    epci_without_contour: cogEpcis
      .filter((e) => !contourCodes.has(e.code_epci))
      .map((e) => ({ code: e.code_epci, nom: e.nom_epci }))
      .sort(byCode),
    contours_without_cog: contours
      .filter((c) => !cogCodes.has(c.code) && !outOfScope.has(c.code))
      .map(({ code, nom }) => ({ code, nom }))
      .sort(byCode),
    out_of_scope: contours
      .filter((c) => outOfScope.has(c.code))
      .map(({ code, nom }) => ({ code, nom }))
      .sort(byCode),
  };
}

/** Matches the COG communes of a département against a commune contour file. */
export function compareCommuneVintage(
  codeDepartement: string,
  cogCommunes: readonly TerritoryCommune[],
  contours: readonly (NamedCode & { code_epci: string | null })[],
  years: { cog: number; contours: number },
): CommuneContourVintage {
  const cog = cogCommunes.filter((c) => c.code_departement === codeDepartement);
  const cogByCode = new Map(cog.map((c) => [c.code_commune, c]));
  const contourCodes = new Set(contours.map((c) => c.code));
  const epciChanged: EpciChange[] = [];
  for (const contour of contours) {
    const commune = cogByCode.get(contour.code);
    if (
      commune !== undefined &&
      contour.code_epci !== null &&
      commune.code_epci !== contour.code_epci
    ) {
      epciChanged.push({
        code: contour.code,
        nom: contour.nom,
        code_epci_cog: commune.code_epci,
        code_epci_contours: contour.code_epci,
      });
    }
  }
  return {
    code_departement: codeDepartement,
    cog_year: years.cog,
    contours_year: years.contours,
    cog_count: cog.length,
    contour_count: contours.length,
    contours_without_cog: contours
      .filter((c) => !cogByCode.has(c.code))
      .map(({ code, nom }) => ({ code, nom }))
      .sort(byCode),
    cog_without_contour: cog
      .filter((c) => !contourCodes.has(c.code_commune))
      .map((c) => ({ code: c.code_commune, nom: c.nom_commune }))
      .sort(byCode),
    epci_changed: epciChanged.sort(byCode),
  };
}

/** A short French summary of the report, one line per topic, for stderr. */
export function summariseVintageReport(report: TerritoryVintageReport): string[] {
  const list = (items: readonly NamedCode[]) =>
    items.length === 0
      ? ''
      : ` : ${items
          .slice(0, 5)
          .map((i) => `${i.code} ${i.nom}`)
          .join(', ')}${items.length > 5 ? '…' : ''}`;
  const lines = [
    `EPCI du COG ${report.cog_year} sans contour ${report.contours_year} : ${report.epci_without_contour.length}${list(report.epci_without_contour)}`,
    `Contours EPCI ${report.contours_year} absents du COG ${report.cog_year} : ${report.contours_without_cog.length}${list(report.contours_without_cog)}`,
  ];
  for (const c of report.commune_contours ?? []) {
    lines.push(
      `Communes du ${c.code_departement} : ${c.contour_count} contours ${c.contours_year}, ${c.cog_count} communes COG ${c.cog_year} ; ` +
        `absentes du COG ${c.contours_without_cog.length}${list(c.contours_without_cog)} ; ` +
        `sans contour ${c.cog_without_contour.length}${list(c.cog_without_contour)} ; ` +
        `EPCI changé ${c.epci_changed.length}${list(c.epci_changed)}`,
    );
  }
  const rejected = report.rejected_contours ?? [];
  if (rejected.length > 0) {
    lines.push(
      `Contours rejetés : ${rejected.length} (${rejected
        .slice(0, 3)
        .map((r) => `${r.file} n° ${r.index} : ${r.reason}`)
        .join(' ; ')}${rejected.length > 3 ? '…' : ''})`,
    );
  }
  return lines;
}
