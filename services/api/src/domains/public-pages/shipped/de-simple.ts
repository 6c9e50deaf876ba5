import type { ShippedTexts } from './types.js'

/** Einfache Sprache: short sentences, one idea each. Pages not here fall back to German (marked). */
export const deSimple: ShippedTexts = {
  welcome: {
    title: 'Austausch Düren–Jinhua',
    description: 'Hier finden Schulen und Vereine aus Düren und Jinhua Partner.',
    body: `Der Kreis Düren ist in Deutschland. Jinhua ist eine Stadt in China.

Beide arbeiten zusammen. Das steht in einem Vertrag.

Auf dieser Seite finden Schulen, Vereine und Betriebe einen Partner auf der anderen Seite.

## So geht es

1. Sie melden sich an.
2. Sie schreiben: Das wollen wir machen.
3. Wir zeigen Ihnen passende Partner.
4. Das Büro hilft Ihnen bis zur Reise.

[Mitmachen](/de-simple/take-part) · [Kontakt](/de-simple/contact)`,
  },
  'take-part': {
    title: 'Mitmachen',
    description: 'So machen Schulen, Vereine, Betriebe und Gruppen beim Austausch mit.',
    body: `Eine Person meldet die Schule, den Verein oder den Betrieb an.

## Schulen

Die Schule meldet sich an. Die Namen von Kindern schreiben wir nicht auf. Wir zählen nur, wie viele Kinder mitfahren.

## Vereine

Ein Verein meldet sich an. Zum Beispiel ein Sport-Verein oder ein Musik-Verein.

## Berufs-Schulen und Betriebe

Auch Berufs-Schulen und Betriebe mit Azubis können mitmachen.

## Gruppen von Bürgern

Auch Gruppen von Bürgern können mitmachen. Schreiben Sie uns vorher.

[Jetzt anmelden](/register)`,
  },
}
