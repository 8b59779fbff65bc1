/**
 * Anonymised open-data export of the programme (convention: « les données saisies dans les carnets
 * sont publiées en open data à une échelle anonymisée »): carnets and works per commune and per
 * EPCI, with the statistical secret applied (statistical-secret.ts) and checked (disclosure-audit.ts)
 * on the very text that is written. The suppression pattern is the programme's one pattern
 * (public-programme-counts.ts), also shown on the dashboard with the partner-region totals: the
 * files publish a subset of its cells, so they reveal nothing the dashboard does not.
 *
 * Format: plain open-data CSV, not the French-Excel variant of csv-writer.ts. Comma separator,
 * UTF-8 WITHOUT byte order mark, CRLF line ends, one header line, integers without grouping: RFC
 * 4180 as recommended for data.gouv.fr (OpenDataFrance, « Produire un fichier CSV de qualité »,
 * v2.0, 2022). Open data is read by programs first; the counts have no decimal to localise, and a
 * BOM or `;` would break naive readers. A suppressed cell is written `s`.
 *
 * Published columns: `carnets` and `travaux` only. Every extra count column (works by type, by
 * label jump…) would split the same households into smaller cells, most of them suppressed at the
 * commune level, and would add relations between columns (e.g. `sorties_passoire ≤ travaux`) that
 * the disclosure audit would have to model.
 */

import { type CsvColumn, formatCsv, OPEN_DATA } from '../domain/csv-writer.ts';
import type { ProgrammeData } from '../domain/programme-data.ts';
import { isDemoData } from '../domain/programme-data.ts';
import { SECRET_MARK } from '../domain/public-figures.ts';
import {
  auditPublicCounts,
  COMMUNE_LEVEL,
  EPCI_LEVEL,
  type MemberCommune,
  type PublicPair,
  suppressProgrammeCounts,
  toPublicProgrammeCounts,
} from '../domain/public-programme-counts.ts';
import {
  auditPublishedTable,
  type PublishedCountTable,
  type PublishedValue,
  type TableAudit,
} from '../domain/published-counts.ts';
import { trueTreeValues } from '../domain/secret-publication.ts';
import {
  SECRET_THRESHOLD,
  type SuppressedTree,
  type SuppressionSummary,
} from '../domain/statistical-secret.ts';

export type { MemberCommune };

/** What a suppressed cell is written as. */
const SUPPRESSED_MARK = SECRET_MARK;

/** File names in the output directory. */
export const OPEN_DATA_FILES = {
  communes: 'communes.csv',
  epci: 'epci.csv',
  readme: 'README.md',
} as const;

const valuesOf = (pair: PublicPair | undefined): PublishedValue[] => {
  if (pair === undefined) throw new RangeError('A node of the tree has no published pair');
  return [pair.carnets, pair.works];
};

/**
 * The communes and EPCI of the programme's one suppression pattern (public-programme-counts.ts),
 * with the published total: the cells the dashboard shows at these levels. A commune of the
 * « hors » group is a commune without EPCI.
 */
export function openDataTable(tree: SuppressedTree): PublishedCountTable {
  const counts = toPublicProgrammeCounts(tree);
  const communes = tree.nodes.filter((n) => n.level === COMMUNE_LEVEL);
  return {
    columns: tree.columns.map((c) => c.id),
    cells: communes.map((node) => ({
      code: node.code,
      parent: node.parent?.level === EPCI_LEVEL ? node.parent.code : null,
      values: valuesOf(counts.communes.get(node.code)),
    })),
    parents: tree.nodes
      .filter((n) => n.level === EPCI_LEVEL)
      .map((node) => ({ code: node.code, values: valuesOf(counts.epcis.get(node.code)) })),
    total: valuesOf(counts.total),
  };
}

/** Counts of the cells the files publish (communes, EPCI and totals) and of their suppressions. */
function fileSummary(tree: SuppressedTree): SuppressionSummary {
  const summary: SuppressionSummary = { cells: 0, primary: 0, secondary: 0 };
  const inFiles = tree.nodes.filter((n) => n.level === COMMUNE_LEVEL || n.level === EPCI_LEVEL);
  for (const cell of [...inFiles.flatMap((n) => n.cells), ...tree.total]) {
    summary.cells++;
    if (cell.suppressed === 'primary') summary.primary++;
    if (cell.suppressed === 'secondary') summary.secondary++;
  }
  return summary;
}

