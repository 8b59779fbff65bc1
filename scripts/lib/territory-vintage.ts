/**
 * Comparisons between the COG vintage of the territory tables and the vintages of the contour
 * files and of older data, so that every mismatch is reported (src/domain/vintage-report.ts)
 * rather than hidden.
 */
import type { TerritoryCommune } from '../../src/domain/territory.ts';
import type {
  EpciChange,
  MergedCommune,
  NamedCode,
  OlderVintage,
  VintageReport,
} from '../../src/domain/vintage-report.ts';

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
  const named = ({ code, nom }: NamedCode) => ({ code, nom });
  return {
    epci_without_contour: cogEpcis
      .filter((e) => !contourCodes.has(e.code_epci))
      .map((e) => ({ code: e.code_epci, nom: e.nom_epci }))
      .sort(byCode),
    contours_without_cog: contours
      .filter((c) => !cogCodes.has(c.code) && !outOfScope.has(c.code))
      .map(named)
      .sort(byCode),
    out_of_scope: contours
      .filter((c) => outOfScope.has(c.code))
      .map(named)
      .sort(byCode),
  };
}

/** An EPCI of an older COG vintage with its member communes. */
export interface OlderEpci {
  code: string;
  nom: string;
  membres: { code: string; nom?: string }[];
}

/**
 * Compares an older COG vintage (its EPCI and their members) with the current territory tables:
 * member codes merged since (with their successor), codes unknown now, communes whose EPCI
 * changed, EPCI gone. Only metropolitan codes of the older vintage are compared when
 * `isInScope` says so (overseas communes are not in the current tables).
 */
export function compareOlderVintage(
  older: { cog_year: number; source: string; epcis: readonly OlderEpci[] },
  current: { communes: readonly TerritoryCommune[]; epciCodes: ReadonlySet<string> },
  successorOf: (code: string) => string | undefined,
  isInScope: (codeCommune: string) => boolean,
): OlderVintage {
  const currentByCode = new Map(current.communes.map((c) => [c.code_commune, c]));
  const merged: MergedCommune[] = [];
  const unknown: NamedCode[] = [];
  const epciChanged: EpciChange[] = [];
  const seen = new Set<string>();
  for (const epci of older.epcis) {
    for (const member of epci.membres) {
      if (!isInScope(member.code) || seen.has(member.code)) continue;
      seen.add(member.code);
      const nom = member.nom ?? '';
      const now = currentByCode.get(member.code);
      if (now !== undefined) {
        if (now.code_epci !== epci.code) {
          epciChanged.push({
            code: member.code,
            nom: now.nom_commune,
            code_epci_cog: now.code_epci,
            code_epci_other: epci.code,
          });
        }
        continue;
      }
      const successor = successorOf(member.code);
      const target = successor === undefined ? undefined : currentByCode.get(successor);
      if (target === undefined) unknown.push({ code: member.code, nom });
      else {
        merged.push({
          code: member.code,
          nom,
          code_commune: target.code_commune,
          nom_commune: target.nom_commune,
        });
      }
    }
  }
  const inScope = older.epcis.filter((e) => e.membres.some((m) => isInScope(m.code)));
  return {
    cog_year: older.cog_year,
    source: older.source,
    commune_count: seen.size,
    merged: merged.sort(byCode),
    unknown: unknown.sort(byCode),
    epci_changed: epciChanged.sort(byCode),
    epci_gone: inScope
      .filter((e) => !current.epciCodes.has(e.code))
      .map(({ code, nom }) => ({ code, nom }))
      .sort(byCode),
  };
}

const fr = (n: number) => n.toLocaleString('fr-FR');

function list(items: readonly NamedCode[]): string {
  if (items.length === 0) return '';
  const shown = items.slice(0, 5).map((i) => `${i.code} ${i.nom}`);
  return ` : ${shown.join(', ')}${items.length > 5 ? '…' : ''}`;
}

function mergedList(items: readonly MergedCommune[]): string {
  if (items.length === 0) return '';
  const shown = items.slice(0, 5).map((i) => `${i.code} → ${i.code_commune}`);
  return ` : ${shown.join(', ')}${items.length > 5 ? '…' : ''}`;
}

/** A short French summary of the report, one line per topic, for the build log and the app. */
export function summariseVintageReport(report: Omit<VintageReport, 'summary'>): string[] {
  const { cog_year: cog, contours_year: contours, communes: c } = report;
  const lines = [
    `EPCI du COG ${cog} sans contour ${contours} : ${report.epci_without_contour.length}${list(report.epci_without_contour)}`,
    `Contours EPCI ${contours} absents du COG ${cog} : ${report.contours_without_cog.length}${list(report.contours_without_cog)}`,
    `Communes : ${fr(c.cog_count)} au COG ${cog}, ${fr(c.contour_count)} contours ${contours} en ${c.departements.length} fichiers départementaux` +
      (c.skipped.arrondissements + c.skipped.outside_metropole > 0
        ? ` (écartés : ${c.skipped.arrondissements} arrondissements municipaux, ${c.skipped.outside_metropole} hors métropole)`
        : ''),
    `Communes du COG ${cog} sans contour : ${c.cog_without_contour.length}${list(c.cog_without_contour)}`,
    `Contours de communes absentes du COG ${cog} : ${c.contours_without_cog.length}${list(c.contours_without_cog)}`,
    `Contours de communes fusionnées depuis ${contours}, dessinés avec leur commune nouvelle : ${c.contours_merged.length}${mergedList(c.contours_merged)}`,
    `Communes dont l'EPCI diffère entre les contours et le COG ${cog} (EPCI du COG retenu) : ${c.epci_changed.length}${list(c.epci_changed)}`,
    `Table des communes fusionnées (${report.successors.table}) : ${fr(report.successors.count)} anciens codes rattachés à leur commune actuelle`,
  ];
  for (const older of report.older_vintages) {
    lines.push(
      `COG ${older.cog_year} → ${cog} (${older.source}) : ${fr(older.commune_count)} communes ; fusionnées depuis ${older.merged.length}${mergedList(older.merged)} ; ` +
        `sans successeur ${older.unknown.length}${list(older.unknown)} ; EPCI changé ${older.epci_changed.length}${list(older.epci_changed)} ; ` +
        `EPCI disparus ${older.epci_gone.length}${list(older.epci_gone)}`,
    );
  }
  const rejected = report.rejected_contours;
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
