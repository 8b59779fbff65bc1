import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/** Header of a minimal ADEME DPE export in the snake_case style used since 2025. */
const HEADER =
  'numero_dpe;date_etablissement_dpe;type_batiment;surface_habitable_logement;etiquette_dpe;etiquette_ges;conso_5_usages_par_m2_ep;conso_5_usages_par_m2_ef;emission_ges_5_usages_par_m2;code_insee_ban';
const LABELS = ['A', 'B', 'C', 'D', 'E', 'F', 'G'] as const;
const EP = [50, 90, 150, 220, 300, 380, 480];
const GHG = [3, 8, 20, 40, 60, 85, 120];
const COMMUNES = ['36044', '36088', '69123', '69381', '75056', '13201'];

/**
 * Writes a semicolon-separated DPE file of `rows` records whose label is the row index modulo
 * 7 (values consistent with the label), spread over a few communes (some as arrondissements).
 */
export async function writeDpeFile(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  out.write(`${HEADER}\n`);
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const k = i % 7;
    const commune = COMMUNES[i % COMMUNES.length];
    chunk += `2336E${String(i).padStart(8, '0')};2024-03-01;appartement;${40 + (i % 60)};${LABELS[k]};${LABELS[k]};${EP[k]};${(EP[k] ?? 0) / 2.3};${GHG[k]};${commune}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

/** Rows of a file written by {@link writeDpeFile} in the Métropole de Lyon (69123, 69381). */
export function countLyonRows(rows: number): number {
  let n = 0;
  for (let i = 0; i < rows; i++) {
    const commune = COMMUNES[i % COMMUNES.length] ?? '';
    if (commune.startsWith('69')) n++;
  }
  return n;
}