/** One row of a published CSV file. */
interface CsvRow {
  codes: string[];
  values: readonly PublishedValue[];
}

function csvColumns(
  codeHeaders: readonly string[],
  counts: readonly string[],
): CsvColumn<CsvRow>[] {
  return [
    ...codeHeaders.map((header, i) => ({ header, value: (row: CsvRow) => row.codes[i] ?? '' })),
    ...counts.map((header, i) => ({
      header,
      value: (row: CsvRow) => row.values[i] ?? SUPPRESSED_MARK,
    })),
  ];
}

/** `communes.csv`: `code_commune,code_epci,<counts>`; an empty `code_epci` outside any EPCI. */
export function formatCommunesCsv(table: PublishedCountTable): string {
  return formatCsv(
    csvColumns(['code_commune', 'code_epci'], table.columns),
    table.cells.map((c) => ({ codes: [c.code, c.parent ?? ''], values: c.values })),
    OPEN_DATA,
  );
}

/** `epci.csv`: `code_epci,<counts>`. */
export function formatEpciCsv(table: PublishedCountTable): string {
  return formatCsv(
    csvColumns(['code_epci'], table.columns),
    table.parents.map((p) => ({ codes: [p.code], values: p.values })),
    OPEN_DATA,
  );
}

/** Reads a published CSV back: header check, `s` → null, whole numbers. */
function parseCsv(text: string, codeHeaders: readonly string[], file: string) {
  const lines = text.split('\r\n');
  if (lines.at(-1) === '') lines.pop();
  const header = (lines.shift() ?? '').split(',');
  const columns = header.slice(codeHeaders.length);
  if (codeHeaders.some((h, i) => header[i] !== h) || columns.length === 0) {
    throw new RangeError(`${file}: unexpected header ${header.join(',')}`);
  }
  const rows = lines.map((line, i) => {
    const fields = line.split(',');
    if (fields.length !== header.length || line.includes('"')) {
      throw new RangeError(
        `${file}, line ${i + 2}: ${fields.length} fields, ${header.length} expected`,
      );
    }
    const values = fields.slice(codeHeaders.length).map((field) => {
      if (field === SUPPRESSED_MARK) return null;
      if (!/^\d+$/.test(field))
        throw new RangeError(`${file}, line ${i + 2}: not a count: ${field}`);
      return Number(field);
    });
    return { codes: fields.slice(0, codeHeaders.length), values };
  });
  return { columns, rows };
}

/**
 * The published table as an attacker would rebuild it from the two files and the published
 * totals (null when the totals are not published).
 */
export function parseOpenDataFiles(
  communesCsv: string,
  epciCsv: string,
  total: readonly PublishedValue[] | null,
): PublishedCountTable {
  const communes = parseCsv(communesCsv, ['code_commune', 'code_epci'], OPEN_DATA_FILES.communes);
  const epci = parseCsv(epciCsv, ['code_epci'], OPEN_DATA_FILES.epci);
  if (communes.columns.join(',') !== epci.columns.join(',')) {
    throw new RangeError('communes.csv and epci.csv do not have the same count columns');
  }
  return {
    columns: communes.columns,
    cells: communes.rows.map((r) => ({
      code: r.codes[0] ?? '',
      parent: r.codes[1] === '' || r.codes[1] === undefined ? null : r.codes[1],
      values: r.values,
    })),
    parents: epci.rows.map((r) => ({ code: r.codes[0] ?? '', values: r.values })),
    total,
  };
}

/** What the README says beside the figures. */
export interface OpenDataReadmeInput {
  programme: { name: string; reference: string };
  demo: boolean;
  /** Territory reference of the codes, e.g. « COG 2023 ». */
  territoryReference: string;
  /** First and last dates of the carnets and works counted. */
  period: { first: string | null; last: string | null };
  communes: number;
  epci: number;
  columns: readonly string[];
  totals: readonly PublishedValue[];
  summary: SuppressionSummary;
  threshold: number;
}

