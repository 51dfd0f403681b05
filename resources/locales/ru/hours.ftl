# Machine translation by the development team: needs review by a native speaker.

## Opening hours

hours-open = Сейчас открыто
hours-open-always = Открыто круглосуточно, каждый день
hours-closes-at = Закрывается в { $time }
hours-closed = Сейчас закрыто
hours-opens-at = Открывается в { $time }
hours-opens-on =
    { $day ->
        [mon] Откроется в понедельник в { $time }
        [tue] Откроется во вторник в { $time }
        [wed] Откроется в среду в { $time }
        [thu] Откроется в четверг в { $time }
        [fri] Откроется в пятницу в { $time }
        [sat] Откроется в субботу в { $time }
        [sun] Откроется в воскресенье в { $time }
       *[other] Откроется: { $day }, в { $time }
    }
hours-unknown = Часы работы не подтверждены — позвоните, чтобы уточнить
hours-closes-in =
    { $minutes ->
        [one] Закроется через { $minutes } минуту
        [few] Закроется через { $minutes } минуты
        [many] Закроется через { $minutes } минут
       *[other] Закроется через { $minutes } минуты
    }
hours-opens-in =
    { $minutes ->
        [one] Откроется через { $minutes } минуту
        [few] Откроется через { $minutes } минуты
        [many] Откроется через { $minutes } минут
       *[other] Откроется через { $minutes } минуты
    }

## Weekdays

weekday-mon = Понедельник
weekday-tue = Вторник
weekday-wed = Среда
weekday-thu = Четверг
weekday-fri = Пятница
weekday-sat = Суббота
weekday-sun = Воскресенье
