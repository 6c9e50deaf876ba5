import type { FundingProgramme } from './programme.js'

/**
 * The four programmes of issue 13 as shipped (researched 2026-12). The figures are the issue's; the
 * notes say what the funder's own page says where it differs or could not be checked, so an officer
 * knows what to look at first. The database gets these through an idempotent migration generated
 * from this file (scripts/funding-seed-sql.ts); a test keeps the two equal.
 */
export const FUNDING_SEED: readonly FundingProgramme[] = [
  {
    slug: 'kjp-sonderprogramm-china',
    name: {
      de: 'KJP Sonderprogramm China',
      en: 'Federal Youth Plan (KJP) special programme China',
      zh: '联邦儿童与青年计划（KJP）中国专项',
    },
    funder:
      'Bundesjugendministerium (Kinder- und Jugendplan des Bundes), über Zentralstellen wie BKJ und dsj',
    sourceUrl:
      'https://www.bkj.de/internationales/jugendkulturaustausch-mit-anderen-laendern/sonderprogramm-china/',
    lastChecked: '2026-12',
    notes:
      'Außerschulische Jugendarbeit; Anträge über Zentralstellen (BKJ für Kultur, dsj für Sportvereine). ' +
      'BKJ-Seite: 8–26 Jahre, max. 15 Jugendliche + 2 Betreuende, 5–30 Tage; Programmkosten 24 €/Tag/TN in ' +
      'Deutschland, Reisekosten 0,08 €/km für die Gruppe aus Deutschland, Sprachmittlung 305 €/Tag, Visa ' +
      'bis 150 €/TN bei Begegnungen in China; Fachkräfte max. 10 TN zu 40 €/Tag. Frist laut BKJ 15.10. des ' +
      'Vorjahres (die BKJ-Seite nannte für 2024 abweichend den 01.11.2023: jährlich prüfen). dsj: ' +
      'Kleinprojekte bis 1.000 € (https://www.dsj.de/international/foerderung/china-sonderprogramm-kjp/). ' +
      'Nicht geprüft: ob 0,08 €/km je Person und einfache Strecke gilt (so rechnet die Schätzung).',
    eligibility: {
      formats: ['club_encounter', 'group_visit', 'hosting_only', 'joint_project', 'staff_exchange'],
      institutionKinds: ['club', 'public'],
      sides: ['duren'],
      directions: ['duren_to_jinhua', 'jinhua_to_duren'],
      ages: { min: 8, max: 26 },
      groupSize: { maxParticipants: 15, maxLeaders: 2 },
      duration: { minDays: 5, maxDays: 30 },
      staff: { maxParticipants: 10, duration: { minDays: 5, maxDays: 30 } },
    },
    rates: {
      perPersonPerDay: { amount: 24, where: 'germany' },
      staffPerPersonPerDay: { amount: 40, where: 'germany' },
      travelPerKm: { amount: 0.08, where: 'abroad' },
      interpreterPerDay: { amount: 305, where: 'germany' },
      visaPerPerson: { amount: 150, where: 'abroad' },
    },
    deadlines: [
      {
        label: {
          de: 'Antragsfrist BKJ (15. Oktober des Vorjahres)',
          en: 'BKJ application deadline (15 October of the year before)',
          zh: 'BKJ申请截止（前一年10月15日）',
        },
        month: 10,
        day: 15,
        yearOffset: -1,
      },
    ],
  },
  {
    slug: 'pasch-schulpartnerschaften',
    name: {
      de: 'PASCH-Schulpartnerschaften (PAD)',
      en: 'PASCH school partnerships (PAD)',
      zh: 'PASCH学校伙伴关系（PAD）',
    },
    funder:
      'Pädagogischer Austauschdienst (PAD) des Sekretariats der Kultusministerkonferenz, aus Mitteln des Auswärtigen Amts',
    sourceUrl: 'https://www.kmk-pad.org/programme/schulpartnerschaften-der-pasch-initiative',
    lastChecked: '2026-12',
    notes:
      'NICHT BESTÄTIGT: ob China 2026/27 förderfähig ist. Die PAD-Programmseite listet die Staaten je Jahr; ' +
      'in der gespeicherten Fassung (2024) war die Liste für Asien nicht vollständig lesbar. Die PAD-Seite ' +
      '„Austausch weltweit“ (https://www.kmk-pad.org/im-fokus/austausch-weltweit) sagt allgemein, der PAD ' +
      'fördere Austausch mit China „mit unseren Programmen“. Der PAD-Fonds für deutsch-chinesische ' +
      'Schulpartnerschaften endete 2023/24. Fristen laut Issue: Ausschreibung im Oktober, Antrag bis ' +
      '15. Dezember, vorbereitende Besuche bis 31. Oktober, Bericht zwei Wochen nach dem Austausch; der PAD ' +
      'nannte für Begegnungen März–Dezember 2025 dagegen den 31. Januar 2025 ' +
      '(https://www.kmk-pad.org/im-fokus/aktuelles/detailansicht/foerderung-von-schulpartnerschaften-weltweit). ' +
      'Gastfamilie und Unterrichtsteilnahme sind Fördervoraussetzung. Fördersätze: nicht im Katalog.',
    eligibility: {
      formats: ['pupil_exchange_hosting', 'group_visit', 'hosting_only', 'joint_project'],
      institutionKinds: ['school'],
      sides: ['duren'],
      directions: ['duren_to_jinhua', 'jinhua_to_duren'],
    },
    rates: {},
    deadlines: [
      {
        label: {
          de: 'Antragsfrist Austausch (15. Dezember des Vorjahres)',
          en: 'Exchange application deadline (15 December of the year before)',
          zh: '交流申请截止（前一年12月15日）',
        },
        month: 12,
        day: 15,
        yearOffset: -1,
      },
      {
        label: {
          de: 'Frist vorbereitende Besuche (31. Oktober)',
          en: 'Preparatory visits deadline (31 October)',
          zh: '预备访问截止（10月31日）',
        },
        month: 10,
        day: 31,
        yearOffset: -1,
      },
    ],
    reportDueDays: 14,
  },
  {
    slug: 'ausbildungweltweit',
    name: { de: 'AusbildungWeltweit', en: 'AusbildungWeltweit', zh: 'AusbildungWeltweit（全球职业培训）' },
    funder: 'Bundesministerium für Bildung und Forschung (BMBF), Programm AusbildungWeltweit',
    sourceUrl: 'https://www.ausbildung-weltweit.de/de/ueber-ausbildungweltweit.html',
    lastChecked: '2026-12',
    notes:
      'Träger laut Issue BMBF (nach dem Ressortzuschnitt 2025 nicht geprüft). Für duale Ausbildung: Auszubildende 3 Wochen bis 3 Monate (der Aufruf 2025 zählt 19–90 Tage), ' +
      'Ausbildende 2 Tage bis 2 Wochen, vorbereitende Besuche 2–5 Tage. Voraussetzung: ein Partnerbetrieb im ' +
      'Ausland ist gefunden. Antragsberechtigt: Ausbildungsbetriebe, Kammern, berufliche Schulen. Zwei Runden ' +
      'im Jahr (März und Oktober); der genaue Tag steht im jeweiligen Aufruf (2025: 25. März und 7. Oktober, ' +
      'https://kooperation-international.de/aktuelles/bekanntmachungen/detail/info/bmbf-foerderprogramm-ausbildungweltweit-erste-antragsrunde-2025; ' +
      'die erste Runde 2026 endete schon am 24. Februar). Fördersätze: nicht im Katalog.',
    eligibility: {
      formats: ['vocational_placement', 'staff_exchange'],
      institutionKinds: ['vocational', 'school'],
      sides: ['duren'],
      directions: ['duren_to_jinhua'],
      duration: { minDays: 21, maxDays: 90 },
      staff: { duration: { minDays: 2, maxDays: 14 } },
    },
    rates: {},
    deadlines: [
      {
        label: { de: 'Antragsrunde März', en: 'March round', zh: '三月申请轮次' },
        month: 3,
        day: 25,
      },
      {
        label: { de: 'Antragsrunde Oktober', en: 'October round', zh: '十月申请轮次' },
        month: 10,
        day: 7,
      },
    ],
  },
  {
    slug: 'bildungsnetzwerk-china',
    name: {
      de: 'Bildungsnetzwerk China',
      en: 'Bildungsnetzwerk China',
      zh: '中国教育网络（Bildungsnetzwerk China）',
    },
    funder: 'Bildungsnetzwerk China gGmbH (Stiftung Mercator und Goethe-Institut)',
    sourceUrl: 'https://bildungsnetzwerk-china.de/angebot/foerderung.html',
    lastChecked: '2026-12',
    notes:
      'Fördert ausschließlich Aktivitäten innerhalb Deutschlands, keine Reisen in chinesischsprachige ' +
      'Regionen. Schulen: Spende bis 500 € einmalig oder Einsteigerprojekte bis 5.000 € im Schuljahr; ' +
      'gemeinnützige Organisationen und Träger der Jugendarbeit („China vor Ort!“): bis 25.000 € pro Projekt ' +
      '(https://bildungsnetzwerk-china.de/angebot/foerderung/china-vor-ort.html). Keine feste Frist.',
    eligibility: {
      formats: [],
      institutionKinds: ['school', 'club', 'public'],
      sides: ['duren'],
      directions: ['duren_to_jinhua', 'jinhua_to_duren'],
      activitiesInGermanyOnly: true,
    },
    rates: {
      lumpSums: [
        {
          label: { de: 'Einmalige Spende', en: 'One-off grant', zh: '一次性资助' },
          max: 500,
          institutionKinds: ['school'],
        },
        {
          label: { de: 'Einsteigerprojekt', en: 'Beginner project', zh: '入门项目' },
          max: 5000,
          institutionKinds: ['school'],
        },
        {
          label: {
            de: 'Projekt einer Jugendorganisation',
            en: 'Youth organisation project',
            zh: '青年组织项目',
          },
          max: 25000,
          institutionKinds: ['club', 'public'],
        },
      ],
    },
    deadlines: [],
  },
]
