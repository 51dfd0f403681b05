## Search

search-placeholder = Search by topic, country or organisation
search-no-results = Nothing found. Try a shorter word or another topic.
search-some-words = No entry has all of these words. These have some of them.
search-help-lines = You can call these numbers:
search-results =
    { $count ->
        [one] { $count } result
       *[other] { $count } results
    }

## Search filters

search-filter-country = Country
search-filter-topic = Topic
search-filter-audience = Who it is for
search-filter-language = Language
search-filter-open-now = Open now