const totalText = (v: PublishedValue | undefined) =>
  v === null || v === undefined ? 'secret' : String(v);

/** The French README of the export. */
export function formatOpenDataReadme(input: OpenDataReadmeInput): string {
  const { programme, threshold } = input;
  const totals = input.columns.map((c, i) => `${c} : ${totalText(input.totals[i])}`).join(' ; ');
  const period =
    input.period.first === null
      ? 'aucun carnet ni travaux'
      : `carnets ouverts et travaux recensés du ${input.period.first} au ${input.period.last}`;
  return [
    `# Carnets et travaux du programme ${programme.name} (${programme.reference}) par commune et par EPCI`,
    '',
    ...(input.demo
      ? [
          '> **DONNÉES DE DÉMONSTRATION FICTIVES — NE PAS UTILISER COMME DONNÉES RÉELLES.**',
          '> Les carnets et travaux comptés ici ont été générés au hasard (source « démonstration ») ;',
          '> seuls les codes des communes et des EPCI sont réels.',
          '',
        ]
      : []),
    'Nombre de carnets d’information du logement ouverts et de travaux de rénovation recensés dans',
    'ces carnets, par commune et par EPCI, anonymisés selon les règles du secret statistique.',
    '',
    '## Fichiers',
    '',
    `- \`${OPEN_DATA_FILES.communes}\` (${input.communes} lignes) : toutes les communes des EPCI adhérents au programme`,
    '  ou comptant au moins un carnet, y compris celles qui n’en comptent aucun, et les communes hors EPCI',
    '  qui comptent un carnet.',
    `- \`${OPEN_DATA_FILES.epci}\` (${input.epci} lignes) : les mêmes chiffres totalisés par EPCI (somme des communes de l’EPCI).`,
    '',
    '## Colonnes',
    '',
    '| colonne | contenu |',
    '|---|---|',
    `| \`code_commune\` | code officiel géographique INSEE de la commune (${input.territoryReference}) |`,
    '| `code_epci` | SIREN de l’EPCI à fiscalité propre (vide pour une commune hors EPCI) |',
    '| `carnets` | nombre de carnets ouverts pour des logements de la commune (ou de l’EPCI) |',
    '| `travaux` | nombre de travaux recensés dans ces carnets (un carnet peut en compter plusieurs) |',
    '',
    `## Secret statistique : valeurs « ${SUPPRESSED_MARK} »`,
    '',
    `Une case « ${SUPPRESSED_MARK} » est masquée : ce n’est pas un zéro, ne la remplacez pas par 0.`,
    '',
    `- Secret primaire : toute case comptant de 1 à ${threshold - 1} unités est masquée (règle de la DGFiP : aucune`,
    `  case de moins de ${threshold} unités). Les zéros sont publiés, sauf « 0 travaux » là où les carnets`,
    `  sont eux-mêmes de 1 à ${threshold - 1} : ce zéro renseignerait sur chacun de ces quelques ménages ; il`,
    `  reste publié quand un total englobant (EPCI, région, total général) affiche déjà 0 travaux pour`,
    `  ${threshold} carnets ou plus, car il s’en déduit.`,
    '- Secret secondaire : pour qu’aucune case masquée ne puisse être retrouvée par différence avec le total',
    '  de l’EPCI, de la région ou le total général, chaque somme publiée compte zéro ou au moins deux cases masquées, et',
    `  les cases masquées sous une somme publiée totalisent au moins ${threshold} unités (sinon on saurait`,
    '  qu’elles sont toutes petites). Les cases masquées en plus sont les plus petites de leur groupe.',
    '- Totaux régionaux : le tableau de bord du programme affiche aussi ces chiffres par région partenaire',
    '  (EPCI adhérents de la région) et pour l’ensemble « Hors territoires adhérents » (EPCI non adhérents et',
    '  communes hors EPCI). Ces totaux régionaux participent au secret secondaire : l’écran et ces fichiers',
    '  masquent les mêmes cases (hiérarchie communes → EPCI → région → total), si bien que les rapprocher',
    '  ne permet de retrouver aucune case masquée.',
    '- Vérification : avant écriture, les fichiers relus, puis l’ensemble des chiffres publiés (régions',
    '  comprises), sont soumis à un calcul des valeurs possibles de chaque case masquée à partir des totaux',
    '  publiés (propagation d’intervalles, exacte sur ces tableaux hiérarchiques) : aucune case de moins de',
    `  ${threshold} unités n’est déterminée ni bornée sous ${threshold}.`,
    '',
    `Cases publiées : ${input.summary.cells}, dont ${input.summary.primary} masquées par secret primaire et ${input.summary.secondary} par secret secondaire.`,
    '',
    '## Totaux',
    '',
    `Total général (somme des EPCI et des communes hors EPCI) : ${totals}.`,
    '',
    '## Millésime',
    '',
    `Données du programme : ${period}. Codes des territoires : ${input.territoryReference}.`,
    '',
    '## Format',
    '',
    'CSV séparé par des virgules, encodé en UTF-8 sans BOM, fins de ligne CRLF, une ligne d’en-tête',
    '(RFC 4180, recommandations de data.gouv.fr et d’OpenDataFrance). Les codes sont du texte : gardez',
    'les zéros initiaux (01…, 2A…).',
    '',
    '## Licence',
    '',
    '- Données : Licence Ouverte / Open Licence version 2.0 (Etalab).',
    '- Code qui les produit (`npm run opendata`) : EUPL 1.2.',
    '',
  ].join('\n');
}

