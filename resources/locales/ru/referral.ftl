# Machine translation by the development team: needs review by a native speaker.

## Referral

referral-heading = Контакты для человека
referral-where = Где человек находится сейчас?
referral-nationality = Из какой страны человек?
referral-emergency = В экстренной ситуации
referral-trafficking-here = Помощь в этой стране
referral-consular = Посольство или консульство
referral-home-hotline = Линия помощи в родной стране
referral-programmes = Программы поддержки
