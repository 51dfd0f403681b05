# Reference locale: lint checks every other locale against the ids and variables here.

## Brand

-brand-name = Safety Compass

common-app-name = { -brand-name }

## Languages: `locale-own-name` is the language's name in itself (for the language picker);
## `language-*` are names of languages in this file's language (for "Answers in: …" and fallback notes).

locale-own-name = English
language-lv = Latvian
language-et = Estonian
language-en = English
language-ru = Russian
language-uk = Ukrainian
language-other = other languages

## Countries

country-lv = Latvia
country-ee = Estonia
country-gb = United Kingdom

## Navigation

common-back = Back
common-home = Home
common-print = Print

## Translation notes. $language is a `language-*` message, already formatted.

translation-fallback = Shown in { $language }: no translation yet.
translation-machine = Machine translation

## Errors shown to visitors (each stable error code maps to one of these)

error-content-missing = Information is not available right now. Please ask a member of staff.
error-content-corrupt = Some information could not be read. Please ask a member of staff.
error-search-failed = Search is not working right now. Please try again.
error-not-found = This page could not be found.
