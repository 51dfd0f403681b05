# Machine translation by the development team: needs review by a native speaker.

# The admin panel: reached by a discreet gesture and a PIN. Seen by kiosk staff, never by visitors.

admin-title = Administrēšana
admin-pin-set-title = Iestatiet administratora PIN
admin-pin-set-help = Izvēlieties 6 līdz 12 ciparus. Tie būs vajadzīgi, lai atvērtu šo paneli; pierakstiet tos drošā vietā.
admin-pin-enter-title = Ievadiet administratora PIN
admin-pin-label = PIN kods
admin-pin-repeat-label = Tas pats PIN vēlreiz
admin-pin-submit = Atvērt
admin-pin-save = Saglabāt PIN
admin-pin-wrong = Nepareizs PIN.
admin-pin-locked = Pārāk daudz nepareizu PIN. Mēģiniet vēlreiz pēc { $seconds } s.
admin-pin-shape = PIN jābūt no 6 līdz 12 cipariem.
admin-pin-not-set = Šim kioskam administratora PIN vēl nav iestatīts. Vērsieties pie operatora, kas to uzstādīja.
admin-pin-mismatch = Abi PIN nesakrīt.
admin-pin-already-set = PIN jau ir iestatīts.
admin-status-title = Informācija
admin-row-version = Informācijas versija
admin-row-published = Publicēts
admin-row-age = Vecums
admin-age-days =
    { $days ->
        [zero] { $days } dienu
        [one] { $days } diena
       *[other] { $days } dienas
    }
admin-row-source = Avots
admin-row-fetched = Saņemts
admin-row-last-check = Pēdējā pārbaude
admin-row-metadata = Paraksti derīgi līdz
admin-metadata-expired = derīgums beidzies: jauna informācija netiek pieņemta, līdz izdevējs to atkal paraksta
admin-row-previous = Iepriekšējā versija
admin-row-pending = Gaida parādīšanu
admin-pending-value = versija { $version }, tiks rādīta pēc nākamās atiestatīšanas
admin-row-update-url = Atjauninājumu adrese
admin-row-usb = USB zibatmiņa
admin-none = nav
admin-result-staged = saņemta jauna versija
admin-result-current = jau ir jaunākā versija
admin-actions-title = Atjauninājumi
admin-check = Pārbaudīt tagad
admin-import-usb = Importēt no USB
admin-rollback = Atgriezties pie iepriekšējās versijas
admin-settings-title = Iestatījumi
admin-default-locale = Valoda, kurā sākas jauna sesija
admin-update-url-label = Atjauninājumu adrese (https://…)
admin-save = Saglabāt iestatījumus
admin-close = Aizvērt paneli
admin-working = Apstrādā…
admin-saved = Iestatījumi saglabāti.
admin-staged = Versija { $version } saņemta. Tā tiks rādīta, kad šis panelis tiks aizvērts.
admin-up-to-date = Jau ir jaunākā versija (versija { $version }).
admin-rolled-back = Tagad tiek rādīta versija { $version }.
admin-error-bad-source = Šo atjauninājumu adresi nevar izmantot. Izmantojiet https:// adresi.
admin-error-unreachable = Neizdevās sazināties ar atjauninājumu avotu.
admin-error-deadline = Atjauninājumu avots ir pārāk lēns. Mēģiniet vēlreiz vēlāk.
admin-error-certificate = Atjauninājumu servera sertifikāts tika noraidīts (nepareizs nosaukums, beidzies derīgums vai nav no uzticama izdevēja). Nekas netika lejupielādēts.
admin-error-redirect = Atjauninājumu serveris pāradresēja uz citu adresi. Tas tika noraidīts.
admin-error-too-large = Atjauninājumu avots nosūtīja vairāk datu, nekā atļauts. Tie tika noraidīti.
admin-error-expired = Atjauninājuma parakstu derīgums ir beidzies. Tas tika noraidīts; pašreizējā informācija paliek.
admin-error-rollback = Piedāvātais atjauninājums ir vecāks par šī kioska informāciju. Tas tika noraidīts.
admin-error-signature-invalid = Atjauninājums neizturēja paraksta pārbaudi. Tas tika noraidīts.
admin-error-integrity = Saņemtā informācija ir bojāta. Tā tika noraidīta.
admin-error-no-space = Diskā nepietiek vietas atjauninājumam.
admin-error-io = Atjauninājumu neizdevās ierakstīt diskā.
admin-error-no-trust = Šis kiosks vēl neuzticas nevienai izdevēja atslēgai.
admin-error-clock = Kioska pulkstenis rāda agrāku laiku nekā iepriekš. Iestatiet pareizo laiku un mēģiniet vēlreiz.
admin-error-no-previous = Nav iepriekšējās versijas, pie kuras atgriezties.
admin-error-busy = Notiek cits atjauninājums. Drīz mēģiniet vēlreiz.
admin-error-repository = Atjauninājumu krātuve nav pareizi iestatīta.
admin-error-signing = Atjauninājumu neizdevās parakstīt.
admin-error-fixed-content = Šis kiosks rāda fiksētu informācijas mapi, tāpēc atjauninājumi ir izslēgti.
admin-error-no-url = Atjauninājumu adrese nav iestatīta.
admin-error-no-usb = Netika atrasta USB zibatmiņa ar atjauninājumiem.
admin-error-locked = Vispirms atveriet paneli ar PIN.
