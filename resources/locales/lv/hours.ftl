# Machine translation by the development team: needs review by a native speaker.

## Opening hours

hours-open = Pašlaik strādā
hours-open-always = Strādā visu diennakti, katru dienu
hours-closes-at = Strādā līdz plkst. { $time }
hours-closed = Pašlaik nestrādā
hours-opens-at = Darbu sāks plkst. { $time }
hours-opens-on =
    { $day ->
        [mon] Darbu sāks pirmdien plkst. { $time }
        [tue] Darbu sāks otrdien plkst. { $time }
        [wed] Darbu sāks trešdien plkst. { $time }
        [thu] Darbu sāks ceturtdien plkst. { $time }
        [fri] Darbu sāks piektdien plkst. { $time }
        [sat] Darbu sāks sestdien plkst. { $time }
        [sun] Darbu sāks svētdien plkst. { $time }
       *[other] Darbu sāks: { $day }, plkst. { $time }
    }
hours-unknown = Darba laiks nav apstiprināts — piezvaniet, lai pārliecinātos
hours-closes-in =
    { $minutes ->
        [zero] Darbu beigs pēc { $minutes } minūtēm
        [one] Darbu beigs pēc { $minutes } minūtes
       *[other] Darbu beigs pēc { $minutes } minūtēm
    }
hours-opens-in =
    { $minutes ->
        [zero] Darbu sāks pēc { $minutes } minūtēm
        [one] Darbu sāks pēc { $minutes } minūtes
       *[other] Darbu sāks pēc { $minutes } minūtēm
    }

## Weekdays

weekday-mon = Pirmdiena
weekday-tue = Otrdiena
weekday-wed = Trešdiena
weekday-thu = Ceturtdiena
weekday-fri = Piektdiena
weekday-sat = Sestdiena
weekday-sun = Svētdiena
