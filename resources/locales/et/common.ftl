# Machine translation by the development team: needs review by a native speaker.

## Brand

-brand-name = Turvakompass

common-app-name = { -brand-name }

## Languages

locale-own-name = Eesti
language-lv = läti
language-et = eesti
language-en = inglise
language-ru = vene
language-uk = ukraina
language-other = muud keeled

## Countries

country-lv = Läti
country-ee = Eesti
country-gb = Ühendkuningriik

## Navigation

common-back = Tagasi
common-home = Avaleht
common-print = Prindi

## Translation notes

translation-fallback = Näidatud { $language } keeles: tõlget veel pole.
translation-machine = Masintõlge

## Errors

error-content-missing = Teave pole praegu saadaval. Palun pöörduge töötaja poole.
error-content-corrupt = Osa teavet ei õnnestunud lugeda. Palun pöörduge töötaja poole.
error-search-failed = Otsing praegu ei tööta. Palun proovige uuesti.
error-not-found = Seda lehte ei leitud.
