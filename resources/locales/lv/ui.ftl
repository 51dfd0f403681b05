# Machine translation by the development team: needs review by a native speaker.

## Dates, reports and file sizes

ui-date = { $day }.{ $month }.{ $year }.
ui-report-published = Publicēts { $date }
ui-report-editions = Publicēts valodās: { $languages }
ui-file-size-kb = { $size } KB

## QR codes to take a number or a link away on a phone

ui-qr-call = Skenējiet ar tālruni, lai piezvanītu
ui-qr-sms = Skenējiet ar tālruni, lai nosūtītu īsziņu
ui-qr-email = Skenējiet ar tālruni, lai uzrakstītu e-pastu
ui-qr-open = Skenējiet ar tālruni, lai atvērtu lapu

## Neutral screen

ui-neutral-title = Informācijas punkts
ui-neutral-start = Pieskarieties ekrānam, lai sāktu

## Quick exit

ui-quick-exit = Iziet no šīs lapas
ui-quick-exit-hint = vai nospiediet Esc vai trīs reizes Shift

## Header

ui-header-nav = Lapas izvēlne
ui-language = Valoda
ui-text-size = Teksta lielums
ui-text-size-1 = Parasts
ui-text-size-2 = Liels
ui-text-size-3 = Vislielākais
ui-listen = Klausīties
ui-listen-stop = Apturēt

## Waiting and problems

ui-loading = Ielādē…
ui-error-heading = Pašlaik nav pieejams
ui-error-generic = Radās kļūda. Lūdzu, mēģiniet vēlreiz vai vērsieties pie darbinieka.
ui-list-empty = Šeit vēl nekā nav.

## "Are you still there?" before the screen is cleared

ui-idle-title = Vai jūs vēl esat šeit?
ui-idle-text = Drīz ekrāns tiks notīrīts, lai nākamais cilvēks neredzētu, ko jūs skatījāties.
ui-idle-seconds-left = Atlikušās sekundes:
ui-idle-continue = Turpināt

## Dialogs and links

ui-dialog-close = Aizvērt
ui-qr-heading = Paņemiet šo saiti līdzi
ui-qr-text = Saites šajā ekrānā neatveras. Kodu varat noskenēt ar tālruni.

## Home screen

ui-home-heading = Palīdzība un padomi
ui-search-label = Meklēt
ui-get-help-now = Palīdzība tūlīt
ui-home-more = Vairāk informācijas

## Screen headings

ui-search-heading = Meklēt
ui-hotlines-heading = Palīdzības tālruņi
ui-programmes-heading = Atbalsta programmas
ui-articles-heading = Ko der zināt
ui-selfcheck-heading = Jautājumi pārdomām
ui-events-heading = Notikumi
ui-reports-heading = Pētījumi un ziņojumi
ui-about-heading = Par šo informācijas punktu

## Lists of helplines and programmes

ui-filters = Rādīt tikai
ui-filter-all = Visi

## One helpline or programme

ui-confidential = Tikai darbiniekiem. Nedodiet to tālāk.
ui-languages-unknown = Pajautājiet, kādās valodās var sazināties
ui-contact-heading = Kā sazināties
ui-what-happens = Kas notiek tālāk
ui-eligibility = Kam paredzēts
ui-how-to-start = Kā sākt
ui-description = Vairāk par šo pakalpojumu
ui-print-card = Drukāt mazu kartīti
ui-card-heading = Noderīgi numuri

## Events

ui-events-upcoming = Gaidāmie notikumi
ui-events-past = Pagājušie notikumi

## Research and reports

ui-report-read = Lasīt
ui-report-no-file = Šis ziņojums nav saglabāts šajā datorā.
ui-viewer-close = Aizvērt ziņojumu

## Questions to think about

ui-selfcheck-intro = Jūsu atbildes netiek saglabātas.
ui-selfcheck-result = Skatīt rezultātu
ui-selfcheck-unanswered = Lūdzu, atbildiet uz visiem jautājumiem.
ui-selfcheck-helplines = Skatīt palīdzības tālruņus

## Contacts for a person

ui-referral-show = Rādīt kontaktus
ui-referral-print = Drukāt šo lapu

## About this information point

ui-about-privacy-heading = Jūsu privātums
ui-about-privacy-saved = Nekas, ko šeit darāt, netiek saglabāts.
ui-about-privacy-cleared = Ekrāns tiek notīrīts, kad aizejat vai nospiežat iziešanas pogu.
ui-about-privacy-sent = Nekas, ko skatāties, netiek nekur nosūtīts.
ui-about-content = Par informāciju
ui-about-version = Versija
ui-about-newest = Jaunākā pārbaude
ui-about-oldest = Vecākā pārbaude
ui-about-counts = Kas šeit ir
