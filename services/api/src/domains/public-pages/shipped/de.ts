import type { ShippedTexts } from './types.js'

export const de: ShippedTexts = {
  welcome: {
    title: 'Austausch Düren–Jinhua',
    description:
      'Schulen, Vereine, Berufskollegs und Initiativen aus dem Kreis Düren und der Region Jinhua finden hier Partner für einen Austausch.',
    body: `Der **Kreis Düren** (Nordrhein-Westfalen) und die **Stadtregion Jinhua** (Provinz Zhejiang, China) haben eine Kooperationsvereinbarung geschlossen. Diese Plattform macht daraus echte Partnerschaften: Schulen, Vereine, Berufskollegs und Ausbildungsbetriebe, private Initiativen und Einrichtungen auf beiden Seiten finden einander, planen Begegnungen und halten ihre Vereinbarung fest.

## So geht es

1. Registrieren Sie sich und legen Sie Ihre Einrichtung an.
2. Beschreiben Sie, welchen Austausch Sie suchen.
3. Die Plattform schlägt Ihnen passende Partner vor und erklärt, warum sie passen.
4. Die Austauschbüros beider Seiten begleiten Sie bis zum Besuch.

Mehr dazu: [Die Kooperation](/de/cooperation) · [Mitmachen](/de/take-part) · [Nach der Registrierung](/de/after-registering) · [Häufige Fragen](/de/faq) · [Kontakt](/de/contact)`,
  },
  cooperation: {
    title: 'Die Kooperation',
    description:
      'Worum es in der Kooperation zwischen dem Kreis Düren und Jinhua geht: Bildung, Wissenschaft, Wirtschaft, Energie, Kultur, Sport und gesellschaftlicher Austausch.',
    body: `Die Kooperationsvereinbarung zwischen dem Kreis Düren und der Stadtregion Jinhua nennt diese Felder der Zusammenarbeit:

- **Bildung**: Schüleraustausch, Lehrkräfte-Austausch, gemeinsame Projekte von Schulen
- **Wissenschaft**: Hochschulen und Forschungseinrichtungen
- **Wirtschaft**: Unternehmen, duale Berufsausbildung, Fachkräfte
- **Energie**: Wasserstoff und Energiewende
- **Kultur**: Musik, Kunst, Sprache, Begegnungen
- **Sport**: Vereine und Schulsport
- **Gesellschaftlicher Austausch**: Vereine, Initiativen, Bürgerinnen und Bürger

Beide Seiten haben ein Austauschbüro: das Welcome-Center des Kreises Düren und das Büro für auswärtige Angelegenheiten der Stadt Jinhua. Sie prüfen die teilnehmenden Einrichtungen und begleiten die Partnerschaften.

Unten sehen Sie die Städte und Gemeinden des Kreises Düren und die Kreise und Bezirke von Jinhua.`,
  },
  'take-part': {
    title: 'Mitmachen',
    description:
      'Wie Schulen, Vereine, Berufskollegs, Ausbildungsbetriebe und private Initiativen beim Austausch Düren–Jinhua mitmachen.',
    body: `Mitmachen können Einrichtungen aus dem Kreis Düren und der Region Jinhua. Eine Person (die Koordinatorin oder der Koordinator) registriert sich und legt die Einrichtung an.

## Schulen

Die Schulleitung oder eine beauftragte Lehrkraft registriert die Schule. Schülerinnen und Schüler werden nie mit Namen erfasst: Gruppen stehen nur als Anzahl nach Altersgruppen in der Plattform. Namentlich genannt werden nur die begleitenden Erwachsenen, mit ihrer Zustimmung.

## Vereine

Sport-, Musik- und Kulturvereine melden sich über ein Vorstandsmitglied an. Gesucht werden Vereinsbegegnungen, gemeinsame Trainings, Konzerte oder Turniere.

## Berufskollegs und Ausbildungsbetriebe

Berufskollegs, Berufsschulen und Betriebe, die ausbilden, suchen Partner für Praktika, Fachkräfte-Austausch und gemeinsame Projekte, etwa zu Wasserstoff und Energiewende.

## Private Initiativen

Auch Initiativen von Bürgerinnen und Bürgern gehören zum gesellschaftlichen Austausch. Das Austauschbüro prüft, ob eine Initiative aufgenommen werden kann; schreiben Sie uns vorher gern (siehe [Kontakt](/de/contact)).

[Jetzt registrieren](/register)`,
  },
  'after-registering': {
    title: 'Nach der Registrierung',
    description:
      'Was nach der Registrierung passiert: Prüfung, Partnervorschläge, Kennenlernen, Vereinbarung und Besuch.',
    body: `1. **E-Mail bestätigen.** Sie bekommen einen Link per E-Mail.
2. **Einrichtung anlegen.** Name, Ort und eine kurze Beschreibung, auf Wunsch auch auf Chinesisch oder Englisch.
3. **Prüfung.** Das Austauschbüro Ihrer Seite prüft die Einrichtung, meist innerhalb weniger Arbeitstage.
4. **Interesse beschreiben.** Was möchten Sie machen, mit welcher Altersgruppe, wann?
5. **Partnervorschläge.** Die Plattform schlägt passende Partner vor und sagt, warum. Beide Seiten nehmen an oder lehnen ab.
6. **Kennenlernen.** Ein erstes Online-Treffen zu einer Zeit, die in beiden Zeitzonen passt.
7. **Vereinbarung.** Sie halten den Austausch in einer Vereinbarung auf Deutsch und Chinesisch fest; beide Einrichtungen unterschreiben, die Büros zeichnen gegen.
8. **Besuch.** Reiseplanung mit Checkliste, Fördermöglichkeiten und danach ein kurzer Bericht.`,
  },
  contact: {
    title: 'Kontakt',
    description: 'So erreichen Sie das Welcome-Center des Kreises Düren und das Austauschbüro in Jinhua.',
    body: `## Welcome-Center des Kreises Düren

Kreisverwaltung Düren, Bismarckstraße 16, 52351 Düren

E-Mail: [welcome-center@kreis-dueren.de](mailto:welcome-center@kreis-dueren.de)

Sprechzeiten: Montag bis Freitag, 9 bis 12 Uhr, und nach Vereinbarung.

## Austauschbüro in Jinhua

Büro für auswärtige Angelegenheiten der Stadt Jinhua (金华市人民政府外事办公室)

Fragen aus Jinhua beantwortet das Büro auf Chinesisch; schreiben Sie uns, wir leiten weiter.`,
  },
  faq: {
    title: 'Häufige Fragen',
    description:
      'Antworten auf häufige Fragen zum Austausch Düren–Jinhua: Kosten, Sprache, Datenschutz, Förderung.',
    body: `## Kostet die Plattform etwas?

Nein. Die Plattform ist kostenlos. Reise und Aufenthalt tragen die Einrichtungen; es gibt aber Förderprogramme.

## Müssen wir Chinesisch können?

Nein. Die Plattform spricht Deutsch, Chinesisch, Englisch und Einfache Sprache. Beschreibungen können automatisch übersetzt werden (das ist markiert), Vereinbarungen stehen zweisprachig nebeneinander.

## Welche Daten von Schülerinnen und Schülern werden gespeichert?

Keine persönlichen Daten. Gruppen stehen nur als Anzahl nach Altersgruppen in der Plattform.

## Wer sieht unsere Angaben?

Die Austauschbüros beider Seiten und, sobald ein Vorschlag gemacht wird, die vorgeschlagene Partnereinrichtung. Öffentlich ist nichts, solange Sie es nicht freigeben.

## Gibt es Geld für den Austausch?

Es gibt Förderprogramme, zum Beispiel für Schüler- und Jugendaustausch. Die Plattform zeigt zu jeder Reise, welche Programme passen.`,
  },
}
