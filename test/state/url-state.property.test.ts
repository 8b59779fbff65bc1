import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMetricId, METRICS } from '../../src/map/metrics.ts';
import { readUrlState, type UrlState, writeUrlState } from '../../src/state/url-state.ts';

const KEYS = ['jeu', 'indicateur', 'epci'];

const validState: fc.Arbitrary<UrlState> = fc.record({
  dataset: fc.oneof(
    fc.constant(null),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
  ),
  metric: fc.constantFrom(...METRICS.map((metric) => metric.id)),
  epci: fc.oneof(fc.constant(null), fc.stringMatching(/^\d{9}$/)),
});

const value = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.stringMatching(/^\d{8,10}$/),
  fc.constantFrom(...METRICS.map((metric) => metric.id), '__proto__', 'constructor', '<script>'),
);

const garbage = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...KEYS), fc.string()), value), { maxLength: 8 })
    .map((pairs) => new URLSearchParams(pairs).toString()),
);

function expectValid(state: UrlState): void {
  expect(Object.keys(state).sort()).toEqual(['dataset', 'epci', 'metric']);
  expect(isMetricId(state.metric)).toBe(true);
  expect(state.epci === null || /^\d{9}$/.test(state.epci)).toBe(true);
  expect(
    state.dataset === null || (typeof state.dataset === 'string' && state.dataset !== ''),
  ).toBe(true);
}

describe('readUrlState / writeUrlState (property)', () => {
  it('never throws on an arbitrary query string and always yields a valid state', () => {
    fc.assert(
      fc.property(garbage, (search) => {
        const state = readUrlState(search);
        expectValid(state);
        // What it read is written back and read again unchanged.
        expect(readUrlState(writeUrlState(state))).toEqual(state);
      }),
      { numRuns: 800 },
    );
  });

  it('reads back every valid state it writes, keeping the parameters it does not own', () => {
    fc.assert(
      fc.property(validState, fc.string(), (state, other) => {
        const search = writeUrlState(state, new URLSearchParams({ autre: other }).toString());
        expect(readUrlState(search)).toEqual(state);
        expect(new URLSearchParams(search).get('autre')).toBe(other);
      }),
      { numRuns: 500 },
    );
  });
});
