# Machine translation by the development team: needs review by a native speaker.

## Brand

-brand-name = Drošības kompass

common-app-name = { -brand-name }

## Languages

locale-own-name = Latviešu
language-lv = latviešu
language-et = igauņu
language-en = angļu
language-ru = krievu
language-uk = ukraiņu
language-other = citas valodas

## Countries

country-lv = Latvija
country-ee = Igaunija
country-gb = Apvienotā Karaliste

## Navigation

common-back = Atpakaļ
common-home = Sākums
common-print = Drukāt

## Translation notes

translation-fallback = Rādīts { $language } valodā: tulkojuma vēl nav.
translation-machine = Mašīntulkojums

## Errors

error-content-missing = Informācija pašlaik nav pieejama. Lūdzu, vērsieties pie darbinieka.
error-content-corrupt = Daļu informācijas neizdevās nolasīt. Lūdzu, vērsieties pie darbinieka.
error-search-failed = Meklēšana pašlaik nedarbojas. Lūdzu, mēģiniet vēlreiz.
error-not-found = Šo lapu neizdevās atrast.
