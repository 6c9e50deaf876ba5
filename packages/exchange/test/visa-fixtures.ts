import type { VisaLetterInput } from '../src/index.js'

/** A German group to Jinhua: the Chinese host's letter. Invented people, invented passports. */
export const toChina: VisaLetterInput = {
  direction: 'duren_to_jinhua',
  host: {
    name: { original: '金华第一中学', en: 'Jinhua No. 1 High School', de: 'Erste Mittelschule Jinhua' },
    address: '浙江省金华市婺城区八一北街1号',
    contact: {
      name: '王老师',
      role: '国际交流处主任',
      email: 'office@jinhua-school.cn',
      phone: '+86 579 1234567',
    },
    signatory: { name: '李校长', role: '校长' },
  },
  guest: { name: { original: 'Gymnasium am Wirteltor', zh: '维尔特尔门文理中学' } },
  arrival: '2027-04-10',
  departure: '2027-04-20',
  purpose: null,
  cities: ['Hangzhou'],
  programme: [
    { date: '2027-04-11', items: ['Welcome ceremony', 'Lessons'] },
    { date: '2027-04-12', items: [] },
  ],
  accommodation: { kind: 'host_families', place: null },
  costs: 'shared',
  travellers: [
    {
      familyName: 'Müller',
      givenName: 'Anna',
      dateOfBirth: '2010-05-03',
      passportNumber: 'C01X00T47',
      sex: 'F',
      nationality: 'deutsch',
    },
    { familyName: 'Schmitz', givenName: 'Jonas', dateOfBirth: '1980-11-30', passportNumber: 'C4J8K2L9M' },
  ],
  issuedOn: '2027-02-01',
}

/** A Chinese group to Düren: the German host's letter. */
export const toGermany: VisaLetterInput = {
  direction: 'jinhua_to_duren',
  host: {
    name: { original: 'Gymnasium am Wirteltor', zh: '维尔特尔门文理中学' },
    address: 'Zehnthofstraße 1, 52349 Düren',
    contact: { name: 'Frau Becker', role: 'Koordinatorin', email: 'austausch@gym-dueren.de' },
    signatory: null,
  },
  guest: {
    name: { original: '金华第一中学', en: 'Jinhua No. 1 High School', de: 'Erste Mittelschule Jinhua' },
  },
  arrival: '2027-06-01',
  departure: '2027-06-05',
  purpose: 'Schulbesuch und gemeinsames Wasserstoff-Projekt',
  cities: ['Köln', 'Düren'],
  programme: [{ date: '2027-06-02', items: ['Unterricht', 'Besuch im Rathaus'] }],
  accommodation: { kind: 'hostel', place: 'Jugendherberge Düren' },
  costs: 'travellers',
  travellers: [
    {
      familyName: 'ZHANG',
      givenName: 'WEI',
      dateOfBirth: '2009-01-15',
      passportNumber: 'EA1234567',
      sex: 'M',
    },
  ],
  issuedOn: '2027-03-15',
}
