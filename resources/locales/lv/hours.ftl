# Machine translation by the development team: needs review by a native speaker.

## Opening hours

hours-open = Atvērts tagad
hours-open-always = Atvērts visu diennakti, katru dienu
hours-closes-at = Slēdz plkst. { $time }
hours-closed = Pašlaik slēgts
hours-opens-at = Atver plkst. { $time }
hours-opens-on =
    { $day ->
        [mon] Atver pirmdien plkst. { $time }
        [tue] Atver otrdien plkst. { $time }
        [wed] Atver trešdien plkst. { $time }
        [thu] Atver ceturtdien plkst. { $time }
        [fri] Atver piektdien plkst. { $time }
        [sat] Atver sestdien plkst. { $time }
        [sun] Atver svētdien plkst. { $time }
       *[other] Atver: { $day }, plkst. { $time }
    }
hours-unknown = Darba laiks nav apstiprināts — piezvaniet, lai pārliecinātos
hours-closes-in =
    { $minutes ->
        [zero] Slēdz pēc { $minutes } minūtēm
        [one] Slēdz pēc { $minutes } minūtes
       *[other] Slēdz pēc { $minutes } minūtēm
    }
hours-opens-in =
    { $minutes ->
        [zero] Atver pēc { $minutes } minūtēm
        [one] Atver pēc { $minutes } minūtes
       *[other] Atver pēc { $minutes } minūtēm
    }

## Weekdays

weekday-mon = Pirmdiena
weekday-tue = Otrdiena
weekday-wed = Trešdiena
weekday-thu = Ceturtdiena
weekday-fri = Piektdiena
weekday-sat = Sestdiena
weekday-sun = Svētdiena
