import { readFileSync } from 'node:fs'
import t from 'tap'
import { readJinhuaList } from '../src/domains/registry/opendata/jinhua-list.js'
import { joinSchoolName, readSchulgrunddaten } from '../src/domains/registry/opendata/schulgrunddaten.js'
import {
  decodeOpenDataFile,
  domainOf,
  emailMatchesDomain,
  schoolDomain,
  withoutSeparatorHint,
} from '../src/domains/registry/opendata/text.js'
import { latLonToUtm, readUtmNumber, utmToLatLon } from '../src/domains/registry/opendata/utm.js'

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url))

t.test('UTM 32N to WGS84: known points', async (t) => {
  // On the equator at the central meridian (9° E) the false easting is the only offset.
  const origin = utmToLatLon(500_000, 0)
  t.ok(Math.abs(origin.lat) < 1e-9 && Math.abs(origin.lon - 9) < 1e-9)
  // On the central meridian the northing is k0 times the GRS80 meridian arc: 5 540 847.041 m at 50° N.
  const p = utmToLatLon(500_000, 0.9996 * 5_540_847.041)
  t.ok(Math.abs(p.lat - 50) < 1e-7, `50° N, got ${p.lat}`)
  t.ok(Math.abs(p.lon - 9) < 1e-9)
  // Off the meridian, forward and inverse agree to well under a millimetre (1e-8° ≈ 1 mm).
  for (const [lat, lon] of [
    [50.8036, 6.4822],
    [50.9225, 6.3583],
    [51.5, 7.9],
  ] as const) {
    const u = latLonToUtm(lat, lon)
    const back = utmToLatLon(u.easting, u.northing)
    t.ok(Math.abs(back.lat - lat) < 1e-8 && Math.abs(back.lon - lon) < 1e-8, `${lat},${lon}`)
  }
  // Düren's town centre in our region data lies where UTM 32N puts it (about 322 km E, 5631 km N).
  const dueren = latLonToUtm(50.8, 6.48)
  t.ok(Math.abs(dueren.easting - 322_425) < 5 && Math.abs(dueren.northing - 5_630_612) < 5)
})

t.test('UTM numbers as files write them', async (t) => {
  t.equal(readUtmNumber('322593,61', 'easting'), 322593.61)
  t.equal(readUtmNumber('32322593.61', 'easting'), 322593.61, 'zone prefix dropped')
  t.equal(readUtmNumber('5631006', 'northing'), 5631006)
  t.equal(readUtmNumber('', 'easting'), null)
  t.equal(readUtmNumber('abc', 'northing'), null)
  t.equal(readUtmNumber('12', 'easting'), null, 'out of range')
})

t.test('names split over three fields', async (t) => {
  t.equal(
    joinSchoolName(['Städtisches Gymnasium am Wirtel-', 'tor', '']),
    'Städtisches Gymnasium am Wirteltor',
  )
  t.equal(
    joinSchoolName(['Berufskolleg Jülich des Kreises', 'Düren – Technik', '']),
    'Berufskolleg Jülich des Kreises Düren – Technik',
  )
  t.equal(
    joinSchoolName(['Gesamtschule Düren-', 'Nord']),
    'Gesamtschule Düren-Nord',
    'a hyphen before a capital stays',
  )
})

t.test('domains and the claim hint', async (t) => {
  t.equal(domainOf('https://www.gymnasium-wirteltor.example/kontakt'), 'gymnasium-wirteltor.example')
  t.equal(domainOf('www.grundschule-noervenich.example'), 'grundschule-noervenich.example')
  t.equal(domainOf('Info@Schule.Example'), 'schule.example')
  t.equal(domainOf('not a domain'), null)
  t.equal(
    schoolDomain('199001@schule.nrw.de', 'https://www.gym.example'),
    'gym.example',
    'generic NRW address ignored',
  )
  t.equal(schoolDomain('kgs@gs.example', 'https://other.example'), 'gs.example')
  t.equal(schoolDomain('199001@schule.nrw.de', ''), null)
  t.ok(emailMatchesDomain('h.lehrer@gym.example', 'gym.example'))
  t.ok(emailMatchesDomain('h.lehrer@mail.gym.example', 'gym.example'), 'subdomain')
  t.notOk(emailMatchesDomain('h.lehrer@evilgym.example', 'gym.example'))
  t.notOk(emailMatchesDomain('h.lehrer@gym.example', null))
})

