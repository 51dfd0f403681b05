# Machine translation by the development team: needs review by a native speaker.

## Topics

topic-trafficking = Ekspluatācija
topic-sexual-exploitation = Seksuālā ekspluatācija
topic-labour-exploitation = Darba ekspluatācija
topic-sham-marriage = Fiktīvas laulības
topic-domestic-violence = Vardarbība ģimenē
topic-child-protection = Bērnu aizsardzība
topic-consular-help = Konsulārā palīdzība
topic-emergency = Ārkārtas situācija
topic-emotional-support = Emocionālais atbalsts
topic-legal-aid = Juridiskā palīdzība
topic-job-offer-check = Darba piedāvājuma pārbaude
topic-police = Policija (ne ārkārtas situācijā)

## Who a service is for

audience-adults = Pieaugušajiem
audience-children = Bērniem un jauniešiem
audience-both = Pieaugušajiem un bērniem

## Contact channels

channel-voice = Tālrunis
channel-sms = Īsziņa
channel-chat = Tērzēšana
channel-email = E-pasts
channel-web = Tīmekļa vietne

## Kinds of records

kind-organization = Organizācija
kind-service = Pakalpojums
kind-event = Notikums
kind-report = Ziņojums
kind-article = Raksts
kind-selfcheck = Pašpārbaude
service-kind-hotline = Palīdzības tālrunis
service-kind-programme = Atbalsta programma
service-kind-centre = Centrs

## Event categories

event-category-training = Apmācības
event-category-campaign = Kampaņa
event-category-publication = Publikācija
event-category-broadcast = Raidījums
event-category-launch = Atklāšana

## Where information comes from

provenance-verified-on = Pārbaudīts { $date }
provenance-unverified = Vēl nav pārbaudīts
provenance-source = Avots
provenance-stale =
    { $days ->
        [zero] Pēdējo reizi pārbaudīts pirms vairāk nekā { $days } dienām
        [one] Pēdējo reizi pārbaudīts pirms vairāk nekā { $days } dienas
       *[other] Pēdējo reizi pārbaudīts pirms vairāk nekā { $days } dienām
    }

## Helplines

hotline-free = Bezmaksas zvans
hotline-anonymous = Vārds nav jāsaka
hotline-interpreter = Pieejams tulks
hotline-from-abroad = No ārzemēm: { $number }
hotline-abroad-unknown = No ārzemēm var nedarboties
hotline-answers-in = Saziņas valodas: { $languages }

## Self-check

selfcheck-yes = Jā
selfcheck-no = Nē
selfcheck-result-talk = Zvans uz palīdzības tālruni var palīdzēt. Katrā kartītē ir norādīts, vai zvans ir bez maksas un vai jāsaka savs vārds.
selfcheck-result-none = Jūsu atbildes neliecina par problēmu. Ja kaut kas tomēr uztrauc, varat zvanīt uz palīdzības tālruni.
