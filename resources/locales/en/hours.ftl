## Opening hours. $time is a formatted time of day (e.g. 09:00).

hours-open = Open now
hours-open-always = Always available, day and night
hours-closes-at = Closes at { $time }
hours-closed = Closed now
hours-opens-at = Opens at { $time }
# $day is a weekday code: mon, tue, wed, thu, fri, sat or sun (the end of the `weekday-*` ids), so that
# each language can use the grammatical form it needs. Any other value is shown as given.
hours-opens-on =
    { $day ->
        [mon] Opens Monday at { $time }
        [tue] Opens Tuesday at { $time }
        [wed] Opens Wednesday at { $time }
        [thu] Opens Thursday at { $time }
        [fri] Opens Friday at { $time }
        [sat] Opens Saturday at { $time }
        [sun] Opens Sunday at { $time }
       *[other] Opens { $day } at { $time }
    }
hours-unknown = Opening hours not confirmed — call to check
hours-closes-in =
    { $minutes ->
        [one] Closes in { $minutes } minute
       *[other] Closes in { $minutes } minutes
    }
hours-opens-in =
    { $minutes ->
        [one] Opens in { $minutes } minute
       *[other] Opens in { $minutes } minutes
    }

## Weekdays, as labels

weekday-mon = Monday
weekday-tue = Tuesday
weekday-wed = Wednesday
weekday-thu = Thursday
weekday-fri = Friday
weekday-sat = Saturday
weekday-sun = Sunday
