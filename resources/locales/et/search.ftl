# Machine translation by the development team: needs review by a native speaker.

## Search

search-placeholder = Otsi teema, riigi või organisatsiooni järgi
search-no-results = Midagi ei leitud. Proovige lühemat sõna või muud teemat.
search-some-words = Ühtegi kirjet kõigi nende sõnadega ei leitud. Nendes on mõned neist.
search-help-lines = Võite helistada neil numbritel:
search-results =
    { $count ->
        [one] { $count } tulemus
       *[other] { $count } tulemust
    }

## Search filters

search-filter-country = Riik
search-filter-topic = Teema
search-filter-audience = Kellele
search-filter-language = Keel
search-filter-open-now = Praegu avatud
