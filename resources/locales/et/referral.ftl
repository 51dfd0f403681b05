# Machine translation by the development team: needs review by a native speaker.

## Referral

referral-heading = Kontaktid inimesele
referral-where = Kus inimene praegu on?
referral-nationality = Mis riigist inimene pärit on?
referral-emergency = Hädaolukorras
referral-trafficking-here = Abi selles riigis
referral-consular = Saatkond või konsulaat
referral-home-hotline = Abitelefon koduriigis
referral-programmes = Tugiprogrammid
