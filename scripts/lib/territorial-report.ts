/**
 * The territorial section of the calibration report in French markdown (for the README): period
 * shares per EPCI against the census, regional F+G against the published figures, and the
 * départements with the highest and lowest modelled F+G.
 */
import type { TerritorialValidation } from './territorial-validation.ts';

const fr = (x: number, digits = 1): string =>
  x.toLocaleString('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const signed = (x: number): string => {
  const rounded = Math.round(x * 10) / 10;
  return `${rounded < 0 ? '−' : '+'}${fr(Math.abs(rounded))}`;
};

const INDICATOR_LABELS = { fg: 'F+G', efg: 'E+F+G' } as const;

/** Markdown lines of the territorial section. */
export function formatTerritorialMarkdown(t: TerritorialValidation): string[] {
  const p = t.periods;
  const deps = [...t.departements].sort((a, b) => b.model_fg_pct - a.model_fg_pct);
  const depLine = (list: typeof deps) =>
    list
      .map(
        (d) =>
          `${d.code_departement} (${fr(d.model_fg_pct)} %, ${d.climate_zone ?? '?'}, ${fr(d.model_built_before_1946_pct, 0)} % d’avant 1946)`,
      )
      .join(', ');
  return [
    `#### Périodes de construction des résidences principales par EPCI (${p.epci_compared.toLocaleString('fr-FR')} EPCI)`,
    '',
    `Référence : ${p.reference}. Corrélation r = ${fr(p.r, 3)} (cible ≥ ${fr(p.target.r, 2)}), écart absolu moyen ${fr(p.mean_abs_gap_points, 2)} point (cible ≤ ${fr(p.target.mean_abs_gap_points, 0)}) : ${p.meets_target ? 'cible atteinte' : 'cible NON atteinte'}.`,
    '',
    '| Période | r | Écart moyen (points) | Recensement, moyenne des EPCI (%) | Modèle (%) |',
    '|---|---:|---:|---:|---:|',
    ...p.groups.map(
      (g) =>
        `| ${g.label} | ${fr(g.r, 3)} | ${fr(g.mean_abs_gap_points, 2)} | ${fr(g.census_mean_pct)} | ${fr(g.model_mean_pct)} |`,
    ),
    '',
    '#### Passoires par région (résidences principales)',
    '',
    '| Région | F+G modèle (%) | E+F+G modèle (%) | Chiffre publié | Écart (points) | Source |',
    '|---|---:|---:|---|---:|---|',
    ...t.regions.map((r) => {
      const published = r.published
        .map((x) => `${INDICATOR_LABELS[x.indicator]} ${fr(x.value_pct)} (${x.date})`)
        .join(' ; ');
      const gaps = r.published.map((x) => signed(x.gap_points)).join(' ; ');
      const sources = r.published.map((x) => `[${x.publisher}](${x.url})`).join(' ; ');
      return `| ${r.name} | ${fr(r.model_fg_pct)} | ${fr(r.model_efg_pct)} | ${published || '— (non trouvé)'} | ${gaps || '—'} | ${sources || '—'} |`;
    }),
    '',
    `Départements au F+G modélisé le plus élevé : ${depLine(deps.slice(0, 10))}.`,
    '',
    `Le plus faible : ${depLine(deps.slice(-10).reverse())}.`,
  ];
}
