# Machine translation by the development team: needs review by a native speaker.

## Brand

-brand-name = Компас безпеки

common-app-name = { -brand-name }

## Languages

locale-own-name = Українська
language-lv = латиська
language-et = естонська
language-en = англійська
language-ru = російська
language-uk = українська
language-other = інші мови

## Countries

country-lv = Латвія
country-ee = Естонія
country-gb = Велика Британія

## Navigation

common-back = Назад
common-home = Головна
common-print = Друк

## Translation notes

translation-fallback = Показано іншою мовою ({ $language }): перекладу ще немає.
translation-machine = Машинний переклад

## Errors

error-content-missing = Інформація зараз недоступна. Будь ласка, зверніться до працівника.
error-content-corrupt = Частину інформації не вдалося прочитати. Будь ласка, зверніться до працівника.
error-search-failed = Пошук зараз не працює. Будь ласка, спробуйте ще раз.
error-not-found = Сторінку не знайдено.
