# Machine translation by the development team: needs review by a native speaker.

## Referral

referral-heading = Kontakti cilvēkam
referral-where = Kur cilvēks atrodas tagad?
referral-nationality = No kuras valsts ir cilvēks?
referral-emergency = Ārkārtas gadījumā
referral-trafficking-here = Palīdzība šajā valstī
referral-consular = Vēstniecība vai konsulāts
referral-home-hotline = Palīdzības tālrunis dzimtajā valstī
referral-programmes = Atbalsta programmas
