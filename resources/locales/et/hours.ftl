# Machine translation by the development team: needs review by a native speaker.

## Opening hours

hours-open = Praegu avatud
hours-open-always = Alati avatud, ööpäev läbi
hours-closes-at = Suletakse kell { $time }
hours-closed = Praegu suletud
hours-opens-at = Avatakse kell { $time }
hours-opens-on =
    { $day ->
        [mon] Avatakse esmaspäeval kell { $time }
        [tue] Avatakse teisipäeval kell { $time }
        [wed] Avatakse kolmapäeval kell { $time }
        [thu] Avatakse neljapäeval kell { $time }
        [fri] Avatakse reedel kell { $time }
        [sat] Avatakse laupäeval kell { $time }
        [sun] Avatakse pühapäeval kell { $time }
       *[other] Avatakse: { $day }, kell { $time }
    }
hours-unknown = Lahtiolekuajad pole kinnitatud — helistage ja küsige
hours-closes-in =
    { $minutes ->
        [one] Suletakse { $minutes } minuti pärast
       *[other] Suletakse { $minutes } minuti pärast
    }
hours-opens-in =
    { $minutes ->
        [one] Avatakse { $minutes } minuti pärast
       *[other] Avatakse { $minutes } minuti pärast
    }

## Weekdays

weekday-mon = Esmaspäev
weekday-tue = Teisipäev
weekday-wed = Kolmapäev
weekday-thu = Neljapäev
weekday-fri = Reede
weekday-sat = Laupäev
weekday-sun = Pühapäev
