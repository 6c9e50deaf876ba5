/**
 * Transverse Mercator on the GRS80 ellipsoid (ETRS89, as EPSG:25832 = UTM zone 32N uses), by
 * Krüger's series to the third order in n (Karney 2011, eq. 35–36): sub-millimetre within a zone,
 * far better than a school's address needs. ETRS89 and WGS84 differ by under a metre in Germany,
 * so the result is used as WGS84 latitude/longitude.
 */
const a = 6378137
const f = 1 / 298.257222101
const k0 = 0.9996
const falseEasting = 500_000
const n = f / (2 - f)
const A = (a / (1 + n)) * (1 + n ** 2 / 4 + n ** 4 / 64)
const alpha = [
  n / 2 - (2 * n ** 2) / 3 + (5 * n ** 3) / 16,
  (13 * n ** 2) / 48 - (3 * n ** 3) / 5,
  (61 * n ** 3) / 240,
]
const beta = [n / 2 - (2 * n ** 2) / 3 + (37 * n ** 3) / 96, n ** 2 / 48 + n ** 3 / 15, (17 * n ** 3) / 480]
const delta = [2 * n - (2 * n ** 2) / 3 - 2 * n ** 3, (7 * n ** 2) / 3 - (8 * n ** 3) / 5, (56 * n ** 3) / 15]
const rad = Math.PI / 180

const centralMeridian = (zone: number) => (zone * 6 - 183) * rad

export interface LatLon {
  lat: number
  lon: number
}

/** UTM (northern hemisphere) easting/northing in metres to latitude/longitude in degrees. */
export function utmToLatLon(easting: number, northing: number, zone = 32): LatLon {
  const xi = northing / (k0 * A)
  const eta = (easting - falseEasting) / (k0 * A)
  let xiP = xi
  let etaP = eta
  for (let j = 1; j <= 3; j++) {
    xiP -= beta[j - 1]! * Math.sin(2 * j * xi) * Math.cosh(2 * j * eta)
    etaP -= beta[j - 1]! * Math.cos(2 * j * xi) * Math.sinh(2 * j * eta)
  }
  const chi = Math.asin(Math.sin(xiP) / Math.cosh(etaP))
  let phi = chi
  for (let j = 1; j <= 3; j++) phi += delta[j - 1]! * Math.sin(2 * j * chi)
  const lambda = centralMeridian(zone) + Math.atan2(Math.sinh(etaP), Math.cos(xiP))
  return { lat: phi / rad, lon: lambda / rad }
}

/** The forward transform (latitude/longitude in degrees to UTM metres), for checks and tests. */
export function latLonToUtm(lat: number, lon: number, zone = 32): { easting: number; northing: number } {
  const phi = lat * rad
  const dLambda = lon * rad - centralMeridian(zone)
  const c = (2 * Math.sqrt(n)) / (1 + n)
  const t = Math.sinh(Math.atanh(Math.sin(phi)) - c * Math.atanh(c * Math.sin(phi)))
  const xiP = Math.atan2(t, Math.cos(dLambda))
  const etaP = Math.atanh(Math.sin(dLambda) / Math.sqrt(1 + t * t))
  let xi = xiP
  let eta = etaP
  for (let j = 1; j <= 3; j++) {
    xi += alpha[j - 1]! * Math.sin(2 * j * xiP) * Math.cosh(2 * j * etaP)
    eta += alpha[j - 1]! * Math.cos(2 * j * xiP) * Math.sinh(2 * j * etaP)
  }
  return { easting: falseEasting + k0 * A * eta, northing: k0 * A * xi }
}

/**
 * A coordinate as open data writes it: decimal comma or point; NRW files sometimes prefix the
 * easting with the zone number ("32" + six digits), which is dropped.
 */
export function readUtmNumber(text: string, kind: 'easting' | 'northing'): number | null {
  let t = text.trim().replace(/\s/g, '').replace(',', '.')
  if (!/^\d+(\.\d+)?$/.test(t)) return null
  if (kind === 'easting' && /^32\d{6}(\.|$)/.test(t)) t = t.slice(2)
  const v = Number(t)
  if (kind === 'easting' && (v < 100_000 || v > 900_000)) return null
  if (kind === 'northing' && (v < 0 || v > 9_400_000)) return null
  return v
}
