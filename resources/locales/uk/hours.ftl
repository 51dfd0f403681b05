# Machine translation by the development team: needs review by a native speaker.

## Opening hours

hours-open = Зараз відчинено
hours-open-always = Відчинено цілодобово, щодня
hours-closes-at = Зачиняється о { $time }
hours-closed = Зараз зачинено
hours-opens-at = Відчиняється о { $time }
hours-opens-on =
    { $day ->
        [mon] Відчиниться в понеділок о { $time }
        [tue] Відчиниться у вівторок о { $time }
        [wed] Відчиниться в середу о { $time }
        [thu] Відчиниться в четвер о { $time }
        [fri] Відчиниться в пʼятницю о { $time }
        [sat] Відчиниться в суботу о { $time }
        [sun] Відчиниться в неділю о { $time }
       *[other] Відчиниться: { $day }, о { $time }
    }
hours-unknown = Години роботи не підтверджено — зателефонуйте, щоб уточнити
hours-closes-in =
    { $minutes ->
        [one] Зачиниться через { $minutes } хвилину
        [few] Зачиниться через { $minutes } хвилини
        [many] Зачиниться через { $minutes } хвилин
       *[other] Зачиниться через { $minutes } хвилини
    }
hours-opens-in =
    { $minutes ->
        [one] Відчиниться через { $minutes } хвилину
        [few] Відчиниться через { $minutes } хвилини
        [many] Відчиниться через { $minutes } хвилин
       *[other] Відчиниться через { $minutes } хвилини
    }

## Weekdays

weekday-mon = Понеділок
weekday-tue = Вівторок
weekday-wed = Середа
weekday-thu = Четвер
weekday-fri = Пʼятниця
weekday-sat = Субота
weekday-sun = Неділя
