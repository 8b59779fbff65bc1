/**
 * Shape of `vintage-report.json` (docs/data-assets.md), written by the territory pack build and
 * read by the app: every mismatch between the COG vintage of the territory tables and the
 * vintages of the contours and of older data, so that none is hidden. Version
 * {@link VINTAGE_REPORT_VERSION}; fields are only ever added within a version.
 */

/** Version of the report's shape. */
export const VINTAGE_REPORT_VERSION = 2;

/** A territory named in the report. */
export interface NamedCode {
  code: string;
  nom: string;
}

/** A commune named in the report, with the département whose contour file it concerns. */
export interface CommuneMismatch extends NamedCode {
  code_departement: string;
}

/** A commune code that the COG has merged into another commune, and that commune. */
export interface MergedCommune extends NamedCode {
  /** The current commune (COG of the report) that absorbed `code`. */
  code_commune: string;
  nom_commune: string;
}

/** A commune whose EPCI differs between the COG and another vintage. */
export interface EpciChange extends NamedCode {
  /** EPCI in the COG of the report (null: outside any EPCI). */
  code_epci_cog: string | null;
  /** EPCI in the other vintage (the contour file, or the older COG). */
  code_epci_other: string | null;
}

/** The commune contour file of one département. */
export interface DepartementContours {
  code_departement: string;
  /** File name, relative to the manifest. */
  file: string;
  /** Communes of the département in the COG. */
  cog_count: number;
  /** Features written in the file (one per commune of the COG that has a contour). */
  contour_count: number;
  bytes: number;
}

/** How the commune contours match the COG communes. */
export interface CommuneContoursVintage {
  /** Metropolitan communes of the COG. */
  cog_count: number;
  /** Commune features read from the contour file (metropolitan, arrondissements left out). */
  contour_count: number;
  /** COG communes that no contour covers: missing from the map. */
  cog_without_contour: CommuneMismatch[];
  /** Contours of codes the COG does not know and cannot map: not drawn. */
  contours_without_cog: CommuneMismatch[];
  /** Contours of communes merged since the contours' vintage, drawn as part of their successor. */
  contours_merged: MergedCommune[];
  /** Communes whose EPCI in the contour file differs from the COG's (the COG's is written). */
  epci_changed: EpciChange[];
  /** Features of the contour file left out on purpose. */
  skipped: { arrondissements: number; outside_metropole: number };
  /** One file per département, in code order. */
  departements: DepartementContours[];
}

/** An older COG vintage that data may still carry, against the COG of the report. */
export interface OlderVintage {
  cog_year: number;
  /** Source file of that vintage (path in the sources layout). */
  source: string;
  /** Commune codes that vintage lists (members of its EPCI). */
  commune_count: number;
  /** Its codes merged since, with the commune they now belong to (data lands there). */
  merged: MergedCommune[];
  /** Its codes that are no current commune and have no successor (data stays outside). */
  unknown: NamedCode[];
  /** Communes (same code) whose EPCI changed since. */
  epci_changed: EpciChange[];
  /** Its EPCI that no longer exist. */
  epci_gone: NamedCode[];
}

/** The whole report. */
export interface VintageReport {
  version: typeof VINTAGE_REPORT_VERSION;
  /** COG year of the territory tables (`territory_commune`, `territory_epci`). */
  cog_year: number;
  /** Year of the commune and EPCI geometries. */
  contours_year: number;
  /** Metropolitan EPCI of the COG without a contour: missing from the EPCI map. */
  epci_without_contour: NamedCode[];
  /** EPCI contours of codes the COG does not know: not drawn. */
  contours_without_cog: NamedCode[];
  communes: CommuneContoursVintage;
  /** The table of merged communes (`commune_successor` in `stock.duckdb`) and its size. */
  successors: { table: string; count: number };
  /** Older vintages compared with the COG (empty when their source is absent). */
  older_vintages: OlderVintage[];
  /** Features of the source files that could not be read. */
  rejected_contours: { file: string; index: number; reason: string }[];
  /** The same, in short French lines, as printed by the build. */
  summary: string[];
}
