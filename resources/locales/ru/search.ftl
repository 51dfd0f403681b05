# Machine translation by the development team: needs review by a native speaker.

## Search

search-placeholder = Поиск по теме, стране или организации
search-no-results = Ничего не найдено. Попробуйте более короткое слово или другую тему.
search-some-words = Нет записей со всеми этими словами. В этих есть некоторые из них.
search-help-lines = Вы можете позвонить по этим номерам:
search-results =
    { $count ->
        [one] { $count } результат
        [few] { $count } результата
        [many] { $count } результатов
       *[other] { $count } результата
    }

## Search filters

search-filter-country = Страна
search-filter-topic = Тема
search-filter-audience = Для кого
search-filter-language = Язык
search-filter-open-now = Сейчас работает
