/**
 * Lambert-93 (EPSG:2154) metres to WGS84 degrees in SQL, as `lambert93ToWgs84` does with proj4,
 * for the millions of X/Y of a DPE file: the inverse Lambert conformal conic projection on the
 * GRS80 ellipsoid, latitude refined by fixed-point iteration (converged to 1e-12 rad in 6 steps).
 * DuckDB-WASM has no spatial extension offline, hence plain arithmetic.
 */

const A = 6_378_137;
const F = 1 / 298.257222101;
const E = Math.sqrt(2 * F - F * F);
const rad = (degrees: number) => (degrees * Math.PI) / 180;
const LAT_0 = rad(46.5);
const LAT_1 = rad(49);
const LAT_2 = rad(44);
const LON_0 = rad(3);
const X_0 = 700_000;
const Y_0 = 6_600_000;

const m = (phi: number) => Math.cos(phi) / Math.sqrt(1 - (E * Math.sin(phi)) ** 2);
const t = (phi: number) =>
  Math.tan(Math.PI / 4 - phi / 2) / ((1 - E * Math.sin(phi)) / (1 + E * Math.sin(phi))) ** (E / 2);
const N = (Math.log(m(LAT_1)) - Math.log(m(LAT_2))) / (Math.log(t(LAT_1)) - Math.log(t(LAT_2)));
const AF = (A * m(LAT_1)) / (N * t(LAT_1) ** N);
const RHO_0 = AF * t(LAT_0) ** N;
const ITERATIONS = 6;

/**
 * `SELECT *, lon, lat` over the relation `from` with DOUBLE expressions `x` and `y`, as a chain of
 * derived tables (one per iteration) that keeps every column of `from`.
 */
export function lambert93ToWgs84Sql(
  from: string,
  x: string,
  y: string,
  out: { lon: string; lat: string } = { lon: 'lon', lat: 'lat' },
): string {
  const num = (value: number) => value.toPrecision(17);
  let sql = `SELECT *, ${num(AF)} AS _af, sqrt(power(${x} - ${X_0}, 2) + power(${num(RHO_0)} - (${y} - ${Y_0}), 2)) AS _rho,
      atan2(${x} - ${X_0}, ${num(RHO_0)} - (${y} - ${Y_0})) AS _theta FROM ${from}`;
  sql = `SELECT *, power(_rho / _af, ${num(1 / N)}) AS _t FROM (${sql})`;
  sql = `SELECT *, pi() / 2 - 2 * atan(_t) AS _phi0 FROM (${sql})`;
  for (let k = 1; k <= ITERATIONS; k++) {
    const prev = `_phi${k - 1}`;
    sql = `SELECT *, pi() / 2 - 2 * atan(_t * power((1 - ${num(E)} * sin(${prev})) / (1 + ${num(E)} * sin(${prev})), ${num(E / 2)})) AS _phi${k} FROM (${sql})`;
  }
  const columns = [
    '_af',
    '_rho',
    '_theta',
    '_t',
    ...Array.from({ length: ITERATIONS + 1 }, (_, k) => `_phi${k}`),
  ];
  return `SELECT * EXCLUDE (${columns.join(', ')}), degrees(_theta / ${num(N)} + ${num(LON_0)}) AS ${out.lon}, degrees(_phi${ITERATIONS}) AS ${out.lat} FROM (${sql})`;
}
