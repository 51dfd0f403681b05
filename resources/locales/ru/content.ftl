# Machine translation by the development team: needs review by a native speaker.

## Topics

topic-trafficking = Эксплуатация
topic-sexual-exploitation = Сексуальная эксплуатация
topic-labour-exploitation = Трудовая эксплуатация
topic-sham-marriage = Фиктивный брак
topic-domestic-violence = Домашнее насилие
topic-child-protection = Защита детей
topic-consular-help = Консульская помощь
topic-emergency = Экстренная помощь
topic-emotional-support = Эмоциональная поддержка
topic-legal-aid = Юридическая помощь
topic-job-offer-check = Проверка предложения о работе
topic-police = Полиция (не экстренный случай)

## Who a service is for

audience-adults = Для взрослых
audience-children = Для детей и подростков
audience-both = Для взрослых и детей

## Contact channels

channel-voice = Телефон
channel-sms = SMS
channel-chat = Чат
channel-email = Электронная почта
channel-web = Сайт

## Kinds of records

kind-organization = Организация
kind-service = Услуга
kind-event = Событие
kind-report = Отчёт
kind-article = Статья
kind-selfcheck = Самопроверка
service-kind-hotline = Линия помощи
service-kind-programme = Программа поддержки
service-kind-centre = Центр

## Event categories

event-category-training = Обучение
event-category-campaign = Кампания
event-category-publication = Публикация
event-category-broadcast = Передача
event-category-launch = Запуск

## Where information comes from

provenance-verified-on = Проверено { $date }
provenance-unverified = Ещё не проверено
provenance-source = Источник
provenance-stale =
    { $days ->
        [one] Последняя проверка — более { $days } дня назад
        [few] Последняя проверка — более { $days } дней назад
        [many] Последняя проверка — более { $days } дней назад
       *[other] Последняя проверка — более { $days } дня назад
    }

## Helplines

hotline-free = Бесплатный звонок
hotline-anonymous = Имя называть не нужно
hotline-interpreter = Есть переводчик
hotline-from-abroad = Из-за границы: { $number }
hotline-abroad-unknown = Может не работать из-за границы
hotline-answers-in = Языки общения: { $languages }

## Self-check

selfcheck-yes = Да
selfcheck-no = Нет
selfcheck-result-talk = Позвонить на линию помощи может быть полезно. На карточке каждой линии указано, бесплатный ли звонок и нужно ли называть своё имя.
selfcheck-result-none = Ваши ответы не указывают на проблему. Если что-то всё же беспокоит, вы можете позвонить на линию помощи.
