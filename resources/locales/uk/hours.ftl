# Machine translation by the development team: needs review by a native speaker.

## Opening hours

hours-open = Зараз працює
hours-open-always = Працює цілодобово, щодня
hours-closes-at = Працює до { $time }
hours-closed = Зараз не працює
hours-opens-at = Почне роботу о { $time }
hours-opens-on =
    { $day ->
        [mon] Почне роботу в понеділок о { $time }
        [tue] Почне роботу у вівторок о { $time }
        [wed] Почне роботу в середу о { $time }
        [thu] Почне роботу в четвер о { $time }
        [fri] Почне роботу в п’ятницю о { $time }
        [sat] Почне роботу в суботу о { $time }
        [sun] Почне роботу в неділю о { $time }
       *[other] Почне роботу: { $day }, о { $time }
    }
hours-unknown = Години роботи не підтверджено — зателефонуйте, щоб уточнити
hours-closes-in =
    { $minutes ->
        [one] Завершить роботу через { $minutes } хвилину
        [few] Завершить роботу через { $minutes } хвилини
        [many] Завершить роботу через { $minutes } хвилин
       *[other] Завершить роботу через { $minutes } хвилини
    }
hours-opens-in =
    { $minutes ->
        [one] Почне роботу через { $minutes } хвилину
        [few] Почне роботу через { $minutes } хвилини
        [many] Почне роботу через { $minutes } хвилин
       *[other] Почне роботу через { $minutes } хвилини
    }

## Weekdays

weekday-mon = Понеділок
weekday-tue = Вівторок
weekday-wed = Середа
weekday-thu = Четвер
weekday-fri = П’ятниця
weekday-sat = Субота
weekday-sun = Неділя
