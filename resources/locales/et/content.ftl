# Machine translation by the development team: needs review by a native speaker.

## Topics

topic-trafficking = Ärakasutamine
topic-sexual-exploitation = Seksuaalne ärakasutamine
topic-labour-exploitation = Tööalane ärakasutamine
topic-sham-marriage = Fiktiivabielu
topic-domestic-violence = Lähisuhtevägivald
topic-child-protection = Lastekaitse
topic-consular-help = Konsulaarabi
topic-emergency = Hädaolukord
topic-emotional-support = Emotsionaalne tugi
topic-legal-aid = Õigusabi
topic-job-offer-check = Tööpakkumise kontroll
topic-police = Politsei (mitte hädaolukord)

## Who a service is for

audience-adults = Täiskasvanutele
audience-children = Lastele ja noortele
audience-both = Täiskasvanutele ja lastele

## Contact channels

channel-voice = Telefon
channel-sms = Tekstisõnum
channel-chat = Vestlus
channel-email = E-post
channel-web = Veebileht

## Kinds of records

kind-organization = Organisatsioon
kind-service = Teenus
kind-event = Sündmus
kind-report = Aruanne
kind-article = Artikkel
kind-selfcheck = Enesetest
service-kind-hotline = Abitelefon
service-kind-programme = Tugiprogramm
service-kind-centre = Keskus

## Event categories

event-category-training = Koolitus
event-category-campaign = Kampaania
event-category-publication = Väljaanne
event-category-broadcast = Saade
event-category-launch = Avamine

## Where information comes from

provenance-verified-on = Kontrollitud { $date }
provenance-unverified = Veel kontrollimata
provenance-source = Allikas
provenance-stale =
    { $days ->
        [one] Viimati kontrollitud üle { $days } päeva tagasi
       *[other] Viimati kontrollitud üle { $days } päeva tagasi
    }

## Helplines

hotline-free = Tasuta kõne
hotline-anonymous = Nime pole vaja öelda
hotline-interpreter = Tõlk olemas
hotline-from-abroad = Välismaalt: { $number }
hotline-abroad-unknown = Ei pruugi välismaalt toimida
hotline-answers-in = Suhtluskeeled: { $languages }

## Self-check

selfcheck-yes = Jah
selfcheck-no = Ei
selfcheck-result-talk = Abitelefonile helistamine võib aidata. Igal kaardil on kirjas, kas kõne on tasuta ja kas peate oma nime ütlema.
selfcheck-result-none = Teie vastused ei viita probleemile. Kui miski siiski muret teeb, võite abitelefonile helistada.
