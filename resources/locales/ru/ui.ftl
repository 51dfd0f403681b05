# Machine translation by the development team: needs review by a native speaker.

## Dates, reports and file sizes

ui-date = { $day }.{ $month }.{ $year }
ui-report-published = Опубликовано { $date }
ui-report-editions = Опубликовано на языках: { $languages }
ui-file-size-kb = { $size } КБ

## QR codes to take a number or a link away on a phone

ui-qr-call = Отсканируйте телефоном, чтобы позвонить
ui-qr-sms = Отсканируйте телефоном, чтобы отправить SMS
ui-qr-email = Отсканируйте телефоном, чтобы написать письмо
ui-qr-open = Отсканируйте телефоном, чтобы открыть страницу

## Neutral screen

ui-neutral-title = Информационный пункт
ui-neutral-start = Коснитесь экрана, чтобы начать

## Quick exit

ui-quick-exit = Выйти со страницы
ui-quick-exit-hint = или нажмите Esc либо три раза Shift

## Header

ui-header-nav = Меню страницы
ui-language = Язык
ui-text-size = Размер текста
ui-text-size-1 = Обычный
ui-text-size-2 = Крупный
ui-text-size-3 = Самый крупный
ui-listen = Слушать
ui-listen-stop = Остановить

## Waiting and problems

ui-loading = Загрузка…
ui-error-heading = Сейчас недоступно
ui-error-generic = Что-то не сработало. Пожалуйста, попробуйте ещё раз или обратитесь к сотруднику.
ui-list-empty = Здесь пока ничего нет.

## "Are you still there?" before the screen is cleared

ui-idle-title = Вы ещё здесь?
ui-idle-text = Скоро экран будет очищен, чтобы следующий человек не увидел, что вы смотрели.
ui-idle-seconds-left = Осталось секунд:
ui-idle-continue = Продолжить

## Dialogs and links

ui-dialog-close = Закрыть
ui-qr-heading = Возьмите ссылку с собой
ui-qr-text = Ссылки на этом экране не открываются. Вы можете отсканировать код телефоном.

## Home screen

ui-home-heading = Помощь и советы
ui-search-label = Поиск
ui-get-help-now = Помощь сейчас
ui-home-more = Больше информации

## Screen headings

ui-search-heading = Поиск
ui-hotlines-heading = Линии помощи
ui-programmes-heading = Программы поддержки
ui-articles-heading = Полезно знать
ui-selfcheck-heading = Вопросы для размышления
ui-events-heading = События
ui-reports-heading = Исследования и отчёты
ui-about-heading = Об этом информационном пункте

## Lists of helplines and programmes

ui-filters = Показать только
ui-filter-all = Все

## One helpline or programme

ui-confidential = Только для сотрудников. Не передавайте другим.
ui-languages-unknown = Языки не указаны — уточните при звонке
ui-contact-heading = Как связаться
ui-what-happens = Что будет дальше
ui-eligibility = Для кого
ui-how-to-start = Как начать
ui-description = Подробнее об этой услуге
ui-print-card = Распечатать карточку
ui-card-heading = Полезные номера

## Events

ui-events-upcoming = Предстоящие события
ui-events-past = Прошедшие события

## Research and reports

ui-report-read = Читать
ui-report-no-file = Этого отчёта нет на этом компьютере.
ui-viewer-close = Закрыть отчёт

## Questions to think about

ui-selfcheck-intro = Ваши ответы не сохраняются.
ui-selfcheck-result = Посмотреть результат
ui-selfcheck-unanswered = Пожалуйста, ответьте на все вопросы.
ui-selfcheck-helplines = Показать линии помощи

## Contacts for a person

ui-referral-show = Показать контакты
ui-referral-print = Распечатать страницу

## About this information point

ui-about-privacy-heading = Ваша конфиденциальность
ui-about-privacy-saved = Ваши действия здесь не сохраняются.
ui-about-privacy-cleared = Экран очищается, когда вы уходите или нажимаете кнопку выхода.
ui-about-privacy-sent = То, что вы смотрите, никуда не отправляется.
ui-about-content = Об источниках
ui-about-version = Версия
ui-about-newest = Последняя проверка
ui-about-oldest = Самая ранняя проверка
ui-about-counts = Что здесь есть
