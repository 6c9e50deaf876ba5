/**
 * Great-circle distances for distance-based travel rates. The coordinates are the town centres of
 * @dj/db's region data (copied: a pure package reads no database), good to a few kilometres, which
 * is what a funder's per-kilometre allowance needs.
 */
export interface Point {
  lat: number
  lon: number
}

export const PLACES: Readonly<Record<string, Point>> = {
  'dn-dueren': { lat: 50.8, lon: 6.48 },
  'dn-juelich': { lat: 50.92, lon: 6.36 },
  'dn-heimbach': { lat: 50.64, lon: 6.48 },
  'dn-linnich': { lat: 50.98, lon: 6.27 },
  'dn-nideggen': { lat: 50.69, lon: 6.48 },
  'dn-aldenhoven': { lat: 50.9, lon: 6.28 },
  'dn-huertgenwald': { lat: 50.71, lon: 6.37 },
  'dn-inden': { lat: 50.86, lon: 6.36 },
  'dn-kreuzau': { lat: 50.75, lon: 6.49 },
  'dn-langerwehe': { lat: 50.82, lon: 6.36 },
  'dn-merzenich': { lat: 50.83, lon: 6.53 },
  'dn-niederzier': { lat: 50.88, lon: 6.47 },
  'dn-noervenich': { lat: 50.81, lon: 6.64 },
  'dn-titz': { lat: 50.99, lon: 6.42 },
  'dn-vettweiss': { lat: 50.74, lon: 6.6 },
  'jh-wucheng': { lat: 29.08, lon: 119.65 },
  'jh-jindong': { lat: 29.1, lon: 119.7 },
  'jh-lanxi': { lat: 29.21, lon: 119.46 },
  'jh-yiwu': { lat: 29.31, lon: 120.08 },
  'jh-dongyang': { lat: 29.29, lon: 120.24 },
  'jh-yongkang': { lat: 28.89, lon: 120.05 },
  'jh-wuyi': { lat: 28.89, lon: 119.82 },
  'jh-pujiang': { lat: 29.45, lon: 119.89 },
  'jh-panan': { lat: 29.05, lon: 120.45 },
}

/** Düren town centre and Jinhua's Wucheng district: the default ends of a trip. */
export const DUREN: Point = PLACES['dn-dueren'] as Point
export const JINHUA: Point = PLACES['jh-wucheng'] as Point

/** Mean Earth radius (IUGG), km. */
const EARTH_RADIUS_KM = 6371.0088

/** Haversine great-circle distance in km. */
export function greatCircleKm(a: Point, b: Point): number {
  const rad = (deg: number) => (deg * Math.PI) / 180
  const dLat = rad(b.lat - a.lat)
  const dLon = rad(b.lon - a.lon)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** The place of a region unit id, or the side's default when the id is unknown or absent. */
export function placeOf(unitId: string | null | undefined, fallback: Point): Point {
  return (unitId ? PLACES[unitId] : undefined) ?? fallback
}
