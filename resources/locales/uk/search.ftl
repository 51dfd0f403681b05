# Machine translation by the development team: needs review by a native speaker.

## Search

search-placeholder = Пошук за темою, країною або організацією
search-no-results = Нічого не знайдено. Спробуйте коротше слово або іншу тему.
search-some-words = Немає записів з усіма цими словами. У цих є деякі з них.
search-help-lines = Ви можете зателефонувати за цими номерами:
search-results =
    { $count ->
        [one] { $count } результат
        [few] { $count } результати
        [many] { $count } результатів
       *[other] { $count } результату
    }

## Search filters

search-filter-country = Країна
search-filter-topic = Тема
search-filter-audience = Для кого
search-filter-language = Мова
search-filter-open-now = Зараз працює
