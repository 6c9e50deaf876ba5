import type { ShippedTexts } from './types.js'

export const en: ShippedTexts = {
  welcome: {
    title: 'Düren–Jinhua exchange',
    description:
      'Schools, clubs, vocational colleges and initiatives from the District of Düren and the Jinhua region find partners for an exchange here.',
    body: `The **District of Düren** (North Rhine-Westphalia, Germany) and the **Jinhua city region** (Zhejiang, China) have signed a cooperation agreement. This platform turns it into real partnerships: schools, clubs, vocational colleges and training companies, private initiatives and institutions on both sides find each other, plan visits and record their agreement.

## How it works

1. Register and add your institution.
2. Describe the exchange you are looking for.
3. The platform proposes partners that fit and explains why.
4. The exchange offices of both sides support you up to the visit.

More: [The cooperation](/en/cooperation) · [Take part](/en/take-part) · [After registering](/en/after-registering) · [FAQ](/en/faq) · [Contact](/en/contact)`,
  },
  cooperation: {
    title: 'The cooperation',
    description:
      'What the cooperation between the District of Düren and Jinhua covers: education, science, economy, energy, culture, sport and social exchange.',
    body: `The cooperation agreement between the District of Düren and the Jinhua city region names these fields of cooperation:

- **Education**: pupil exchanges, teacher exchanges, joint school projects
- **Science**: universities and research institutes
- **Economy**: companies, dual vocational training, skilled workers
- **Energy**: hydrogen and the energy transition (Energiewende)
- **Culture**: music, art, language, encounters
- **Sport**: clubs and school sport
- **Social exchange**: associations, initiatives, citizens

Each side has an exchange office: the Welcome-Center of the District of Düren and the Foreign Affairs Office of Jinhua. They verify the institutions taking part and support the partnerships.

Below are the towns and municipalities of the District of Düren and the counties and districts of Jinhua.`,
  },
  'take-part': {
    title: 'Take part',
    description:
      'How schools, clubs, vocational colleges, training companies and private initiatives take part in the Düren–Jinhua exchange.',
    body: `Institutions from the District of Düren and the Jinhua region can take part. One person (the coordinator) registers and adds the institution.

## Schools

The head or a teacher they name registers the school. Pupils are never recorded by name: groups are only counts per age band. Only the accompanying adults are named, with their consent.

## Clubs

Sports, music and cultural clubs register through a board member, for club encounters, joint training, concerts or tournaments.

## Vocational colleges and training companies

Vocational colleges and companies that train apprentices look for partners for internships, staff exchanges and joint projects, for example on hydrogen and the energy transition.

## Private initiatives

Citizens' initiatives belong to the social exchange too. The exchange office checks whether an initiative can be admitted; feel free to write to us first (see [Contact](/en/contact)).

[Register now](/register)`,
  },
  'after-registering': {
    title: 'After registering',
    description:
      'What happens after registering: verification, partner proposals, a first meeting, the agreement and the visit.',
    body: `1. **Confirm your email.** You receive a link by email.
2. **Add your institution.** Name, town and a short description, also in Chinese or English if you like.
3. **Verification.** Your side's exchange office verifies the institution, usually within a few working days.
4. **Describe your interest.** What would you like to do, with which age group, when?
5. **Partner proposals.** The platform proposes partners that fit and says why. Both sides accept or decline.
6. **Getting to know each other.** A first online meeting at a time that suits both time zones.
7. **Agreement.** You record the exchange in an agreement in German and Chinese; both institutions sign, the offices countersign.
8. **Visit.** Trip planning with a checklist, funding options and afterwards a short report.`,
  },
  contact: {
    title: 'Contact',
    description:
      'How to reach the Welcome-Center of the District of Düren and the exchange office in Jinhua.',
    body: `## Welcome-Center of the District of Düren

District administration Düren, Bismarckstraße 16, 52351 Düren, Germany

Email: [welcome-center@kreis-dueren.de](mailto:welcome-center@kreis-dueren.de)

Office hours: Monday to Friday, 9 am to 12 noon, and by appointment.

## Exchange office in Jinhua

Foreign Affairs Office of the Jinhua Municipal People's Government (金华市人民政府外事办公室)`,
  },
  faq: {
    title: 'Frequently asked questions',
    description:
      'Answers to common questions about the Düren–Jinhua exchange: costs, language, data protection, funding.',
    body: `## Does the platform cost anything?

No. The platform is free. Institutions pay for travel and stay, but there are funding programmes.

## Do we need to speak Chinese?

No. The platform speaks German, Chinese, English and Einfache Sprache (plain German). Descriptions can be machine-translated (marked as such); agreements show both languages side by side.

## What data about pupils is stored?

No personal data. Groups are only counts per age band.

## Who sees our details?

The exchange offices of both sides and, once a proposal is made, the proposed partner institution. Nothing is public unless you release it.

## Is there money for the exchange?

There are funding programmes, for example for pupil and youth exchanges. For every trip the platform shows which programmes fit.`,
  },
}
