# Machine translation by the development team: needs review by a native speaker.

# The admin panel: reached by a discreet gesture and a PIN. Seen by kiosk staff, never by visitors.

admin-title = Адміністрування
admin-pin-set-title = Задайте PIN адміністратора
admin-pin-set-help = Виберіть від 6 до 12 цифр. Вони знадобляться, щоб відкрити цю панель; запишіть їх і зберігайте в надійному місці.
admin-pin-enter-title = Введіть PIN адміністратора
admin-pin-label = PIN-код
admin-pin-repeat-label = Той самий PIN ще раз
admin-pin-submit = Відкрити
admin-pin-save = Зберегти PIN
admin-pin-wrong = Неправильний PIN.
admin-pin-locked = Забагато неправильних PIN. Спробуйте ще раз через { $seconds } с.
admin-pin-shape = PIN має складатися з 6–12 цифр.
admin-pin-not-set = На цьому кіоску PIN-код адміністратора ще не встановлено. Зверніться до оператора, який його встановив.
admin-pin-mismatch = Введені PIN не збігаються.
admin-pin-already-set = PIN уже задано.
admin-status-title = Інформація
admin-row-version = Версія інформації
admin-row-published = Опубліковано
admin-row-age = Вік
admin-age-days =
    { $days ->
        [one] { $days } день
        [few] { $days } дні
        [many] { $days } днів
       *[other] { $days } дня
    }
admin-row-source = Джерело
admin-row-fetched = Отримано
admin-row-last-check = Остання перевірка
admin-row-metadata = Підписи дійсні до
admin-metadata-expired = термін минув: нова інформація не приймається, доки видавець не підпише її знову
admin-row-previous = Попередня версія
admin-row-pending = Очікує показу
admin-pending-value = версія { $version }, буде показана після наступного скидання
admin-row-update-url = Адреса оновлень
admin-row-usb = USB-накопичувач
admin-none = немає
admin-result-staged = отримано нову версію
admin-result-current = уже остання версія
admin-actions-title = Оновлення
admin-check = Перевірити зараз
admin-import-usb = Імпорт з USB
admin-rollback = Повернути попередню версію
admin-settings-title = Налаштування
admin-default-locale = Мова, якою починається новий сеанс
admin-update-url-label = Адреса оновлень (https://…)
admin-save = Зберегти налаштування
admin-close = Закрити панель
admin-working = Виконується…
admin-saved = Налаштування збережено.
admin-staged = Версію { $version } отримано. Її буде показано, коли ця панель закриється.
admin-up-to-date = Уже остання версія (версія { $version }).
admin-rolled-back = Зараз показано версію { $version }.
admin-error-bad-source = Цю адресу оновлень не можна використати. Вкажіть адресу https://.
admin-error-unreachable = Не вдалося зв’язатися з джерелом оновлень.
admin-error-deadline = Джерело оновлень відповідає надто повільно. Спробуйте пізніше.
admin-error-certificate = Сертифікат сервера оновлень відхилено (неправильне ім’я, минув строк або видано не довіреним центром). Нічого не завантажено.
admin-error-redirect = Сервер оновлень переспрямував на іншу адресу. Це відхилено.
admin-error-too-large = Джерело оновлень надіслало більше даних, ніж дозволено. Їх відхилено.
admin-error-expired = Термін дії підписів оновлення минув. Оновлення відхилено; поточна інформація залишається.
admin-error-rollback = Запропоноване оновлення старіше за інформацію на цьому кіоску. Його відхилено.
admin-error-signature-invalid = Оновлення не пройшло перевірку підпису. Його відхилено.
admin-error-integrity = Отримана інформація пошкоджена. Її відхилено.
admin-error-no-space = Недостатньо місця на диску для оновлення.
admin-error-io = Не вдалося записати оновлення на диск.
admin-error-no-trust = Цей кіоск ще не довіряє жодному ключу видавця.
admin-error-clock = Годинник кіоску показує раніший час, ніж раніше. Встановіть правильний час і спробуйте знову.
admin-error-no-previous = Немає попередньої версії, до якої можна повернутися.
admin-error-busy = Уже виконується інше оновлення. Спробуйте трохи згодом.
admin-error-repository = Сховище оновлень налаштовано неправильно.
admin-error-signing = Не вдалося підписати оновлення.
admin-error-fixed-content = Цей кіоск показує незмінну папку з інформацією, тому оновлення вимкнено.
admin-error-no-url = Адресу оновлень не задано.
admin-error-no-usb = USB-накопичувач з оновленнями не знайдено.
admin-error-locked = Спочатку відкрийте панель за допомогою PIN.
