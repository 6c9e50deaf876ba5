/**
 * Official administrative units of both sides (copied from the project's shared regions data:
 * Kreis Düren's 15 towns and municipalities, Jinhua's 9 county-level divisions). Names in de/en/zh;
 * coordinates are approximate town centres, for maps and distance hints only.
 */
export interface RegionUnit {
  id: string
  kind: string
  de: string
  en: string
  zh: string
  lat: number
  lon: number
}

export interface RegionSide {
  name: { de: string; en: string; zh: string }
  timeZone: string
  country: string
  subdivision: string
  units: readonly RegionUnit[]
}

export const REGIONS: { duren: RegionSide; jinhua: RegionSide } = {
  duren: {
    name: {
      de: 'Kreis Düren',
      en: 'District of Düren',
      zh: '迪伦县',
    },
    timeZone: 'Europe/Berlin',
    country: 'DE',
    subdivision: 'DE-NW',
    units: [
      {
        id: 'dn-dueren',
        kind: 'stadt',
        de: 'Düren',
        en: 'Düren',
        zh: '迪伦',
        lat: 50.8,
        lon: 6.48,
      },
      {
        id: 'dn-juelich',
        kind: 'stadt',
        de: 'Jülich',
        en: 'Jülich',
        zh: '于利希',
        lat: 50.92,
        lon: 6.36,
      },
      {
        id: 'dn-heimbach',
        kind: 'stadt',
        de: 'Heimbach',
        en: 'Heimbach',
        zh: 'Heimbach',
        lat: 50.64,
        lon: 6.48,
      },
      {
        id: 'dn-linnich',
        kind: 'stadt',
        de: 'Linnich',
        en: 'Linnich',
        zh: 'Linnich',
        lat: 50.98,
        lon: 6.27,
      },
      {
        id: 'dn-nideggen',
        kind: 'stadt',
        de: 'Nideggen',
        en: 'Nideggen',
        zh: 'Nideggen',
        lat: 50.69,
        lon: 6.48,
      },
      {
        id: 'dn-aldenhoven',
        kind: 'gemeinde',
        de: 'Aldenhoven',
        en: 'Aldenhoven',
        zh: 'Aldenhoven',
        lat: 50.9,
        lon: 6.28,
      },
      {
        id: 'dn-huertgenwald',
        kind: 'gemeinde',
        de: 'Hürtgenwald',
        en: 'Hürtgenwald',
        zh: 'Hürtgenwald',
        lat: 50.71,
        lon: 6.37,
      },
      {
        id: 'dn-inden',
        kind: 'gemeinde',
        de: 'Inden',
        en: 'Inden',
        zh: 'Inden',
        lat: 50.86,
        lon: 6.36,
      },
      {
        id: 'dn-kreuzau',
        kind: 'gemeinde',
        de: 'Kreuzau',
        en: 'Kreuzau',
        zh: 'Kreuzau',
        lat: 50.75,
        lon: 6.49,
      },
      {
        id: 'dn-langerwehe',
        kind: 'gemeinde',
        de: 'Langerwehe',
        en: 'Langerwehe',
        zh: 'Langerwehe',
        lat: 50.82,
        lon: 6.36,
      },
      {
        id: 'dn-merzenich',
        kind: 'gemeinde',
        de: 'Merzenich',
        en: 'Merzenich',
        zh: 'Merzenich',
        lat: 50.83,
        lon: 6.53,
      },
      {
        id: 'dn-niederzier',
        kind: 'gemeinde',
        de: 'Niederzier',
        en: 'Niederzier',
        zh: 'Niederzier',
        lat: 50.88,
        lon: 6.47,
      },
      {
        id: 'dn-noervenich',
        kind: 'gemeinde',
        de: 'Nörvenich',
        en: 'Nörvenich',
        zh: 'Nörvenich',
        lat: 50.81,
        lon: 6.64,
      },
      {
        id: 'dn-titz',
        kind: 'gemeinde',
        de: 'Titz',
        en: 'Titz',
        zh: 'Titz',
        lat: 50.99,
        lon: 6.42,
      },
      {
        id: 'dn-vettweiss',
        kind: 'gemeinde',
        de: 'Vettweiß',
        en: 'Vettweiss',
        zh: 'Vettweiß',
        lat: 50.74,
        lon: 6.6,
      },
    ],
  },
  jinhua: {
    name: {
      de: 'Städteregion Jinhua',
      en: 'Jinhua',
      zh: '金华市',
    },
    timeZone: 'Asia/Shanghai',
    country: 'CN',
    subdivision: 'CN-ZJ',
    units: [
      {
        id: 'jh-wucheng',
        kind: 'district',
        de: 'Wucheng',
        en: 'Wucheng District',
        zh: '婺城区',
        lat: 29.08,
        lon: 119.65,
      },
      {
        id: 'jh-jindong',
        kind: 'district',
        de: 'Jindong',
        en: 'Jindong District',
        zh: '金东区',
        lat: 29.1,
        lon: 119.7,
      },
      {
        id: 'jh-lanxi',
        kind: 'city',
        de: 'Lanxi',
        en: 'Lanxi',
        zh: '兰溪市',
        lat: 29.21,
        lon: 119.46,
      },
      {
        id: 'jh-yiwu',
        kind: 'city',
        de: 'Yiwu',
        en: 'Yiwu',
        zh: '义乌市',
        lat: 29.31,
        lon: 120.08,
      },
      {
        id: 'jh-dongyang',
        kind: 'city',
        de: 'Dongyang',
        en: 'Dongyang',
        zh: '东阳市',
        lat: 29.29,
        lon: 120.24,
      },
      {
        id: 'jh-yongkang',
        kind: 'city',
        de: 'Yongkang',
        en: 'Yongkang',
        zh: '永康市',
        lat: 28.89,
        lon: 120.05,
      },
      {
        id: 'jh-wuyi',
        kind: 'county',
        de: 'Wuyi',
        en: 'Wuyi County',
        zh: '武义县',
        lat: 28.89,
        lon: 119.82,
      },
      {
        id: 'jh-pujiang',
        kind: 'county',
        de: 'Pujiang',
        en: 'Pujiang County',
        zh: '浦江县',
        lat: 29.45,
        lon: 119.89,
      },
      {
        id: 'jh-panan',
        kind: 'county',
        de: "Pan'an",
        en: "Pan'an County",
        zh: '磐安县',
        lat: 29.05,
        lon: 120.45,
      },
    ],
  },
}

export function regionUnit(side: 'duren' | 'jinhua', id: string): RegionUnit | undefined {
  return REGIONS[side].units.find((u) => u.id === id)
}

/**
 * Official municipality keys (Amtlicher Gemeindeschlüssel, 8 digits: Land 05, Regierungsbezirk
 * Köln 3, Kreis Düren 58, municipality) of Kreis Düren's units, as open data (e.g. the NRW
 * Schulgrunddaten) names them.
 */
export const DUREN_MUNICIPALITY_KEYS: Readonly<Record<string, string>> = {
  '05358004': 'dn-aldenhoven',
  '05358008': 'dn-dueren',
  '05358012': 'dn-heimbach',
  '05358016': 'dn-huertgenwald',
  '05358020': 'dn-inden',
  '05358024': 'dn-juelich',
  '05358028': 'dn-kreuzau',
  '05358032': 'dn-langerwehe',
  '05358036': 'dn-linnich',
  '05358040': 'dn-merzenich',
  '05358044': 'dn-nideggen',
  '05358048': 'dn-niederzier',
  '05358052': 'dn-noervenich',
  '05358056': 'dn-titz',
  '05358060': 'dn-vettweiss',
}
