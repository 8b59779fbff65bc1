import { describe, expect, it } from 'vitest';
import { lambert93ToWgs84, projectedToWgs84 } from '../../src/ingest/to-wgs84.ts';

describe('Lambert-93 to WGS84', () => {
  it('maps the projection origin to 3°E 46.5°N', () => {
    const [lon, lat] = lambert93ToWgs84(700_000, 6_600_000);
    expect(lon).toBeCloseTo(3, 9);
    expect(lat).toBeCloseTo(46.5, 9);
  });

  it('places a DPE of the Lyon sample in Lyon 8e (about 4.86°E 45.73°N)', () => {
    const position = projectedToWgs84('69', 844_363.05, 6_516_619.71);
    expect(position?.[0]).toBeCloseTo(4.8565, 3);
    expect(position?.[1]).toBeCloseTo(45.7339, 3);
  });

  it('refuses coordinates that fall outside the territory, or are not numbers', () => {
    expect(projectedToWgs84('69', 6_516_619.71, 844_363.05)).toBeNull();
    expect(projectedToWgs84('69', 4.85, 45.75)).toBeNull();
    expect(projectedToWgs84('69', Number.NaN, 6_516_619)).toBeNull();
    expect(projectedToWgs84('975', 560_000, 5_200_000)).toBeNull();
  });

  it('uses the UTM zone of each overseas département', () => {
    const reunion = projectedToWgs84('974', 338_000, 7_690_000);
    expect(reunion?.[0]).toBeCloseTo(55.44, 2);
    expect(reunion?.[1]).toBeCloseTo(-20.88, 2);
    expect(projectedToWgs84('971', 650_000, 1_790_000)?.[1]).toBeCloseTo(16.19, 2);
    expect(projectedToWgs84('973', 350_000, 540_000)?.[0]).toBeCloseTo(-52.35, 2);
  });
});
