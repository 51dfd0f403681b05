## Topics

topic-trafficking = Exploitation
topic-sexual-exploitation = Sexual exploitation
topic-labour-exploitation = Labour exploitation
topic-sham-marriage = Sham marriage
topic-domestic-violence = Domestic violence
topic-child-protection = Child protection
topic-consular-help = Consular help
topic-emergency = Emergency
topic-emotional-support = Emotional support
topic-legal-aid = Legal advice
topic-job-offer-check = Checking a job offer
topic-police = Police (not an emergency)

## Who a service is for

audience-adults = For adults
audience-children = For children and young people
audience-both = For adults and children

## Contact channels

channel-voice = Phone
channel-sms = Text message
channel-chat = Chat
channel-email = Email
channel-web = Website

## Kinds of records

kind-organization = Organisation
kind-service = Service
kind-event = Event
kind-report = Report
kind-article = Article
kind-selfcheck = Self-check
service-kind-hotline = Helpline
service-kind-programme = Support programme
service-kind-centre = Centre

## Event categories

event-category-training = Training
event-category-campaign = Campaign
event-category-publication = Publication
event-category-broadcast = Broadcast
event-category-launch = Launch

## Where information comes from. $date is a formatted date.

provenance-verified-on = Checked on { $date }
provenance-unverified = Not yet checked
provenance-source = Source
provenance-stale =
    { $days ->
        [one] Last checked over { $days } day ago
       *[other] Last checked over { $days } days ago
    }

## Helplines. $languages is a formatted list of `language-*` messages.

hotline-free = Free call
hotline-anonymous = You do not have to give your name
hotline-interpreter = Interpreter available
hotline-from-abroad = From abroad: { $number }
hotline-abroad-unknown = May not work from abroad
hotline-answers-in = Answers in: { $languages }

## Self-check

selfcheck-yes = Yes
selfcheck-no = No
selfcheck-result-talk = Talking to a helpline can help. Each card says whether the line is free and whether you must give your name.
selfcheck-result-none = Your answers do not point to a problem. If something still worries you, you can talk to a helpline.