t.test('encoding and the sep= line', async (t) => {
  const utf8 = fixture('schulgrunddaten-dueren.csv')
  t.equal(decodeOpenDataFile(utf8).encoding, 'utf-8')
  const text = decodeOpenDataFile(utf8).text
  // The same file saved by German Excel (Windows-1252: ä ö ü ß – are single bytes).
  const cp1252 = Buffer.from(text.replace(/–/g, '\u0096'), 'latin1')
  const decoded = decodeOpenDataFile(cp1252)
  t.equal(decoded.encoding, 'windows-1252')
  t.equal(decoded.text, text)
  const bom = decodeOpenDataFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]))
  t.equal(bom.text, text, 'BOM dropped')
  t.same(withoutSeparatorHint('sep=;\r\nA;B\r\n'), { text: 'A;B\r\n', skippedLines: 1 })
  t.same(withoutSeparatorHint('A;B\n'), { text: 'A;B\n', skippedLines: 0 })
  t.throws(() => decodeOpenDataFile(Buffer.from('  \n')), /the file is empty/)
})

t.test('Schulgrunddaten: filter, mapping, skipped with why', async (t) => {
  const file = readSchulgrunddaten(decodeOpenDataFile(fixture('schulgrunddaten-dueren.csv')).text)
  t.equal(file.rows, 5)
  t.same(
    file.schools.map((s) => [s.sourceKey, s.kind, s.subtype, s.municipalityId]),
    [
      ['199001', 'school', 'gymnasium', 'dn-dueren'],
      ['199002', 'school', 'grundschule', 'dn-noervenich'],
      ['199003', 'vocational', 'vocational_college', 'dn-juelich'],
    ],
  )
  const gym = file.schools[0]!
  t.equal(gym.name, 'Städtisches Gymnasium am Wirteltor')
  t.equal(gym.line, 3, 'line as in an editor, counting the sep= line')
  t.same(gym.address, { street: 'Wirtelstraße 12', postcode: '52349', town: 'Düren' })
  t.equal(gym.website, 'https://www.gymnasium-wirteltor.example')
  t.equal(gym.emailDomain, 'gymnasium-wirteltor.example')
  t.ok(Math.abs(gym.lat! - 50.8036) < 1e-5 && Math.abs(gym.lon! - 6.4822) < 1e-5, `${gym.lat},${gym.lon}`)
  t.equal(gym.legalForm, 'public')
  const gs = file.schools[1]!
  t.equal(gs.name, 'Katholische Grundschule Nörvenich')
  t.equal(gs.website, 'https://www.grundschule-noervenich.example')
  t.equal(gs.emailDomain, 'grundschule-noervenich.example')
  t.equal(file.schools[2]!.name, 'Berufskolleg Jülich des Kreises Düren – Technik und Wirtschaft')
  t.same(
    file.skipped.map((s) => [s.line, s.sourceKey, s.reason]),
    [
      [6, '199004', 'outside_region'],
      [7, '199005', 'closed'],
    ],
  )
  t.equal(file.skipped[0]!.name, 'Gymnasium "Am Dom" Aachen', 'quoted field with quotes')
})

t.test('Schulgrunddaten: a file of another format is refused as a whole', async (t) => {
  t.throws(() => readSchulgrunddaten('sep=;\nexternal_key;name\n1;x\n'), /missing column\(s\) Schulnummer/)
  const dup = readSchulgrunddaten(
    'sep=;\nSchulnummer;Schulform;Schulbezeichnung_1;Gemeindeschluessel;Schulbetriebsschluessel\n199001;20;Gym A;05358008;1\n199001;20;Gym A;05358008;1\n12;20;X;05358008;1\n199009;99;Y;05358008;1\n199010;20;Z;05358999;1\n',
  )
  t.equal(dup.schools.length, 1)
  t.same(
    dup.skipped.map((s) => s.reason),
    ['duplicate', 'invalid', 'unknown_form', 'invalid'],
  )
  t.equal(dup.schools[0]!.lat, null, 'no coordinates without the columns')
})

t.test('Jinhua list in the template', async (t) => {
  const file = readJinhuaList(decodeOpenDataFile(fixture('jinhua-schools.csv')).text)
  t.same(
    file.schools.map((s) => [s.sourceKey, s.kind, s.subtype, s.municipalityId, s.nameI18n.en ?? null]),
    [
      ['JH-0001', 'school', 'senior_high', 'jh-wucheng', 'Jinhua No. 1 High School'],
      ['JH-0002', 'vocational', 'vocational_college', 'jh-yiwu', 'Yiwu Industrial & Commercial College'],
    ],
  )
  t.equal(file.schools[0]!.emailDomain, 'jhyz.example')
  t.same(
    file.skipped.map((s) => [s.sourceKey, s.reason]),
    [
      ['JH-0003', 'outside_region'],
      ['JH-0004', 'closed'],
    ],
  )
  t.throws(() => readJinhuaList('name,kind\nx,y\n'), /missing column/)
})
