# Machine translation by the development team: needs review by a native speaker.

## Opening hours

hours-open = Сейчас работает
hours-open-always = Работает круглосуточно, каждый день
hours-closes-at = Работает до { $time }
hours-closed = Сейчас не работает
hours-opens-at = Начнёт работу в { $time }
hours-opens-on =
    { $day ->
        [mon] Начнёт работу в понедельник в { $time }
        [tue] Начнёт работу во вторник в { $time }
        [wed] Начнёт работу в среду в { $time }
        [thu] Начнёт работу в четверг в { $time }
        [fri] Начнёт работу в пятницу в { $time }
        [sat] Начнёт работу в субботу в { $time }
        [sun] Начнёт работу в воскресенье в { $time }
       *[other] Начнёт работу: { $day }, в { $time }
    }
hours-unknown = Часы работы не подтверждены — позвоните, чтобы уточнить
hours-closes-in =
    { $minutes ->
        [one] Закончит работу через { $minutes } минуту
        [few] Закончит работу через { $minutes } минуты
        [many] Закончит работу через { $minutes } минут
       *[other] Закончит работу через { $minutes } минуты
    }
hours-opens-in =
    { $minutes ->
        [one] Начнёт работу через { $minutes } минуту
        [few] Начнёт работу через { $minutes } минуты
        [many] Начнёт работу через { $minutes } минут
       *[other] Начнёт работу через { $minutes } минуты
    }

## Weekdays

weekday-mon = Понедельник
weekday-tue = Вторник
weekday-wed = Среда
weekday-thu = Четверг
weekday-fri = Пятница
weekday-sat = Суббота
weekday-sun = Воскресенье
