import { describe, expect, it } from 'vitest';
import type { DatasetInfo } from '../../src/db/manifest.ts';
import { formatGapPoints } from '../../src/domain/format.ts';
import { comparedDatasets } from '../../src/views/observed-vs-modelled.tsx';

const dataset = (id: string, kind: string): DatasetInfo => ({
  id,
  name: id,
  kind,
  synthetic: false,
  caption: '',
});

describe('observed versus modelled', () => {
  it('compares observed DPE and BDNB with the model, only when both sides exist', () => {
    const all = [dataset('m', 'modelled'), dataset('b', 'buildings'), dataset('o', 'observed')];
    expect(comparedDatasets(all).map((d) => d.id)).toEqual(['b', 'o', 'm']);
    expect(comparedDatasets([dataset('m', 'modelled')])).toEqual([]);
  });

  it('writes the gap to the model in signed points', () => {
    expect(formatGapPoints(0.2, 0.15)).toBe('+5,0\u00a0pt');
    expect(formatGapPoints(0.1, 0.125)).toBe('−2,5\u00a0pt');
    expect(formatGapPoints(null, 0.1)).toBe('–');
  });
});
