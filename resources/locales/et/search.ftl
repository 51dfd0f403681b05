# Machine translation by the development team: needs review by a native speaker.

## Search

search-placeholder = Otsi teema, riigi või organisatsiooni järgi
search-no-results = Midagi ei leitud. Proovige lühemat sõna või muud teemat.
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
