# The kiosk's screens (the web UI). English is the reference for the other locales.
# Wording: plain, calm and short, for a reader with basic English who may be frightened.
# Headings stay neutral: nothing on the screen should tell a passer-by what the visitor is reading.

## Dates, reports and file sizes (Rust formats these). $day, $month: two digits; $year: four digits.

ui-date = { $day }/{ $month }/{ $year }
# $date is a formatted `ui-date`.
ui-report-published = Published { $date }
# $languages is a list of language names, already formatted.
ui-report-editions = Published in: { $languages }
ui-file-size-kb = { $size } KB

## QR codes to take a number or a link away on a phone (Rust uses these as captions)

ui-qr-call = Scan with your phone to call
ui-qr-sms = Scan with your phone to send a text
ui-qr-email = Scan with your phone to write an e-mail
ui-qr-open = Scan with your phone to open the page

## Neutral screen: shown at start and when someone leaves quickly. It must look like nothing special.

ui-neutral-title = Information point
ui-neutral-start = Touch the screen to start

## Quick exit: a button that is always there

ui-quick-exit = Exit this page
ui-quick-exit-hint = or press Esc, or Shift three times

## Header

ui-header-nav = Page menu
ui-language = Language
ui-text-size = Text size
ui-text-size-1 = Normal
ui-text-size-2 = Large
ui-text-size-3 = Largest
ui-listen = Listen
ui-listen-stop = Stop

## Waiting and problems

ui-loading = Loading…
ui-error-heading = Not available right now
ui-error-generic = Something did not work. Please try again, or ask a member of staff.
ui-list-empty = There is nothing here yet.

## "Are you still there?" before the screen is cleared

ui-idle-title = Are you still there?
ui-idle-text = Soon the screen will be cleared, so that the next person cannot see what you looked at.
ui-idle-seconds-left = Seconds left:
ui-idle-continue = Continue

## Dialogs and links (links do not open here: they are shown as a QR code)

ui-dialog-close = Close
ui-qr-heading = Take this link with you
ui-qr-text = Links do not open on this screen. You can scan the code with your phone.

## Home screen

ui-home-heading = Help and advice
ui-search-label = Search
ui-get-help-now = Get help now
ui-home-more = More information

## Screen headings (also the buttons on the home screen)

ui-search-heading = Search
ui-hotlines-heading = Helplines
ui-programmes-heading = Support programmes
ui-articles-heading = Things to know
ui-selfcheck-heading = Questions to think about
ui-events-heading = Events
ui-reports-heading = Research and reports
ui-about-heading = About this information point

## Lists of helplines and programmes

ui-filters = Show only
ui-filter-all = All

## One helpline or programme

ui-confidential = For staff only. Do not give this out.
ui-languages-unknown = Ask which languages are spoken
ui-contact-heading = How to contact
ui-what-happens = What happens next
ui-eligibility = Who it is for
ui-how-to-start = How to start
ui-description = More about this service
ui-print-card = Print a small card
# The heading of the small printed card. Keep it neutral: the card may be seen by others.
ui-card-heading = Useful numbers

## Events

ui-events-upcoming = Coming up
ui-events-past = Past events

## Research and reports

ui-report-read = Read
ui-report-no-file = This report is not stored on this computer.
ui-viewer-close = Close the report

## Questions to think about (the self-check)

ui-selfcheck-intro = Your answers are not saved.
ui-selfcheck-result = See the result
ui-selfcheck-unanswered = Please answer every question.
ui-selfcheck-helplines = See helplines

## Contacts for a person (staff only)

ui-referral-show = Show contacts
ui-referral-print = Print this page

## About this information point

ui-about-privacy-heading = Your privacy
ui-about-privacy-saved = Nothing you do here is saved.
ui-about-privacy-cleared = The screen is cleared when you leave or press the exit button.
ui-about-privacy-sent = Nothing you look at is sent anywhere.
ui-about-content = About the information
ui-about-version = Version
ui-about-newest = Newest check
ui-about-oldest = Oldest check
ui-about-counts = What it contains
