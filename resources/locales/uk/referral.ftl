# Machine translation by the development team: needs review by a native speaker.

## Referral

referral-heading = Контакти для людини
referral-where = Де людина зараз?
referral-nationality = З якої країни людина?
referral-emergency = У надзвичайній ситуації
referral-trafficking-here = Допомога в цій країні
referral-consular = Посольство або консульство
referral-home-hotline = Гаряча лінія в рідній країні
referral-programmes = Програми підтримки
