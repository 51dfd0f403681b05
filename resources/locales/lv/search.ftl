# Machine translation by the development team: needs review by a native speaker.

## Search

search-placeholder = Meklēt pēc tēmas, valsts vai organizācijas
search-no-results = Nekas netika atrasts. Mēģiniet īsāku vārdu vai citu tēmu.
search-results =
    { $count ->
        [zero] { $count } rezultātu
        [one] { $count } rezultāts
       *[other] { $count } rezultāti
    }

## Search filters

search-filter-country = Valsts
search-filter-topic = Tēma
search-filter-audience = Kam paredzēts
search-filter-language = Valoda
search-filter-open-now = Atvērts tagad
