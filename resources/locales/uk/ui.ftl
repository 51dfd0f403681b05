# Machine translation by the development team: needs review by a native speaker.

## Dates, reports and file sizes

ui-date = { $day }.{ $month }.{ $year }
ui-report-published = Опубліковано { $date }
ui-report-editions = Опубліковано мовами: { $languages }
ui-file-size-kb = { $size } КБ

## QR codes to take a number or a link away on a phone

ui-qr-call = Відскануйте телефоном, щоб зателефонувати
ui-qr-sms = Відскануйте телефоном, щоб надіслати SMS
ui-qr-email = Відскануйте телефоном, щоб написати листа
ui-qr-open = Відскануйте телефоном, щоб відкрити сторінку

## Neutral screen

ui-neutral-title = Інформаційний пункт
ui-neutral-start = Торкніться екрана, щоб почати

## Quick exit

ui-quick-exit = Вийти зі сторінки
ui-quick-exit-hint = або натисніть Esc чи тричі Shift

## Header

ui-header-nav = Меню сторінки
ui-language = Мова
ui-text-size = Розмір тексту
ui-text-size-1 = Звичайний
ui-text-size-2 = Великий
ui-text-size-3 = Найбільший
ui-listen = Слухати
ui-listen-stop = Зупинити

## Waiting and problems

ui-loading = Завантаження…
ui-error-heading = Зараз недоступно
ui-error-generic = Щось не спрацювало. Будь ласка, спробуйте ще раз або зверніться до працівника.
ui-list-empty = Тут поки нічого немає.

## "Are you still there?" before the screen is cleared

ui-idle-title = Ви ще тут?
ui-idle-text = Незабаром екран буде очищено, щоб наступна людина не побачила, що ви переглядали.
ui-idle-seconds-left = Залишилося секунд:
ui-idle-continue = Продовжити

## Dialogs and links

ui-dialog-close = Закрити
ui-qr-heading = Візьміть посилання з собою
ui-qr-text = Посилання на цьому екрані не відкриваються. Ви можете відсканувати код телефоном.

## Home screen

ui-home-heading = Допомога і поради
ui-search-label = Пошук
ui-get-help-now = Допомога зараз
ui-home-more = Більше інформації

## Screen headings

ui-search-heading = Пошук
ui-hotlines-heading = Гарячі лінії
ui-programmes-heading = Програми підтримки
ui-articles-heading = Корисно знати
ui-selfcheck-heading = Запитання для роздумів
ui-events-heading = Події
ui-reports-heading = Дослідження і звіти
ui-about-heading = Про цей інформаційний пункт

## Lists of helplines and programmes

ui-filters = Показати лише
ui-filter-all = Усі

## One helpline or programme

ui-confidential = Лише для працівників. Не передавайте іншим.
ui-languages-unknown = Мови не вказано — запитайте під час дзвінка
ui-contact-heading = Як зв’язатися
ui-what-happens = Що буде далі
ui-eligibility = Для кого
ui-how-to-start = Як почати
ui-description = Докладніше про цю послугу
ui-print-card = Надрукувати картку
ui-card-heading = Корисні номери

## Events

ui-events-upcoming = Майбутні події
ui-events-past = Минулі події

## Research and reports

ui-report-read = Читати
ui-report-no-file = Цього звіту немає на цьому комп’ютері.
ui-viewer-close = Закрити звіт

## Questions to think about

ui-selfcheck-intro = Ваші відповіді не зберігаються.
ui-selfcheck-result = Переглянути результат
ui-selfcheck-unanswered = Будь ласка, дайте відповідь на всі запитання.
ui-selfcheck-helplines = Показати гарячі лінії

## Contacts for a person

ui-referral-show = Показати контакти
ui-referral-print = Надрукувати сторінку

## About this information point

ui-about-privacy-heading = Ваша приватність
ui-about-privacy-saved = Ваші дії тут не зберігаються.
ui-about-privacy-cleared = Екран очищується, коли ви йдете або натискаєте кнопку виходу.
ui-about-privacy-sent = Те, що ви переглядаєте, нікуди не надсилається.
ui-about-content = Про інформацію
ui-about-version = Версія
ui-about-newest = Остання перевірка
ui-about-oldest = Найраніша перевірка
ui-about-counts = Що тут є
