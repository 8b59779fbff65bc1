/**
 * Lambert-93 (EPSG:2154) metres to WGS84 degrees in SQL, as `lambert93ToWgs84` does with proj4,
 * for the millions of X/Y of a DPE file (DuckDB-WASM has no spatial extension offline): the inverse
 * Lambert conformal conic projection on the GRS80 ellipsoid, the conformal latitude turned into
 * the geodetic one by its series in e (Snyder, Map Projections, eq. 3-5; error below 1e-10 rad).
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
const E2 = E * E;
const E4 = E2 * E2;
const E6 = E4 * E2;
const E8 = E4 * E4;
const SERIES = [
  E2 / 2 + (5 * E4) / 24 + E6 / 12 + (13 * E8) / 360,
  (7 * E4) / 48 + (29 * E6) / 240 + (811 * E8) / 11520,
  (7 * E6) / 120 + (81 * E8) / 1120,
  (4279 * E8) / 161280,
];

const num = (value: number) => value.toPrecision(17);

/**
 * Select items `_l93_theta` and `_l93_chi` (angle and conformal latitude, radians) of DOUBLE `x`
 * and `y`, computed only where `when` holds (NULL elsewhere).
 */
export function lambert93AnglesSql(x: string, y: string, when: string): string {
  const dx = `(${x} - ${X_0})`;
  const dy = `(${num(RHO_0)} - (${y} - ${Y_0}))`;
  return `CASE WHEN ${when} THEN atan2(${dx}, ${dy}) END AS _l93_theta,
    CASE WHEN ${when} THEN pi() / 2 - 2 * atan(exp(ln(sqrt(${dx} * ${dx} + ${dy} * ${dy}) / ${num(AF)}) / ${num(N)})) END AS _l93_chi`;
}

/** Longitude, degrees, from the select items of {@link lambert93AnglesSql}. */
export const LAMBERT93_LON_SQL = `degrees(_l93_theta / ${num(N)} + ${num(LON_0)})`;

/** Latitude, degrees, from the select items of {@link lambert93AnglesSql}. */
export const LAMBERT93_LAT_SQL = `degrees(_l93_chi + ${SERIES.map((c, k) => `${num(c)} * sin(${2 * (k + 1)} * _l93_chi)`).join(' + ')})`;
