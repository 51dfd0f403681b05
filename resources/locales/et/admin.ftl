# Machine translation by the development team: needs review by a native speaker.

# The admin panel: reached by a discreet gesture and a PIN. Seen by kiosk staff, never by visitors.

admin-title = Haldus
admin-pin-set-title = Määrake administraatori PIN
admin-pin-set-help = Valige 6 kuni 12 numbrit. Neid on vaja selle paneeli avamiseks; kirjutage need üles ja hoidke kindlas kohas.
admin-pin-enter-title = Sisestage administraatori PIN
admin-pin-label = PIN-kood
admin-pin-repeat-label = Sama PIN uuesti
admin-pin-submit = Ava
admin-pin-save = Salvesta PIN
admin-pin-wrong = Vale PIN.
admin-pin-locked = Liiga palju valesid PIN-e. Proovige uuesti { $seconds } s pärast.
admin-pin-shape = PIN peab olema 6 kuni 12 numbrit.
admin-pin-not-set = Sellel kioskil pole administraatori PIN-koodi veel määratud. Pöörduge operaatori poole, kes selle paigaldas.
admin-pin-mismatch = Need kaks PIN-i ei ole samad.
admin-pin-already-set = PIN on juba määratud.
admin-status-title = Teave
admin-row-version = Teabe versioon
admin-row-published = Avaldatud
admin-row-age = Vanus
admin-age-days =
    { $days ->
        [one] { $days } päev
       *[other] { $days } päeva
    }
admin-row-source = Allikas
admin-row-fetched = Saadud
admin-row-last-check = Viimane kontroll
admin-row-metadata = Allkirjad kehtivad kuni
admin-metadata-expired = aegunud: uut teavet vastu ei võeta, kuni väljaandja selle uuesti allkirjastab
admin-row-previous = Eelmine versioon
admin-row-pending = Ootab näitamist
admin-pending-value = versioon { $version }, näidatakse pärast järgmist lähtestamist
admin-row-update-url = Uuenduste aadress
admin-row-usb = USB-mälupulk
admin-none = puudub
admin-result-staged = saadi uus versioon
admin-result-current = juba ajakohane
admin-actions-title = Uuendused
admin-check = Kontrolli kohe
admin-import-usb = Impordi USB-lt
admin-rollback = Taasta eelmine versioon
admin-settings-title = Seaded
admin-default-locale = Keel, milles uus seanss algab
admin-update-url-label = Uuenduste aadress (https://…)
admin-save = Salvesta seaded
admin-close = Sulge paneel
admin-working = Töötlen…
admin-saved = Seaded on salvestatud.
admin-staged = Versioon { $version } on saadud. Seda näidatakse, kui see paneel suletakse.
admin-up-to-date = Juba ajakohane (versioon { $version }).
admin-rolled-back = Nüüd näidatakse versiooni { $version }.
admin-error-bad-source = Seda uuenduste aadressi ei saa kasutada. Kasutage https://-aadressi.
admin-error-unreachable = Uuenduste allikaga ei õnnestunud ühendust saada.
admin-error-deadline = Uuenduste allikas on liiga aeglane. Proovige hiljem uuesti.
admin-error-certificate = Uuendusserveri sertifikaat lükati tagasi (vale nimi, aegunud või mitte usaldusväärselt väljaandjalt). Midagi ei laaditud alla.
admin-error-redirect = Uuendusserver suunas teisele aadressile. See lükati tagasi.
admin-error-too-large = Uuenduste allikas saatis lubatust rohkem andmeid. Need lükati tagasi.
admin-error-expired = Uuenduse allkirjad on aegunud. See lükati tagasi; praegune teave jääb alles.
admin-error-rollback = Pakutud uuendus on vanem kui selle kioski teave. See lükati tagasi.
admin-error-signature-invalid = Uuendus ei läbinud allkirja kontrolli. See lükati tagasi.
admin-error-integrity = Saadud teave on rikutud. See lükati tagasi.
admin-error-no-space = Kettal pole uuenduse jaoks piisavalt ruumi.
admin-error-io = Uuendust ei õnnestunud kettale kirjutada.
admin-error-no-trust = See kiosk ei usalda veel ühtegi väljaandja võtit.
admin-error-clock = Kioski kell näitab varasemat aega kui enne. Seadke õige aeg ja proovige uuesti.
admin-error-no-previous = Eelmist versiooni, mille juurde naasta, ei ole.
admin-error-busy = Teine uuendus on pooleli. Proovige veidi hiljem uuesti.
admin-error-repository = Uuenduste hoidla pole õigesti seadistatud.
admin-error-signing = Uuendust ei õnnestunud allkirjastada.
admin-error-fixed-content = See kiosk näitab kindlat teabekausta, seega on uuendused välja lülitatud.
admin-error-no-url = Uuenduste aadressi pole määratud.
admin-error-no-usb = Uuendustega USB-mälupulka ei leitud.
admin-error-locked = Avage esmalt paneel PIN-iga.
