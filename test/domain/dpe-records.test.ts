import { describe, expect, it } from 'vitest';
import {
  type DpeRecord,
  isWeakGeocoding,
  mergeDpeRecords,
  selectCurrentDpe,
} from '../../src/domain/dpe-records.ts';

const AT_ADDRESS = "adresse géocodée ban à l'adresse";

describe('DPE record rules', () => {
  it('merges by number, the later modification winning', () => {
    const kept = new Map<string, DpeRecord>();
    mergeDpeRecords(kept, [
      { numero_dpe: 'A1', etiquette_dpe: 'D', date_derniere_modification_dpe: '2025-01-02' },
      { numero_dpe: 'A2', etiquette_dpe: 'E', date_derniere_modification_dpe: '2025-01-02' },
    ]);
    const counts = mergeDpeRecords(kept, [
      { numero_dpe: 'A1', etiquette_dpe: 'C', date_derniere_modification_dpe: '2025-06-01' },
      { numero_dpe: 'A2', etiquette_dpe: 'G', date_derniere_modification_dpe: '2024-01-01' },
      { numero_dpe: 'A3', etiquette_dpe: 'B' },
    ]);
    expect(counts).toEqual({ added: 1, updated: 1 });
    expect([...kept.values()].map((r) => r.etiquette_dpe)).toEqual(['C', 'E', 'B']);
  });

  it('drops replaced DPE and keeps weakly geocoded ones without their position', () => {
    const selection = selectCurrentDpe([
      { numero_dpe: 'OLD', statut_geocodage: AT_ADDRESS, score_ban: 0.9 },
      {
        numero_dpe: 'NEW',
        numero_dpe_remplace: 'OLD',
        statut_geocodage: AT_ADDRESS,
        score_ban: 0.9,
        coordonnee_cartographique_x_ban: 1,
      },
      {
        numero_dpe: 'WEAK',
        statut_geocodage: 'adresse non géocodée ban car aucune correspondance trouvée',
        coordonnee_cartographique_x_ban: 844363,
        coordonnee_cartographique_y_ban: 6517000,
      },
    ]);
    expect(selection.replaced).toEqual([
      { record: expect.objectContaining({ numero_dpe: 'OLD' }), by: 'NEW' },
    ]);
    expect(selection.current.map((r) => r.numero_dpe)).toEqual(['NEW', 'WEAK']);
    expect(selection.current[0]?.coordonnee_cartographique_x_ban).toBe(1);
    expect(selection.current[1]?.coordonnee_cartographique_x_ban).toBeUndefined();
    expect(selection.weakGeocoding).toBe(1);
  });

  it('takes a low BAN score as weak even at the address', () => {
    expect(isWeakGeocoding({ statut_geocodage: AT_ADDRESS, score_ban: 0.31 })).toBe(true);
    expect(isWeakGeocoding({ statut_geocodage: AT_ADDRESS, score_ban: 0.74 })).toBe(false);
    expect(isWeakGeocoding({ statut_geocodage: AT_ADDRESS })).toBe(false);
    expect(isWeakGeocoding({})).toBe(true);
  });
});
