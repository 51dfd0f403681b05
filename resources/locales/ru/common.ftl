# Machine translation by the development team: needs review by a native speaker.

## Brand

-brand-name = Компас безопасности

common-app-name = { -brand-name }

## Languages

locale-own-name = Русский
language-lv = латышский
language-et = эстонский
language-en = английский
language-ru = русский
language-uk = украинский
language-other = другие языки

## Countries

country-lv = Латвия
country-ee = Эстония
country-gb = Великобритания

## Navigation

common-back = Назад
common-home = Главная
common-print = Печать

## Translation notes

translation-fallback = Показано на другом языке ({ $language }): перевода пока нет.
translation-machine = Машинный перевод

## Errors

error-content-missing = Информация сейчас недоступна. Пожалуйста, обратитесь к сотруднику.
error-content-corrupt = Часть информации не удалось прочитать. Пожалуйста, обратитесь к сотруднику.
error-search-failed = Поиск сейчас не работает. Пожалуйста, попробуйте ещё раз.
error-not-found = Страница не найдена.