/** Inputs of {@link buildOpenDataExport}. */
export interface OpenDataInput {
  data: ProgrammeData;
  membership: readonly MemberCommune[];
  /** Partner region codes (`config.partner_regions`): the regional totals of the dashboard. */
  partnerRegions: readonly string[];
  programme: { name: string; reference: string };
  territoryReference: string;
}

/** The three files, the figures and the audits of what they publish. */
export interface OpenDataExport {
  files: { communes: string; epci: string; readme: string };
  summary: SuppressionSummary & {
    communes: number;
    epci: number;
    demo: boolean;
    totals: Record<string, PublishedValue>;
  };
  /** Audit of the files as written (re-read), against the true values. */
  audit: TableAudit;
  /** Audit of the whole pattern the files are drawn from (regions, EPCI, communes, total). */
  patternAudit: TableAudit;
}

function period(data: ProgrammeData): { first: string | null; last: string | null } {
  const dates = [
    ...data.carnets.map((c) => c.date_ouverture),
    ...data.works.map((w) => w.date_travaux),
  ].sort();
  return { first: dates[0] ?? null, last: dates.at(-1) ?? null };
}

/**
 * Builds the open-data files from the programme's one suppression pattern (the one the dashboard
 * shows): counts, CSV and README, then audits the files re-read as an attacker would (totals
 * included) and the whole four-level pattern. The caller must not write them unless both audits
 * passed.
 */
export function buildOpenDataExport(input: OpenDataInput): OpenDataExport {
  const tree = suppressProgrammeCounts(input.data, input.partnerRegions, input.membership);
  const published = openDataTable(tree);
  const communes = formatCommunesCsv(published);
  const epci = formatEpciCsv(published);
  const totals = published.total ?? [];
  const demo = isDemoData(input.data);
  const summary = fileSummary(tree);
  const readme = formatOpenDataReadme({
    programme: input.programme,
    demo,
    territoryReference: input.territoryReference,
    period: period(input.data),
    communes: published.cells.length,
    epci: published.parents.length,
    columns: published.columns,
    totals,
    summary,
    threshold: tree.threshold,
  });
  const truth = trueTreeValues(tree);
  const audit = auditPublishedTable(
    parseOpenDataFiles(communes, epci, totals),
    (id) => truth.get(id),
    SECRET_THRESHOLD,
  );
  return {
    files: { communes, epci, readme },
    summary: {
      ...summary,
      communes: published.cells.length,
      epci: published.parents.length,
      demo,
      totals: Object.fromEntries(published.columns.map((c, i) => [c, totals[i] ?? null])),
    },
    audit,
    patternAudit: auditPublicCounts(tree),
  };
}
