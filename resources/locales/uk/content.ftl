# Machine translation by the development team: needs review by a native speaker.

## Topics

topic-trafficking = Експлуатація
topic-sexual-exploitation = Сексуальна експлуатація
topic-labour-exploitation = Трудова експлуатація
topic-sham-marriage = Фіктивний шлюб
topic-domestic-violence = Домашнє насильство
topic-child-protection = Захист дітей
topic-consular-help = Консульська допомога
topic-emergency = Екстрена допомога
topic-emotional-support = Емоційна підтримка
topic-legal-aid = Юридична допомога
topic-job-offer-check = Перевірка пропозиції роботи
topic-police = Поліція (не екстрений випадок)

## Who a service is for

audience-adults = Для дорослих
audience-children = Для дітей і молоді
audience-both = Для дорослих і дітей

## Contact channels

channel-voice = Телефон
channel-sms = SMS
channel-chat = Чат
channel-email = Електронна пошта
channel-web = Вебсайт

## Kinds of records

kind-organization = Організація
kind-service = Послуга
kind-event = Подія
kind-report = Звіт
kind-article = Стаття
kind-selfcheck = Самоперевірка
service-kind-hotline = Гаряча лінія
service-kind-programme = Програма підтримки
service-kind-centre = Центр

## Event categories

event-category-training = Навчання
event-category-campaign = Кампанія
event-category-publication = Публікація
event-category-broadcast = Трансляція
event-category-launch = Запуск

## Where information comes from

provenance-verified-on = Перевірено { $date }
provenance-unverified = Ще не перевірено
provenance-source = Джерело
provenance-stale =
    { $days ->
        [one] Востаннє перевірено понад { $days } день тому
        [few] Востаннє перевірено понад { $days } дні тому
        [many] Востаннє перевірено понад { $days } днів тому
       *[other] Востаннє перевірено понад { $days } дня тому
    }

## Helplines

hotline-free = Безкоштовний дзвінок
hotline-anonymous = Називати ім’я не потрібно
hotline-interpreter = Є перекладач
hotline-from-abroad = З-за кордону: { $number }
hotline-abroad-unknown = Може не працювати з-за кордону
hotline-answers-in = Мови спілкування: { $languages }

## Self-check

selfcheck-yes = Так
selfcheck-no = Ні
selfcheck-result-talk = Дзвінок на гарячу лінію може допомогти. На картці кожної лінії зазначено, чи безкоштовний дзвінок і чи потрібно називати своє ім’я.
selfcheck-result-none = Ваші відповіді не вказують на проблему. Якщо щось усе ж турбує, ви можете зателефонувати на гарячу лінію.
