## Referral: contacts for a person, by where they are and where they come from

referral-heading = Contacts for a person
referral-where = Where is the person now?
referral-nationality = Which country is the person from?
referral-emergency = In an emergency
referral-trafficking-here = Help in this country
referral-consular = Their embassy or consulate
referral-home-hotline = Helpline in their home country
referral-programmes = Support programmes
