# Machine translation by the development team: needs review by a native speaker.

## Search

search-placeholder = Meklēt pēc tēmas, valsts vai organizācijas
search-no-results = Nekas netika atrasts. Mēģiniet īsāku vārdu vai citu tēmu.
search-some-words = Nav neviena ieraksta ar visiem šiem vārdiem. Šajos ir daži no tiem.
search-help-lines = Varat zvanīt uz šiem numuriem:
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
search-filter-open-now = Pašlaik strādā
