# Machine translation by the development team: needs review by a native speaker.

## Dates, reports and file sizes

ui-date = { $day }.{ $month }.{ $year }
ui-report-published = Avaldatud { $date }
ui-report-editions = Avaldatud keeltes: { $languages }
ui-file-size-kb = { $size } KB

## QR codes to take a number or a link away on a phone

ui-qr-call = Skannige telefoniga, et helistada
ui-qr-sms = Skannige telefoniga, et saata sõnum
ui-qr-email = Skannige telefoniga, et kirjutada e-kiri
ui-qr-open = Skannige telefoniga, et avada leht

## Neutral screen

ui-neutral-title = Infopunkt
ui-neutral-start = Alustamiseks puudutage ekraani

## Quick exit

ui-quick-exit = Välju sellelt lehelt
ui-quick-exit-hint = või vajutage Esc või kolm korda Shift

## Header

ui-header-nav = Lehe menüü
ui-language = Keel
ui-text-size = Teksti suurus
ui-text-size-1 = Tavaline
ui-text-size-2 = Suur
ui-text-size-3 = Kõige suurem
ui-listen = Kuula
ui-listen-stop = Peata

## Waiting and problems

ui-loading = Laadimine…
ui-error-heading = Praegu pole saadaval
ui-error-generic = Midagi ei õnnestunud. Palun proovige uuesti või pöörduge töötaja poole.
ui-list-empty = Siin pole veel midagi.

## "Are you still there?" before the screen is cleared

ui-idle-title = Kas olete veel siin?
ui-idle-text = Varsti tühjendatakse ekraan, et järgmine inimene ei näeks, mida vaatasite.
ui-idle-seconds-left = Sekundeid jäänud:
ui-idle-continue = Jätka

## Dialogs and links

ui-dialog-close = Sulge
ui-qr-heading = Võtke see link kaasa
ui-qr-text = Lingid sellel ekraanil ei avane. Koodi saate telefoniga skannida.

## Home screen

ui-home-heading = Abi ja nõu
ui-search-label = Otsi
ui-get-help-now = Abi kohe
ui-home-more = Rohkem teavet

## Screen headings

ui-search-heading = Otsing
ui-hotlines-heading = Abitelefonid
ui-programmes-heading = Tugiprogrammid
ui-articles-heading = Hea teada
ui-selfcheck-heading = Küsimusi mõtlemiseks
ui-events-heading = Sündmused
ui-reports-heading = Uuringud ja aruanded
ui-about-heading = Selle infopunkti kohta

## Lists of helplines and programmes

ui-filters = Näita ainult
ui-filter-all = Kõik

## One helpline or programme

ui-confidential = Ainult töötajatele. Ärge jagage seda edasi.
ui-languages-unknown = Küsige, mis keeltes vastatakse
ui-contact-heading = Kuidas ühendust võtta
ui-what-happens = Mis edasi saab
ui-eligibility = Kellele mõeldud
ui-how-to-start = Kuidas alustada
ui-description = Lähemalt sellest teenusest
ui-print-card = Prindi väike kaart
ui-card-heading = Kasulikud numbrid

## Events

ui-events-upcoming = Tulekul
ui-events-past = Möödunud sündmused

## Research and reports

ui-report-read = Loe
ui-report-no-file = Seda aruannet selles arvutis ei ole.
ui-viewer-close = Sulge aruanne

## Questions to think about

ui-selfcheck-intro = Teie vastuseid ei salvestata.
ui-selfcheck-result = Vaata tulemust
ui-selfcheck-unanswered = Palun vastake igale küsimusele.
ui-selfcheck-helplines = Vaata abitelefone

## Contacts for a person

ui-referral-show = Näita kontakte
ui-referral-print = Prindi see leht

## About this information point

ui-about-privacy-heading = Teie privaatsus
ui-about-privacy-saved = Siin tehtust ei salvestata midagi.
ui-about-privacy-cleared = Ekraan tühjendatakse, kui lahkute või vajutate väljumisnuppu.
ui-about-privacy-sent = Siin vaadatut ei saadeta kuhugi.
ui-about-content = Teabe kohta
ui-about-version = Versioon
ui-about-newest = Uusim kontroll
ui-about-oldest = Vanim kontroll
ui-about-counts = Mis siin on
