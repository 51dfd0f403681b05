//! HSDS 3.0 JSON exchange: [`export`] and [`export_bundle`] write Open Referral HSDS 3.0 with the Safety
//! Compass profile, [`import`] / [`import_with`] read HSDS 3.0, ours or anyone's, and report what they
//! cannot take as [`ImportProblem`]s with the JSON path they are about.
//!
//! # Shape
//!
//! [`export`] returns a JSON array of HSDS `organization` objects, each with its `locations` (one
//! `addresses` entry each) and its `services` nested the way HSDS 3.0's fully nested API responses nest
//! them. A service carries `languages`, `phones` (voice and SMS channels), `contacts` (e-mail channels),
//! `schedules` (the hours of its channels), `service_at_locations` (links to the organisation's
//! locations by `location_id`), and `url` / `email` from its first web or chat and e-mail channel.
//! Every object validates against the HSDS 3.0 schema of its type.
//!
//! The export is complete: it includes confidential (staff-only) organisations and services, marked
//! only in the profile. Leave them out of the [`Content`] before publishing an export.
//!
//! Events, reports, articles and self-checks have no HSDS object. [`export_bundle`] wraps the array as
//! `{"organizations": [...], "x-safety-compass": {"events": [...], "reports": [...], "articles": [...],
//! "selfchecks": [...]}}` in the model's own serde form; that bundle round-trips a whole [`Content`]
//! through [`import`].
//!
//! # The profile: `x-safety-compass`
//!
//! No HSDS 3.0 schema sets `additionalProperties`, so extra properties are allowed. Each exported
//! organization, location, service and service_at_location carries what HSDS cannot say in a property
//! named [`PROFILE`] (`x-safety-compass`): our id, the full [`Text`] maps with every translation and its
//! status, `translation`, `provenance`, country, topics, audience, service kind, the hotline flags, the
//! confidential flag, and per channel its kind, label, short code, display form, `from_abroad` and
//! [`Hours`] (IANA time zone, 24/7 flag, weekly rules as written, dated exceptions).
//!
//! Who wins on import, so that edits to either side are not lost silently:
//! - Facts HSDS holds exactly are read from HSDS: `email`, `website`, phone `number`, contact `email`,
//!   address lines, city, postal code, country, service `languages`, service_at_location links.
//! - Facts HSDS can only approximate are read from the profile, and the HSDS field is a projection for
//!   HSDS readers: text fields show the original-locale text (`name`, `description`,
//!   `eligibility_description` ← eligibility, `application_process` ← how to start, phone
//!   `description` and contact `name` ← the channel's label), and `schedules`
//!   show the hours as weekly RRULE-style entries (`freq: WEEKLY`, `byday`, `opens_at`, `closes_at`;
//!   dated exceptions with `valid_from` = `valid_to`; 24/7 as `00:00`–`24:00`). HSDS `timezone` is a
//!   number (a UTC offset) and cannot hold an IANA zone, so it is left out and the zone is in the
//!   schedule's profile. A projection that no longer matches its profile is reported; the profile wins.
//! - Phones, contacts, `email` and `url` that no profile channel accounts for are imported like
//!   foreign HSDS (below) and added as channels, skipping values the service already has.
//!
//! An empty `postal_code` (HSDS requires the field) means none. Ids are HSDS UUIDs made from our ids
//! (below); our ids are in the profile. A profile that does not parse is reported with its path and the
//! object is imported as foreign HSDS (see Compatibility).
//!
//! # Ids
//!
//! HSDS ids are UUIDs. An exported id is a name-based UUID version 8 (RFC 9562): the first 128 bits of
//! SHA-256 over the record kind and our id (and, for phones, schedules and the like, the service id
//! and position), so the same content always exports the same ids. An id imported from foreign HSDS
//! is `hsds-<their id>` (lowercased, other characters as `-`); when another record already has that id
//! (HSDS ids need only be unique per table, and case is folded), a hash of the record's JSON path is
//! appended. A foreign UUID is exported as their id again.
//!
//! # Importing foreign HSDS
//!
//! [`import`] takes an organization, a service, a service_at_location, an array of any of them, an
//! HSDS list page (`{"contents": [...]}`) or our bundle. The organizations of an array or list are
//! imported first, so a service finds its organization wherever the list has it. Other HSDS objects
//! (a location, phone, schedule, … on its own) are reported and left out. The import never panics;
//! whatever it cannot import is reported with its path and the rest is imported. Without a profile:
//! - Text is taken as English ([`IMPORTED_LOCALE`], status `original`): HSDS 3.0 has no field for the
//!   language of its text (`languages` lists the languages spoken, not written).
//! - Provenance is always `unverified`: the source is the organisation's `website` (or a service `url`)
//!   when it is an https URL, else [`NO_SOURCE`] and a problem; `verified_on` is the latest
//!   `metadata.last_action_date` or service `assured_date`, else the import's `today` and a problem.
//! - Schedules are reported, not imported: an unverified entry shows no hours until an admin checks
//!   them. The problem says how the schedule reads as a weekly rule, to copy once verified.
//! - Phone numbers are kept when they normalise to E.164 (spaces, dashes, dots, brackets and quote
//!   characters removed, a leading `00` read as `+`); otherwise the channel is left out. Fax, pager and
//!   video numbers are left out; a number `extension` is dropped and reported. A `url` is kept when it
//!   is https. Services that are `inactive` or `defunct` are left out. Other fields (`website`,
//!   country codes, language codes) are kept as written for `check` to judge.
//! - Service kind is guessed (a phone: hotline; a location: centre; else programme), audience is
//!   `both`, topics are empty: one problem per service asks for review.
//! - Fields we have no place for (alternate names, programs, funding, coordinates, …) are ignored
//!   silently; phones and contacts of organizations and locations, which our model keeps on services
//!   only, are reported.
//!
//! Problem paths are JSON Pointers (RFC 6901) into the imported document; `/` stands for the document
//! itself.
//!
//! # Compatibility
//!
//! The profile is read by the build that wrote it: it is not a versioned format, and a field this build
//! does not know makes it unreadable (anywhere but in a text's `{text, status}` table, where serde
//! ignores it). A profile that cannot be read, damaged or from a newer build, is reported with its path
//! and the object is imported as foreign HSDS, without what only the profile held (kind, topics,
//! translations, hours). Keys of the bundle's profile other than the four record lists are reported and
//! ignored.
//!
//! # Hostile input
//!
//! The import walks only the HSDS structure it knows, never an arbitrary depth. A profile is handed to
//! serde only when it nests at most [`MAX_PROFILE_DEPTH`] levels (checked without recursion), and
//! values quoted in messages are cut to 60 characters.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use jiff::civil::{Date, Weekday};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::build::hex;
use crate::check::{is_e164, is_email, is_web_url};
use crate::hours::{format_minutes, parse_span, parse_weekly_rule};
use crate::model::{
    Audience, Channel, ChannelKind, Content, Hours, Keywords, Location, Organization, Provenance,
    Service, ServiceKind, Synonyms, Text, TextValue, TranslationStatus, Translations, Verification,
    is_false, original_locale,
};

/// The name of the Safety Compass profile property on HSDS objects and on the bundle.
pub const PROFILE: &str = "x-safety-compass";

/// The provenance source of foreign HSDS that names no https page: not a page, so `check` flags it.
pub const NO_SOURCE: &str = "urn:x-safety-compass:no-source";

/// The locale foreign HSDS text is imported in.
pub const IMPORTED_LOCALE: &str = "en";

/// How deeply a profile may nest before it is rejected unread (ours nest 6 deep at most).
pub const MAX_PROFILE_DEPTH: usize = 32;

/// Days in HSDS `byday` order, Monday first.
const DAYS: [(Weekday, &str, &str); 7] = [
    (Weekday::Monday, "MO", "Mo"),
    (Weekday::Tuesday, "TU", "Tu"),
    (Weekday::Wednesday, "WE", "We"),
    (Weekday::Thursday, "TH", "Th"),
    (Weekday::Friday, "FR", "Fr"),
    (Weekday::Saturday, "SA", "Sa"),
    (Weekday::Sunday, "SU", "Su"),
];

// ---------------------------------------------------------------------------------------------------
// The profile: what HSDS cannot say, per object.

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OrganizationProfile {
    id: String,
    country: String,
    name: Text,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    description: Text,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    keywords: Keywords,
    #[serde(default, skip_serializing_if = "is_false")]
    confidential: bool,
    translation: Translations,
    provenance: Provenance,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LocationProfile {
    id: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    description: Text,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ServiceProfile {
    id: String,
    kind: ServiceKind,
    topics: Vec<String>,
    audience: Audience,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    free: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    anonymous: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    interpreter: Option<bool>,
    #[serde(default, skip_serializing_if = "is_false")]
    confidential: bool,
    name: Text,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    short_name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    order: Option<u32>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    description: Text,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    what_happens: Text,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    eligibility: Text,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    how_to_start: Text,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    keywords: Keywords,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    translation: Option<Translations>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    provenance: Option<Provenance>,
    /// The channels in order; the HSDS `phones` / `contacts` entry that holds a channel's number or
    /// address is named by its `id`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    channels: Vec<ChannelProfile>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChannelProfile {
    kind: ChannelKind,
    /// The `id` of the service's `phones` entry whose `number` is the channel's number (or short code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    phone: Option<String>,
    /// The `id` of the service's `contacts` entry whose `email` is the channel's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    contact: Option<String>,
    /// A number no phone entry holds (a channel kind HSDS has no phone for).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    short_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    display: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    from_abroad: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    abroad_number: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    callable_from: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    /// An address no contact entry holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    address: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    label: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    hours: Option<Hours>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ServiceAtLocationProfile {
    /// Our location id.
    location: String,
}

// ---------------------------------------------------------------------------------------------------
// Export

/// The organisations of `content` as a JSON array of HSDS 3.0 `organization` objects with nested
/// locations and services, each carrying the [`PROFILE`] property (see the module docs).
pub fn export(content: &Content) -> Value {
    Value::Array(
        content
            .organizations
            .iter()
            .map(export_organization)
            .collect(),
    )
}

/// The whole of `content`: `{"organizations": [...], "x-safety-compass": {events, reports, articles,
/// selfchecks, synonyms}}`, the organisations as [`export`] writes them. [`import`] reads it back unchanged.
pub fn export_bundle(content: &Content) -> Value {
    let mut profile = Map::new();
    profile.insert("events".into(), to_json(&content.events));
    profile.insert("reports".into(), to_json(&content.reports));
    profile.insert("articles".into(), to_json(&content.articles));
    profile.insert("selfchecks".into(), to_json(&content.selfchecks));
    if !content.synonyms.is_empty() {
        profile.insert("synonyms".into(), to_json(&content.synonyms));
    }
    let mut bundle = Map::new();
    bundle.insert("organizations".into(), export(content));
    bundle.insert(PROFILE.into(), Value::Object(profile));
    Value::Object(bundle)
}

/// Serialises model data. The model has string map keys and no custom serialisers, so this cannot
/// fail; `null` would be the sign that it did.
fn to_json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

fn export_organization(org: &Organization) -> Value {
    let mut out = organization_fields(org);
    let org_uuid = hsds_id("organization", &org.id);
    let original = original_locale(&org.translation);
    if !org.locations.is_empty() {
        let locations = org
            .locations
            .iter()
            .map(|location| export_location(location, &org_uuid, original));
        out.insert("locations".into(), Value::Array(locations.collect()));
    }
    if !org.services.is_empty() {
        let services = org
            .services
            .iter()
            .map(|service| export_service(service, org, &org_uuid));
        out.insert("services".into(), Value::Array(services.collect()));
    }
    let profile = OrganizationProfile {
        id: org.id.clone(),
        country: org.country.clone(),
        name: org.name.clone(),
        description: org.description.clone(),
        keywords: org.keywords.clone(),
        confidential: org.confidential,
        translation: org.translation.clone(),
        provenance: org.provenance.clone(),
    };
    out.insert(PROFILE.into(), to_json(&profile));
    Value::Object(out)
}

/// The organization's own HSDS fields; `name` and `description` are projections of the profile.
fn organization_fields(org: &Organization) -> Map<String, Value> {
    let original = original_locale(&org.translation);
    let mut out = Map::new();
    out.insert("id".into(), hsds_id("organization", &org.id).into());
    out.insert(
        "name".into(),
        projection(&org.name, original).unwrap_or_default().into(),
    );
    // Required by HSDS, so present even when empty.
    out.insert(
        "description".into(),
        projection(&org.description, original)
            .unwrap_or_default()
            .into(),
    );
    insert_opt(&mut out, "email", org.email.as_deref());
    insert_opt(&mut out, "website", org.website.as_deref());
    out
}

fn export_location(location: &Location, org_uuid: &str, original: Option<&str>) -> Value {
    let uuid = hsds_id("location", &location.id);
    let mut out = location_fields(location, original);
    out.insert("id".into(), uuid.clone().into());
    out.insert("location_type".into(), "physical".into());
    out.insert("organization_id".into(), org_uuid.into());
    let mut address = Map::new();
    address.insert("id".into(), uuid_for(&["address", &location.id]).into());
    address.insert("location_id".into(), uuid.into());
    address.insert("address_1".into(), location.address.clone().into());
    address.insert("city".into(), location.city.clone().into());
    // Both required by HSDS; we have no state or province, and "" means no postal code.
    address.insert("state_province".into(), "".into());
    address.insert(
        "postal_code".into(),
        location.postal_code.clone().unwrap_or_default().into(),
    );
    address.insert("country".into(), location.country.clone().into());
    address.insert("address_type".into(), "physical".into());
    out.insert(
        "addresses".into(),
        Value::Array(vec![Value::Object(address)]),
    );
    let profile = LocationProfile {
        id: location.id.clone(),
        description: location.description.clone(),
    };
    out.insert(PROFILE.into(), to_json(&profile));
    Value::Object(out)
}

/// The location's projected fields.
fn location_fields(location: &Location, original: Option<&str>) -> Map<String, Value> {
    let mut out = Map::new();
    insert_opt(
        &mut out,
        "description",
        projection(&location.description, original),
    );
    out
}

fn export_service(service: &Service, org: &Organization, org_uuid: &str) -> Value {
    let translation = service.translation.as_ref().unwrap_or(&org.translation);
    let original = original_locale(translation);
    let mut out = service_projections(service, original);
    out.insert("id".into(), hsds_id("service", &service.id).into());
    out.insert("organization_id".into(), org_uuid.into());
    out.insert("status".into(), "active".into());

    let mut phones = Vec::new();
    let mut contacts = Vec::new();
    let mut channels = Vec::new();
    let mut url = None;
    let mut email = None;
    for (index, channel) in service.channels.iter().enumerate() {
        let position = index.to_string();
        let mut profile = ChannelProfile {
            kind: channel.kind,
            phone: None,
            contact: None,
            number: None,
            short_code: channel.short_code.clone(),
            display: channel.display.clone(),
            from_abroad: channel.from_abroad,
            abroad_number: channel.abroad_number.clone(),
            callable_from: channel.callable_from.clone(),
            url: channel.url.clone(),
            address: None,
            label: channel.label.clone(),
            hours: channel.hours.clone(),
        };
        let dialled = channel.number.as_deref().or(channel.short_code.as_deref());
        match (channel.kind, dialled) {
            (ChannelKind::Voice | ChannelKind::Sms, Some(number)) => {
                let mut phone = Map::new();
                let id = uuid_for(&["phone", &service.id, &position]);
                phone.insert("id".into(), id.clone().into());
                phone.insert("number".into(), number.into());
                let kind = if channel.kind == ChannelKind::Sms {
                    "text"
                } else {
                    "voice"
                };
                phone.insert("type".into(), kind.into());
                insert_opt(
                    &mut phone,
                    "description",
                    projection(&channel.label, original),
                );
                profile.phone = Some(id);
                phones.push(Value::Object(phone));
            }
            _ => profile.number = channel.number.clone(),
        }
        match (channel.kind, &channel.address) {
            (ChannelKind::Email, Some(address)) => {
                let mut contact = Map::new();
                let id = uuid_for(&["contact", &service.id, &position]);
                contact.insert("id".into(), id.clone().into());
                insert_opt(&mut contact, "name", projection(&channel.label, original));
                contact.insert("email".into(), address.clone().into());
                profile.contact = Some(id);
                contacts.push(Value::Object(contact));
                email = email.or(Some(address.clone()));
            }
            _ => profile.address = channel.address.clone(),
        }
        if matches!(channel.kind, ChannelKind::Chat | ChannelKind::Web) {
            url = url.or(channel.url.clone());
        }
        channels.push(profile);
    }
    insert_opt(&mut out, "url", url);
    insert_opt(&mut out, "email", email);
    if !service.languages.is_empty() {
        let languages = service.languages.iter().enumerate().map(|(index, code)| {
            let mut language = Map::new();
            language.insert(
                "id".into(),
                uuid_for(&["language", &service.id, &index.to_string()]).into(),
            );
            language.insert("code".into(), code.clone().into());
            Value::Object(language)
        });
        out.insert("languages".into(), Value::Array(languages.collect()));
    }
    if !phones.is_empty() {
        out.insert("phones".into(), Value::Array(phones));
    }
    if !contacts.is_empty() {
        out.insert("contacts".into(), Value::Array(contacts));
    }
    if !service.locations.is_empty() {
        let links = service.locations.iter().map(|location| {
            let mut link = Map::new();
            link.insert(
                "id".into(),
                uuid_for(&["service_at_location", &service.id, location]).into(),
            );
            link.insert("service_id".into(), hsds_id("service", &service.id).into());
            link.insert("location_id".into(), hsds_id("location", location).into());
            link.insert(
                PROFILE.into(),
                to_json(&ServiceAtLocationProfile {
                    location: location.clone(),
                }),
            );
            Value::Object(link)
        });
        out.insert("service_at_locations".into(), Value::Array(links.collect()));
    }
    let profile = ServiceProfile {
        id: service.id.clone(),
        kind: service.kind,
        topics: service.topics.clone(),
        audience: service.audience,
        free: service.free,
        anonymous: service.anonymous,
        interpreter: service.interpreter,
        confidential: service.confidential,
        name: service.name.clone(),
        short_name: service.short_name.clone(),
        order: service.order,
        description: service.description.clone(),
        what_happens: service.what_happens.clone(),
        eligibility: service.eligibility.clone(),
        how_to_start: service.how_to_start.clone(),
        keywords: service.keywords.clone(),
        translation: service.translation.clone(),
        provenance: service.provenance.clone(),
        channels,
    };
    out.insert(PROFILE.into(), to_json(&profile));
    Value::Object(out)
}

/// The service fields HSDS shows as projections of the profile: texts and schedules.
fn service_projections(service: &Service, original: Option<&str>) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert(
        "name".into(),
        projection(&service.name, original)
            .unwrap_or_default()
            .into(),
    );
    insert_opt(
        &mut out,
        "description",
        projection(&service.description, original),
    );
    insert_opt(
        &mut out,
        "eligibility_description",
        projection(&service.eligibility, original),
    );
    insert_opt(
        &mut out,
        "application_process",
        projection(&service.how_to_start, original),
    );
    let schedules: Vec<Value> = service
        .channels
        .iter()
        .enumerate()
        .filter_map(|(index, channel)| channel.hours.as_ref().map(|hours| (index, hours)))
        .flat_map(|(index, hours)| schedules(&service.id, index, hours))
        .collect();
    if !schedules.is_empty() {
        out.insert("schedules".into(), Value::Array(schedules));
    }
    out
}

/// HSDS schedules showing a channel's hours; rules that do not parse are left out (the profile keeps
/// them as written, and `check` reports them).
fn schedules(service_id: &str, channel: usize, hours: &Hours) -> Vec<Value> {
    let mut entries: Vec<Map<String, Value>> = Vec::new();
    if hours.always {
        entries.push(weekly_entry(&DAYS.map(|(day, ..)| day), "00:00", "24:00"));
    }
    for rule in &hours.weekly {
        if let Ok((days, spans)) = parse_weekly_rule(rule) {
            for span in spans {
                entries.push(weekly_entry(
                    &days,
                    &format_minutes(span.start),
                    &format_minutes(span.end),
                ));
            }
        }
    }
    for exception in &hours.exceptions {
        let Ok(date) = exception.date.parse::<Date>() else {
            continue;
        };
        let spans: Vec<_> = exception
            .spans
            .iter()
            .filter_map(|span| parse_span(span).ok())
            .collect();
        let dated = |mut entry: Map<String, Value>| {
            for key in ["valid_from", "valid_to", "dtstart"] {
                entry.insert(key.into(), exception.date.clone().into());
            }
            entry
        };
        if exception.spans.is_empty() {
            // Closed all day: a dated entry with no opening time.
            entries.push(dated(days_entry(&[date.weekday()])));
        }
        for span in spans {
            entries.push(dated(weekly_entry(
                &[date.weekday()],
                &format_minutes(span.start),
                &format_minutes(span.end),
            )));
        }
    }
    let position = channel.to_string();
    entries
        .into_iter()
        .enumerate()
        .map(|(index, mut entry)| {
            entry.insert(
                "id".into(),
                uuid_for(&["schedule", service_id, &position, &index.to_string()]).into(),
            );
            let mut profile = Map::new();
            profile.insert("channel".into(), channel.into());
            profile.insert("tz".into(), hours.tz.clone().into());
            entry.insert(PROFILE.into(), Value::Object(profile));
            Value::Object(entry)
        })
        .collect()
}

/// A weekly schedule entry for `days`, open from `opens` to `closes`.
fn weekly_entry(days: &[Weekday], opens: &str, closes: &str) -> Map<String, Value> {
    let mut entry = days_entry(days);
    entry.insert("opens_at".into(), opens.into());
    entry.insert("closes_at".into(), closes.into());
    entry
}

/// A weekly schedule entry for `days` with no opening time.
fn days_entry(days: &[Weekday]) -> Map<String, Value> {
    let byday: Vec<&str> = DAYS
        .iter()
        .filter(|(day, ..)| days.contains(day))
        .map(|(_, code, _)| *code)
        .collect();
    let mut entry = Map::new();
    entry.insert("freq".into(), "WEEKLY".into());
    entry.insert("wkst".into(), "MO".into());
    entry.insert("byday".into(), byday.join(",").into());
    entry
}

/// The text in the original locale, else the first one.
fn projection(text: &Text, original: Option<&str>) -> Option<String> {
    original
        .and_then(|locale| text.get(locale))
        .or_else(|| text.values().next())
        .map(|value| value.text().to_owned())
}

fn insert_opt(map: &mut Map<String, Value>, key: &str, value: Option<impl Into<Value>>) {
    if let Some(value) = value {
        map.insert(key.into(), value.into());
    }
}

/// The HSDS id of one of our records: the foreign id it was imported with, else a made one.
fn hsds_id(kind: &str, id: &str) -> String {
    match id.strip_prefix("hsds-") {
        Some(uuid) if is_uuid(uuid) => uuid.to_owned(),
        _ => uuid_for(&[kind, id]),
    }
}

/// A name-based UUID version 8 (RFC 9562) from SHA-256 over the parts.
fn uuid_for(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"safety-compass/hsds");
    for part in parts {
        hasher.update([0x1f]);
        hasher.update(part.as_bytes());
    }
    let digest = hasher.finalize();
    let mut bytes = [0u8; 16];
    for (byte, hashed) in bytes.iter_mut().zip(digest.iter()) {
        *byte = *hashed;
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x80;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let groups = [0..4, 4..6, 6..8, 8..10, 10..16].map(|range| hex(&bytes[range]));
    groups.join("-")
}

/// A lowercase hyphenated UUID.
fn is_uuid(value: &str) -> bool {
    value.len() == 36
        && value.char_indices().all(|(index, c)| {
            if matches!(index, 8 | 13 | 18 | 23) {
                c == '-'
            } else {
                c.is_ascii_digit() || ('a'..='f').contains(&c)
            }
        })
}

// ---------------------------------------------------------------------------------------------------
// Import

/// What an import produced.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Imported {
    /// The records imported, sorted like [`crate::source::load`] sorts them.
    pub content: Content,
    /// What could not be imported, or was imported with a guess: in document order, except that the
    /// organizations of a list come first and what depends on the whole document (a missing
    /// organization, country or provenance) comes last.
    pub problems: Vec<ImportProblem>,
}

/// One thing an import could not take as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProblem {
    /// JSON Pointer into the imported document (`/services/0/phones/1/number`); `/` for the document.
    pub path: String,
    /// What is wrong and what was done about it, lowercase.
    pub message: String,
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// [`import_with`] today's date (in the system time zone).
pub fn import(value: &Value) -> Imported {
    import_with(value, jiff::ZonedDateTime::now().date())
}

/// Imports an HSDS document: an organization, a service, a service_at_location, an array of them, a
/// list page with `contents`, or an [`export_bundle`] bundle. Never panics; whatever cannot be imported
/// is reported with its path and the rest is imported. `today` is the `verified_on` of foreign records
/// that give no date (reported).
pub fn import_with(value: &Value, today: Date) -> Imported {
    let mut importer = Importer::new(today);
    importer.document(value);
    importer.finish()
}

/// An organisation being imported.
#[derive(Debug)]
struct Draft {
    org: Organization,
    /// Where it was first seen.
    path: String,
    /// Imported from a top-level organization object (a second one with its id is a duplicate).
    top_level: bool,
    /// Made up for services whose organization the document does not hold.
    stub: bool,
    /// Imported with our profile; else provenance and country are worked out at the end.
    profiled: bool,
    /// The HSDS id it was imported with.
    hsds_id: Option<String>,
    /// HSDS location id → our location id.
    locations: HashMap<String, String>,
    /// Dates the data was last checked, for a foreign `verified_on`.
    dates: Vec<Date>,
    /// https pages it was found on, for a foreign provenance source.
    sources: Vec<String>,
    /// Its services imported without a profile, whose provenance depends on whether the organisation
    /// turns out to be ours (see [`Importer::finish`]).
    foreign_services: Vec<ForeignService>,
}

impl Draft {
    fn new(org: Organization, path: &str, hsds_id: Option<String>) -> Draft {
        Draft {
            org,
            path: path.to_owned(),
            top_level: false,
            stub: false,
            profiled: false,
            hsds_id,
            locations: HashMap::new(),
            dates: Vec::new(),
            sources: Vec::new(),
            foreign_services: Vec::new(),
        }
    }
}

/// A service imported without a profile: what its provenance is made of.
#[derive(Debug)]
struct ForeignService {
    /// Its index in the organisation's services.
    index: usize,
    hsds_id: Option<String>,
    path: String,
    /// Its https `url`, if any.
    sources: Vec<String>,
    /// Its `metadata` dates and `assured_date`.
    dates: Vec<Date>,
}

#[derive(Debug)]
struct Importer {
    today: Date,
    problems: Vec<ImportProblem>,
    drafts: Vec<Draft>,
    /// Our organisation id → draft.
    org_ids: HashMap<String, usize>,
    /// HSDS organization id → draft.
    org_hsds: HashMap<String, usize>,
    /// Our service id → (draft, service index).
    services: HashMap<String, (usize, usize)>,
    /// (draft, HSDS service id) → our service id.
    service_hsds: HashMap<(usize, String), String>,
    /// Our location ids, in every draft.
    location_ids: HashSet<String>,
    content: Content,
}

/// A service's HSDS `phones` or `contacts`, and which of them profile channels have claimed.
#[derive(Debug)]
struct Entries<'a> {
    items: &'a [Value],
    path: String,
    used: HashSet<usize>,
}

impl<'a> Entries<'a> {
    fn new(items: &'a [Value], path: String) -> Entries<'a> {
        Entries {
            items,
            path,
            used: HashSet::new(),
        }
    }

    /// The entry with this `id`, and its path; it is then no longer a foreign channel source.
    fn claim(&mut self, id: &str) -> Option<(&'a Map<String, Value>, String)> {
        let (index, entry) = self
            .items
            .iter()
            .enumerate()
            .find(|(_, entry)| entry.get("id").and_then(Value::as_str) == Some(id))?;
        self.used.insert(index);
        Some((entry.as_object()?, child(&self.path, index)))
    }
}

/// Where a service's channels can come from in HSDS, gathered before they are imported.
#[derive(Debug, Default)]
struct ChannelSources<'a> {
    phones: Vec<(&'a Value, String)>,
    emails: Vec<(&'a str, String)>,
    urls: Vec<(&'a str, String)>,
}

fn child(path: &str, key: impl fmt::Display) -> String {
    format!("{path}/{key}")
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A value for a message: quoted, at most 60 characters.
fn shown(value: &str) -> String {
    let mut short: String = value.chars().take(60).collect();
    if short.len() < value.len() {
        short.push('…');
    }
    format!("{short:?}")
}

fn depth_exceeds(value: &Value, limit: usize) -> bool {
    let mut stack = vec![(value, 0usize)];
    while let Some((value, depth)) = stack.pop() {
        if depth > limit {
            return true;
        }
        match value {
            Value::Array(items) => stack.extend(items.iter().map(|item| (item, depth + 1))),
            Value::Object(map) => stack.extend(map.values().map(|item| (item, depth + 1))),
            _ => {}
        }
    }
    false
}

/// `hsds-` and the id lowercased, other characters as `-`, at most 64 of them; empty if nothing is left.
fn slug(id: &str) -> String {
    let mut out = String::new();
    for c in id.chars() {
        if out.len() >= 64 {
            break;
        }
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        String::new()
    } else {
        format!("hsds-{trimmed}")
    }
}

/// 12 hex digits of SHA-256 over `text`.
fn short_hash(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes())[..6])
}

/// A phone number as E.164, after removing what people and exports put around it.
fn normalise_phone(raw: &str) -> Result<String, String> {
    let mut number: String = raw
        .chars()
        .filter(|c| {
            !(c.is_whitespace()
                || "-.()[]\"'`".contains(*c)
                || *c == '\u{201c}'
                || *c == '\u{201d}')
        })
        .collect();
    if let Some(rest) = number.strip_prefix("00") {
        number = format!("+{rest}");
    }
    if is_e164(&number) {
        Ok(number)
    } else {
        Err(format!(
            "phone number {} is not an international number (E.164) once spaces, dashes, brackets and quotes are removed; channel left out",
            shown(raw)
        ))
    }
}

/// A date at the start of an HSDS date or date-time.
fn leading_date(value: &str) -> Option<Date> {
    value.get(..10).and_then(|date| date.parse().ok())
}

fn imported_text(text: Option<&str>) -> Text {
    text.map(|text| {
        Text::from([(
            IMPORTED_LOCALE.to_owned(),
            TextValue::Plain(text.to_owned()),
        )])
    })
    .unwrap_or_default()
}

fn imported_translation() -> Translations {
    Translations::from([(IMPORTED_LOCALE.to_owned(), TranslationStatus::Original)])
}

/// What kind of HSDS object a document item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ItemKind {
    Organization,
    Service,
    ServiceAtLocation,
}

/// HSDS objects the import takes only inside an organization or service, each with fields that
/// neither an organization, a service nor a service_at_location has (HSDS 3.0).
const NOT_ON_THEIR_OWN: [(&str, &[&str]); 6] = [
    (
        "a location",
        &["location_type", "addresses", "latitude", "longitude"],
    ),
    (
        "an address",
        &["address_1", "address_type", "state_province"],
    ),
    ("a phone", &["number", "extension"]),
    (
        "a schedule",
        &["freq", "byday", "opens_at", "closes_at", "valid_from"],
    ),
    ("a taxonomy term", &["term", "taxonomy", "taxonomy_id"]),
    ("a language", &["code"]),
];

/// What kind of HSDS object a document item is; `Err` names another HSDS object (`"a location"`).
fn classify(object: &Map<String, Value>) -> Result<ItemKind, &'static str> {
    let has = |key: &str| object.contains_key(key);
    if let Some((what, _)) = NOT_ON_THEIR_OWN
        .iter()
        .find(|(_, keys)| keys.iter().any(|key| has(key)))
    {
        return Err(what);
    }
    let kind = if has("service")
        || has("service_id")
        || object.get("location").is_some_and(Value::is_object)
    {
        ItemKind::ServiceAtLocation
    } else if [
        "status",
        "organization",
        "organization_id",
        "service_at_locations",
        "eligibility_description",
        "application_process",
        "program",
    ]
    .iter()
    .any(|key| has(key))
        || object
            .get(PROFILE)
            .and_then(|profile| profile.get("kind"))
            .is_some()
    {
        ItemKind::Service
    } else {
        ItemKind::Organization
    };
    Ok(kind)
}

impl Importer {
    fn new(today: Date) -> Importer {
        Importer {
            today,
            problems: Vec::new(),
            drafts: Vec::new(),
            org_ids: HashMap::new(),
            org_hsds: HashMap::new(),
            services: HashMap::new(),
            service_hsds: HashMap::new(),
            location_ids: HashSet::new(),
            content: Content::default(),
        }
    }

    fn problem(&mut self, path: &str, message: impl Into<String>) {
        let path = if path.is_empty() {
            "/".to_owned()
        } else {
            path.to_owned()
        };
        self.problems.push(ImportProblem {
            path,
            message: message.into(),
        });
    }

    // --- reading fields -------------------------------------------------------------------------

    /// A text field; absent, `null` and `""` are none, another type is reported.
    fn text<'a>(
        &mut self,
        object: &'a Map<String, Value>,
        key: &str,
        path: &str,
    ) -> Option<&'a str> {
        match object.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(text)) if text.is_empty() => None,
            Some(Value::String(text)) => Some(text),
            Some(other) => {
                self.problem(
                    &child(path, key),
                    format!("expected text, found {}; ignored", kind_of(other)),
                );
                None
            }
        }
    }

    /// An array field; absent and `null` are empty, another type is reported.
    fn array<'a>(&mut self, object: &'a Map<String, Value>, key: &str, path: &str) -> &'a [Value] {
        match object.get(key) {
            None | Some(Value::Null) => &[],
            Some(Value::Array(items)) => items,
            Some(other) => {
                self.problem(
                    &child(path, key),
                    format!("expected an array, found {}; ignored", kind_of(other)),
                );
                &[]
            }
        }
    }

    fn object<'a>(
        &mut self,
        value: &'a Value,
        path: &str,
        what: &str,
    ) -> Option<&'a Map<String, Value>> {
        match value {
            Value::Object(object) => Some(object),
            other => {
                self.problem(
                    path,
                    format!("expected {what} object, found {}; left out", kind_of(other)),
                );
                None
            }
        }
    }

    /// The profile of an object, if it has a valid one.
    fn profile<T: DeserializeOwned>(
        &mut self,
        object: &Map<String, Value>,
        path: &str,
    ) -> Option<T> {
        let value = object.get(PROFILE)?;
        let path = child(path, PROFILE);
        if depth_exceeds(value, MAX_PROFILE_DEPTH) {
            self.problem(
                &path,
                format!(
                    "profile nests deeper than {MAX_PROFILE_DEPTH} levels; imported as plain HSDS"
                ),
            );
            return None;
        }
        match T::deserialize(value) {
            Ok(profile) => Some(profile),
            Err(err) => {
                self.problem(
                    &path,
                    format!(
                        "profile is not valid ({}); imported as plain HSDS",
                        shown(&err.to_string())
                    ),
                );
                None
            }
        }
    }

    /// Reports that a non-empty array is not imported.
    fn not_imported(&mut self, object: &Map<String, Value>, key: &str, path: &str, why: &str) {
        if object
            .get(key)
            .is_some_and(|value| value.as_array().is_none_or(|items| !items.is_empty()))
        {
            self.problem(&child(path, key), format!("not imported: {why}"));
        }
    }

    /// An array field with none of its entries claimed yet.
    fn entries<'a>(
        &mut self,
        object: &'a Map<String, Value>,
        key: &str,
        path: &str,
    ) -> Entries<'a> {
        Entries::new(self.array(object, key, path), child(path, key))
    }

    /// Whether a record already has our id `id`.
    fn taken(&self, id: &str) -> bool {
        self.org_ids.contains_key(id)
            || self.services.contains_key(id)
            || self.location_ids.contains(id)
    }

    /// `id`, or when another record has it already, `id` and a hash of the new record's `path`.
    fn unique(&self, id: String, path: &str) -> String {
        if !self.taken(&id) {
            return id;
        }
        // Ids are at most 80 characters (`check`); a slug is ASCII.
        let base = id.get(..66).unwrap_or(&id).trim_end_matches('-');
        format!("{base}-{}", short_hash(path))
    }

    /// Our id for a new foreign record: from its HSDS id, else from its place in the document
    /// (reported); unique either way.
    fn foreign_id(&mut self, hsds_id: Option<&str>, kind: &str, path: &str) -> String {
        if let Some(id) = hsds_id.map(slug).filter(|id| !id.is_empty()) {
            return self.unique(id, path);
        }
        self.problem(
            &child(path, "id"),
            format!("{kind} has no usable id; one was made from its place in the document"),
        );
        self.unique(format!("hsds-{kind}-{}", short_hash(path)), path)
    }

    /// Dates in `metadata[].last_action_date`.
    fn metadata_dates(&mut self, object: &Map<String, Value>, path: &str) -> Vec<Date> {
        let mut dates = Vec::new();
        let entries = self.array(object, "metadata", path);
        let path = child(path, "metadata");
        for (index, entry) in entries.iter().enumerate() {
            let Some(entry) = entry.as_object() else {
                continue;
            };
            let Some(date) = self.text(entry, "last_action_date", &child(&path, index)) else {
                continue;
            };
            match leading_date(date) {
                Some(date) => dates.push(date),
                None => self.problem(
                    &child(&child(&path, index), "last_action_date"),
                    format!("{} is not a date; ignored", shown(date)),
                ),
            }
        }
        dates
    }

    // --- documents ------------------------------------------------------------------------------

    fn document(&mut self, value: &Value) {
        match value {
            Value::Array(items) => self.items(items, ""),
            Value::Object(object) if object.contains_key("organizations") => self.bundle(object),
            Value::Object(object) if object.contains_key("contents") => {
                let items = self.array(object, "contents", "");
                self.items(items, "/contents");
            }
            Value::Object(_) => {
                if let Some((object, kind)) = self.item(value, "") {
                    self.import_item(object, kind, "");
                }
            }
            other => self.problem(
                "",
                format!(
                    "expected an HSDS organization, service or service_at_location, an array or list page of them, or a Safety Compass bundle; found {}",
                    kind_of(other)
                ),
            ),
        }
    }

    /// The items of an array or list page, organizations first: a service then finds its organization
    /// wherever the list has it.
    fn items(&mut self, items: &[Value], path: &str) {
        let mut organizations = Vec::new();
        let mut others = Vec::new();
        for (index, value) in items.iter().enumerate() {
            let path = child(path, index);
            match self.item(value, &path) {
                Some((object, ItemKind::Organization)) => organizations.push((object, path)),
                Some((object, kind)) => others.push((object, kind, path)),
                None => {}
            }
        }
        for (object, path) in organizations {
            self.organization(object, &path, true);
        }
        for (object, kind, path) in others {
            self.import_item(object, kind, &path);
        }
    }

    /// A document item and its kind, if it is one the import takes; else reported.
    fn item<'a>(
        &mut self,
        value: &'a Value,
        path: &str,
    ) -> Option<(&'a Map<String, Value>, ItemKind)> {
        let object = self.object(value, path, "an HSDS")?;
        let kind = match classify(object) {
            Ok(kind) => kind,
            Err(what) => {
                self.problem(
                    path,
                    format!("{what} on its own cannot be imported (only within an organization or service); left out"),
                );
                return None;
            }
        };
        if !["id", "name", "service", PROFILE]
            .iter()
            .any(|key| object.contains_key(*key))
        {
            self.problem(path, "not an HSDS organization, service or service_at_location (no id, no name); left out");
            return None;
        }
        Some((object, kind))
    }

    fn import_item(&mut self, object: &Map<String, Value>, kind: ItemKind, path: &str) {
        match kind {
            ItemKind::Organization => {
                self.organization(object, path, true);
            }
            ItemKind::Service => self.service(object, path, None, None),
            ItemKind::ServiceAtLocation => self.service_at_location(object, path),
        }
    }

    fn bundle(&mut self, bundle: &Map<String, Value>) {
        for (index, item) in self.array(bundle, "organizations", "").iter().enumerate() {
            let path = child("/organizations", index);
            if let Some(object) = self.object(item, &path, "an HSDS organization") {
                self.organization(object, &path, true);
            }
        }
        let Some(profile) = bundle.get(PROFILE) else {
            return;
        };
        let path = child("", PROFILE);
        let Some(profile) = self.object(profile, &path, "a profile") else {
            return;
        };
        const LISTS: [&str; 5] = ["events", "reports", "articles", "selfchecks", "synonyms"];
        for key in profile.keys().filter(|key| !LISTS.contains(&key.as_str())) {
            self.problem(
                &path,
                format!(
                    "{} is not a record list this build knows; ignored",
                    shown(key)
                ),
            );
        }
        let mut content = std::mem::take(&mut self.content);
        self.records(profile, "events", &path, &mut content.events);
        self.records(profile, "reports", &path, &mut content.reports);
        self.records(profile, "articles", &path, &mut content.articles);
        self.records(profile, "selfchecks", &path, &mut content.selfchecks);
        if let Some(synonyms) = profile.get("synonyms") {
            let path = child(&path, "synonyms");
            match Synonyms::deserialize(synonyms) {
                Ok(synonyms) => content.synonyms = synonyms,
                Err(err) => self.problem(
                    &path,
                    format!(
                        "not a synonym table ({}); left out",
                        shown(&err.to_string())
                    ),
                ),
            }
        }
        self.content = content;
    }

    /// Records in the model's own serde form, one at a time so one bad record loses only itself.
    fn records<T: DeserializeOwned>(
        &mut self,
        profile: &Map<String, Value>,
        key: &str,
        path: &str,
        out: &mut Vec<T>,
    ) {
        let items = self.array(profile, key, path);
        let path = child(path, key);
        for (index, item) in items.iter().enumerate() {
            let path = child(&path, index);
            if depth_exceeds(item, MAX_PROFILE_DEPTH) {
                self.problem(
                    &path,
                    format!("nests deeper than {MAX_PROFILE_DEPTH} levels; left out"),
                );
                continue;
            }
            match T::deserialize(item) {
                Ok(record) => out.push(record),
                Err(err) => self.problem(
                    &path,
                    format!("not a valid record ({}); left out", shown(&err.to_string())),
                ),
            }
        }
    }

    // --- organizations --------------------------------------------------------------------------

    /// Imports an organization object and its locations and services; returns its draft.
    fn organization(
        &mut self,
        object: &Map<String, Value>,
        path: &str,
        top_level: bool,
    ) -> Option<usize> {
        let profile: Option<OrganizationProfile> = self.profile(object, path);
        let hsds_id = self.text(object, "id", path).map(str::to_owned);
        let profiled = profile.is_some();
        // The projection check reads a profiled name; read a foreign one once, so it is reported once.
        let name = match profile {
            Some(_) => None,
            None => self.text(object, "name", path),
        };
        if !profiled && hsds_id.is_none() && name.is_none() {
            self.problem(path, "organization has neither id nor name; left out");
            return None;
        }
        // The draft this organization is already in: the one with its id, the foreign one with its
        // HSDS id, or the stub made for services that named its HSDS id.
        let by_hsds = hsds_id
            .as_ref()
            .and_then(|hsds_id| self.org_hsds.get(hsds_id).copied());
        let existing = match &profile {
            Some(profile) => self.org_ids.get(&profile.id).copied().or_else(|| {
                by_hsds.filter(|&index| self.drafts.get(index).is_some_and(|draft| draft.stub))
            }),
            None => by_hsds,
        };
        let id = match (&profile, existing.and_then(|index| self.drafts.get(index))) {
            (Some(profile), _) => profile.id.clone(),
            (None, Some(draft)) => draft.org.id.clone(),
            (None, None) => self.foreign_id(hsds_id.as_deref(), "organization", path),
        };
        let website = self.text(object, "website", path).map(str::to_owned);
        let email = self.text(object, "email", path).map(str::to_owned);
        let org = match profile {
            Some(profile) => {
                let org = Organization {
                    id: profile.id,
                    country: profile.country,
                    name: profile.name,
                    description: profile.description,
                    keywords: profile.keywords,
                    website: website.clone(),
                    email,
                    confidential: profile.confidential,
                    translation: profile.translation,
                    provenance: profile.provenance,
                    locations: Vec::new(),
                    services: Vec::new(),
                };
                self.check_projections(
                    object,
                    &organization_fields(&org),
                    &["name", "description"],
                    path,
                );
                org
            }
            None => {
                if name.is_none() {
                    self.problem(
                        &child(path, "name"),
                        "organization has no name; imported without one",
                    );
                }
                Organization {
                    id: id.clone(),
                    country: String::new(),
                    name: imported_text(name),
                    description: imported_text(self.text(object, "description", path)),
                    keywords: Keywords::new(),
                    website: website.clone(),
                    email,
                    confidential: false,
                    translation: imported_translation(),
                    provenance: placeholder_provenance(),
                    locations: Vec::new(),
                    services: Vec::new(),
                }
            }
        };
        let draft = match existing {
            Some(index) => self.merge(index, org, path, top_level, profiled)?,
            None => {
                let mut draft = Draft::new(org, path, hsds_id.clone());
                draft.top_level = top_level;
                draft.profiled = profiled;
                self.drafts.push(draft);
                let index = self.drafts.len() - 1;
                self.org_ids.insert(id, index);
                index
            }
        };
        if let Some(hsds_id) = hsds_id {
            self.org_hsds.entry(hsds_id).or_insert(draft);
        }
        if !profiled {
            let dates = self.metadata_dates(object, path);
            if let Some(draft) = self.drafts.get_mut(draft) {
                draft.dates.extend(dates);
                draft
                    .sources
                    .extend(website.filter(|website| is_web_url(website, &["https"])));
            }
        }
        let why = "Safety Compass keeps phones and e-mail addresses on services";
        self.not_imported(object, "phones", path, why);
        self.not_imported(object, "contacts", path, why);
        for (index, location) in self.array(object, "locations", path).iter().enumerate() {
            self.location(location, &child(&child(path, "locations"), index), draft);
        }
        for (index, service) in self.array(object, "services", path).iter().enumerate() {
            let path = child(&child(path, "services"), index);
            if let Some(service) = self.object(service, &path, "an HSDS service") {
                self.service(service, &path, Some(draft), None);
            }
        }
        Some(draft)
    }

    /// An organization seen again: a second top-level one is a duplicate (reported, `None`); one that
    /// a stub stands for takes the stub's place, keeping what was imported into it.
    fn merge(
        &mut self,
        index: usize,
        org: Organization,
        path: &str,
        top_level: bool,
        profiled: bool,
    ) -> Option<usize> {
        let draft = self.drafts.get_mut(index)?;
        if top_level && draft.top_level {
            let message = format!(
                "organization {} appears again (first at {}); left out",
                shown(&org.id),
                draft.path
            );
            self.problem(path, message);
            return None;
        }
        draft.top_level |= top_level;
        if !draft.stub {
            return Some(index);
        }
        let locations = std::mem::take(&mut draft.org.locations);
        let services = std::mem::take(&mut draft.org.services);
        let stub_id = std::mem::replace(
            &mut draft.org,
            Organization {
                locations,
                services,
                ..org
            },
        )
        .id;
        draft.stub = false;
        draft.profiled = profiled;
        draft.path = path.to_owned();
        let id = draft.org.id.clone();
        if stub_id != id {
            self.org_ids.remove(&stub_id);
            self.org_ids.insert(id, index);
        }
        Some(index)
    }

    /// A stub organisation for services whose organization the document does not hold (reported in
    /// [`Importer::finish`] if none comes).
    fn stub(&mut self, hsds_id: Option<&str>, path: &str) -> usize {
        const NO_ORGANIZATION: &str = "hsds-no-organization";
        let id = match hsds_id.map(slug).filter(|id| !id.is_empty()) {
            Some(id) => self.unique(id, path),
            None => {
                let shared = self.org_ids.get(NO_ORGANIZATION).copied();
                if let Some(index) = shared.filter(|&index| {
                    self.drafts
                        .get(index)
                        .is_some_and(|draft| draft.stub && draft.hsds_id.is_none())
                }) {
                    return index;
                }
                self.unique(NO_ORGANIZATION.to_owned(), path)
            }
        };
        let org = Organization {
            id: id.clone(),
            country: String::new(),
            name: Text::new(),
            description: Text::new(),
            keywords: Keywords::new(),
            website: None,
            email: None,
            confidential: false,
            translation: imported_translation(),
            provenance: placeholder_provenance(),
            locations: Vec::new(),
            services: Vec::new(),
        };
        let mut draft = Draft::new(org, path, hsds_id.map(str::to_owned));
        draft.stub = true;
        self.drafts.push(draft);
        let index = self.drafts.len() - 1;
        self.org_ids.insert(id, index);
        if let Some(hsds_id) = hsds_id {
            self.org_hsds.entry(hsds_id.to_owned()).or_insert(index);
        }
        index
    }

    // --- locations ------------------------------------------------------------------------------

    /// Imports a location into a draft; returns our id when it is (or already was) there.
    fn location(&mut self, value: &Value, path: &str, draft: usize) -> Option<String> {
        let object = self.object(value, path, "an HSDS location")?;
        let profile: Option<LocationProfile> = self.profile(object, path);
        let hsds_id = self.text(object, "id", path).map(str::to_owned);
        // Already imported into this draft: ours by our id, a foreign one by its HSDS id.
        let known = self.drafts.get(draft).and_then(|draft| match &profile {
            Some(profile) => draft
                .org
                .locations
                .iter()
                .any(|location| location.id == profile.id)
                .then(|| profile.id.clone()),
            None => draft.locations.get(hsds_id.as_ref()?).cloned(),
        });
        if let Some(id) = known {
            self.remember_location(draft, hsds_id, &id);
            return Some(id);
        }
        let id = match &profile {
            Some(profile) => profile.id.clone(),
            None => self.foreign_id(hsds_id.as_deref(), "location", path),
        };
        let addresses = self.array(object, "addresses", path);
        let chosen = addresses
            .iter()
            .enumerate()
            .find(|(_, address)| {
                address.get("address_type").and_then(Value::as_str) == Some("physical")
            })
            .or_else(|| addresses.iter().enumerate().next());
        let Some((index, address)) = chosen else {
            self.problem(
                &child(path, "addresses"),
                "location has no address; left out",
            );
            return None;
        };
        let address_path = child(&child(path, "addresses"), index);
        let address = self.object(address, &address_path, "an HSDS address")?;
        let line_1 = self.text(address, "address_1", &address_path);
        let city = self.text(address, "city", &address_path);
        let (Some(line_1), Some(city)) = (line_1, city) else {
            self.problem(
                &address_path,
                "address needs address_1 and city; location left out",
            );
            return None;
        };
        let street = match self.text(address, "address_2", &address_path) {
            Some(line_2) => format!("{line_1}, {line_2}"),
            None => line_1.to_owned(),
        };
        let country = match self.text(address, "country", &address_path) {
            Some(country) => match crate::parse_country(country) {
                Ok(country) => country,
                Err(_) => {
                    self.problem(
                        &child(&address_path, "country"),
                        format!(
                            "country {} is not an ISO 3166-1 alpha-2 code; kept as written",
                            shown(country)
                        ),
                    );
                    country.to_owned()
                }
            },
            None => {
                self.problem(
                    &child(&address_path, "country"),
                    "address has no country; imported without one",
                );
                String::new()
            }
        };
        let postal_code = self
            .text(address, "postal_code", &address_path)
            .map(str::to_owned);
        let location = match profile {
            Some(profile) => {
                let location = Location {
                    id: profile.id,
                    address: street,
                    city: city.to_owned(),
                    postal_code,
                    country,
                    description: profile.description,
                };
                let original = self
                    .drafts
                    .get(draft)
                    .and_then(|draft| original_locale(&draft.org.translation).map(str::to_owned));
                self.check_projections(
                    object,
                    &location_fields(&location, original.as_deref()),
                    &["description"],
                    path,
                );
                location
            }
            None => Location {
                id: id.clone(),
                address: street,
                city: city.to_owned(),
                postal_code,
                country,
                description: imported_text(self.text(object, "description", path)),
            },
        };
        let why = "Safety Compass keeps phones, e-mail addresses and hours on services";
        for key in ["phones", "contacts", "schedules"] {
            self.not_imported(object, key, path, why);
        }
        if let Some(draft) = self.drafts.get_mut(draft) {
            draft.org.locations.push(location);
        }
        self.location_ids.insert(id.clone());
        self.remember_location(draft, hsds_id, &id);
        Some(id)
    }

    fn remember_location(&mut self, draft: usize, hsds_id: Option<String>, id: &str) {
        if let (Some(draft), Some(hsds_id)) = (self.drafts.get_mut(draft), hsds_id) {
            draft
                .locations
                .entry(hsds_id)
                .or_insert_with(|| id.to_owned());
        }
    }

    // --- services -------------------------------------------------------------------------------

    /// A top-level service_at_location: its service, linked to its location, with its channels.
    fn service_at_location(&mut self, object: &Map<String, Value>, path: &str) {
        match object.get("service") {
            Some(Value::Object(service)) => self.service(
                service,
                &child(path, "service"),
                None,
                Some((object, path.to_owned())),
            ),
            Some(other) => self.problem(
                &child(path, "service"),
                format!(
                    "expected an HSDS service object, found {}; left out",
                    kind_of(other)
                ),
            ),
            None => self.problem(path, "service_at_location has no service; left out"),
        }
    }

    /// Imports a service into `draft`, or into the organization it names.
    fn service<'a>(
        &mut self,
        object: &'a Map<String, Value>,
        path: &str,
        draft: Option<usize>,
        link: Option<(&'a Map<String, Value>, String)>,
    ) {
        let profile: Option<ServiceProfile> = self.profile(object, path);
        let hsds_id = self.text(object, "id", path).map(str::to_owned);
        // The projection check reads a profiled name; read a foreign one once, so it is reported once.
        let name = match profile {
            Some(_) => None,
            None => self.text(object, "name", path),
        };
        if profile.is_none() && hsds_id.is_none() && name.is_none() {
            self.problem(path, "service has neither id nor name; left out");
            return;
        }
        match self.text(object, "status", path) {
            None | Some("active") => {}
            Some(status @ ("inactive" | "defunct")) => {
                self.problem(
                    &child(path, "status"),
                    format!("service is {status}; left out"),
                );
                return;
            }
            Some(status) => self.problem(
                &child(path, "status"),
                format!("service status is {}; imported anyway", shown(status)),
            ),
        }

        let draft = match draft {
            Some(draft) => draft,
            None => self.owner(object, path),
        };

        // Links to locations: the service's own, and the service_at_location it came in.
        let mut links: Vec<(&'a Map<String, Value>, String)> = Vec::new();
        for (index, entry) in self
            .array(object, "service_at_locations", path)
            .iter()
            .enumerate()
        {
            let entry_path = child(&child(path, "service_at_locations"), index);
            if let Some(entry) = self.object(entry, &entry_path, "an HSDS service_at_location") {
                links.push((entry, entry_path));
            }
        }
        links.extend(link);
        let mut locations = Vec::new();
        for (entry, entry_path) in &links {
            if let Some(location) = self.linked_location(entry, entry_path, draft)
                && !locations.contains(&location)
            {
                locations.push(location);
            }
        }

        // Seen before: ours by our id, a foreign one by its HSDS id within the same organisation (the
        // same HSDS id elsewhere is another service: HSDS ids need not be unique across publishers).
        let seen = match &profile {
            Some(profile) => Some(profile.id.clone()),
            None => hsds_id
                .as_ref()
                .and_then(|hsds_id| self.service_hsds.get(&(draft, hsds_id.clone())).cloned()),
        };
        if let Some((seen, &(org_index, service_index))) = seen
            .as_ref()
            .and_then(|id| Some((id, self.services.get(id)?)))
        {
            let existing = self
                .drafts
                .get_mut(org_index)
                .and_then(|draft| draft.org.services.get_mut(service_index));
            if let Some(existing) = existing {
                for location in locations {
                    if !existing.locations.contains(&location) {
                        existing.locations.push(location);
                    }
                }
            }
            self.problem(
                path,
                format!(
                    "service {} appears again; only its locations were added",
                    shown(seen)
                ),
            );
            return;
        }
        let id = match &profile {
            Some(profile) => profile.id.clone(),
            None => self.foreign_id(hsds_id.as_deref(), "service", path),
        };

        let mut languages = Vec::new();
        for (index, language) in self.array(object, "languages", path).iter().enumerate() {
            let language_path = child(&child(path, "languages"), index);
            let Some(language) = self.object(language, &language_path, "an HSDS language") else {
                continue;
            };
            match self.text(language, "code", &language_path) {
                Some(code) if profile.is_some() => languages.push(code.to_owned()),
                Some(code) => {
                    let code = code.trim().to_ascii_lowercase();
                    if !code.is_empty() && !languages.contains(&code) {
                        languages.push(code);
                    }
                }
                None => self.problem(&language_path, "language has no code; left out"),
            }
        }

        let org_translation = match self.drafts.get(draft) {
            Some(draft) => draft.org.translation.clone(),
            None => imported_translation(),
        };
        // Channels: the profile's first, then whatever HSDS holds that no profile channel accounts for.
        let mut phones = self.entries(object, "phones", path);
        let mut contacts = self.entries(object, "contacts", path);
        let mut channels = Vec::new();
        if let Some(profile) = &profile {
            let translation = profile.translation.as_ref().unwrap_or(&org_translation);
            let original = original_locale(translation);
            let profile_path = child(&child(path, PROFILE), "channels");
            for (index, channel) in profile.channels.iter().enumerate() {
                let channel_path = child(&profile_path, index);
                if let Some(channel) = self.profile_channel(
                    channel,
                    &channel_path,
                    &mut phones,
                    &mut contacts,
                    original,
                ) {
                    channels.push(channel);
                }
            }
        }
        let mut sources = ChannelSources::default();
        self.gather(object, path, &phones, &contacts, &mut sources);
        for (entry, entry_path) in &links {
            let phones = self.entries(entry, "phones", entry_path);
            let contacts = self.entries(entry, "contacts", entry_path);
            self.gather(entry, entry_path, &phones, &contacts, &mut sources);
        }
        let url = self.text(object, "url", path);
        sources
            .urls
            .extend(url.map(|url| (url, child(path, "url"))));
        self.foreign_channels(&sources, &mut channels);

        let mut foreign = None;
        let service = match profile {
            Some(profile) => {
                let service = Service {
                    id: profile.id,
                    kind: profile.kind,
                    topics: profile.topics,
                    audience: profile.audience,
                    languages,
                    free: profile.free,
                    anonymous: profile.anonymous,
                    interpreter: profile.interpreter,
                    confidential: profile.confidential,
                    name: profile.name,
                    short_name: profile.short_name,
                    order: profile.order,
                    description: profile.description,
                    what_happens: profile.what_happens,
                    eligibility: profile.eligibility,
                    how_to_start: profile.how_to_start,
                    keywords: profile.keywords,
                    locations,
                    translation: profile.translation,
                    provenance: profile.provenance,
                    channels,
                };
                let translation = service.translation.as_ref().unwrap_or(&org_translation);
                let expected = service_projections(&service, original_locale(translation));
                let keys = [
                    "name",
                    "description",
                    "eligibility_description",
                    "application_process",
                    "schedules",
                ];
                self.check_projections(object, &expected, &keys, path);
                for (entry, entry_path) in &links {
                    self.foreign_schedules(entry, entry_path);
                }
                service
            }
            None => {
                if name.is_none() {
                    self.problem(
                        &child(path, "name"),
                        "service has no name; imported without one",
                    );
                }
                let kind = if channels.iter().any(|c| {
                    matches!(
                        c.kind,
                        ChannelKind::Voice | ChannelKind::Sms | ChannelKind::Chat
                    )
                }) {
                    ServiceKind::Hotline
                } else if !locations.is_empty() {
                    ServiceKind::Centre
                } else {
                    ServiceKind::Programme
                };
                self.problem(
                    path,
                    format!(
                        "no Safety Compass profile: kind guessed as {}, audience set to both, no topics; review them",
                        kind.as_str()
                    ),
                );
                let mut dates = self.metadata_dates(object, path);
                if let Some(assured) = self.text(object, "assured_date", path) {
                    match leading_date(assured) {
                        Some(date) => dates.push(date),
                        None => self.problem(
                            &child(path, "assured_date"),
                            format!("{} is not a date; ignored", shown(assured)),
                        ),
                    }
                }
                let sources = url
                    .filter(|url| is_web_url(url, &["https"]))
                    .map(str::to_owned)
                    .into_iter()
                    .collect();
                let schedule_sources = std::iter::once((object, path.to_owned()))
                    .chain(links.iter().map(|(entry, p)| (*entry, p.clone())));
                let schedule_sources: Vec<_> = schedule_sources.collect();
                for (entry, entry_path) in schedule_sources {
                    self.foreign_schedules(entry, &entry_path);
                }
                foreign = Some((sources, dates));
                Service {
                    id: id.clone(),
                    kind,
                    topics: Vec::new(),
                    audience: Audience::Both,
                    languages,
                    free: None,
                    anonymous: None,
                    interpreter: None,
                    confidential: false,
                    name: imported_text(name),
                    short_name: Text::new(),
                    order: None,
                    description: imported_text(self.text(object, "description", path)),
                    what_happens: Text::new(),
                    eligibility: imported_text(self.text(object, "eligibility_description", path)),
                    how_to_start: imported_text(self.text(object, "application_process", path)),
                    keywords: Keywords::new(),
                    locations,
                    // Set in `finish` once the organisation is known to be ours or not.
                    translation: None,
                    provenance: None,
                    channels,
                }
            }
        };
        if let Some(org) = self.drafts.get_mut(draft) {
            org.org.services.push(service);
            let index = org.org.services.len() - 1;
            if let Some((sources, dates)) = foreign {
                org.foreign_services.push(ForeignService {
                    index,
                    hsds_id: hsds_id.clone(),
                    path: path.to_owned(),
                    sources,
                    dates,
                });
            }
            if let Some(hsds_id) = hsds_id {
                self.service_hsds.insert((draft, hsds_id), id.clone());
            }
            self.services.insert(id, (draft, index));
        }
    }

    /// The draft a free-standing service belongs to: its nested organization, the one its
    /// `organization_id` names, or a stub.
    fn owner(&mut self, object: &Map<String, Value>, path: &str) -> usize {
        if let Some(Value::Object(org)) = object.get("organization")
            && let Some(draft) = self.organization(org, &child(path, "organization"), false)
        {
            return draft;
        }
        let org_id = self
            .text(object, "organization_id", path)
            .map(str::to_owned);
        if let Some(&draft) = org_id.as_ref().and_then(|id| self.org_hsds.get(id)) {
            return draft;
        }
        self.stub(org_id.as_deref(), path)
    }

    /// The location a service_at_location links to, imported into the draft if it comes with it.
    fn linked_location(
        &mut self,
        entry: &Map<String, Value>,
        path: &str,
        draft: usize,
    ) -> Option<String> {
        if let Some(profile) = self.profile::<ServiceAtLocationProfile>(entry, path) {
            return Some(profile.location);
        }
        if let Some(location) = entry.get("location").filter(|location| !location.is_null()) {
            return self.location(location, &child(path, "location"), draft);
        }
        let hsds_id = self.text(entry, "location_id", path)?;
        let found = self
            .drafts
            .get(draft)
            .and_then(|draft| draft.locations.get(hsds_id).cloned());
        if found.is_none() {
            self.problem(
                &child(path, "location_id"),
                format!(
                    "location {} is not in the document; link left out",
                    shown(hsds_id)
                ),
            );
        }
        found
    }

    /// A channel from the profile, its number or address read from the HSDS entry it names.
    /// The phone `description` and contact `name` are projections of the label in `original`.
    fn profile_channel(
        &mut self,
        profile: &ChannelProfile,
        path: &str,
        phones: &mut Entries<'_>,
        contacts: &mut Entries<'_>,
        original: Option<&str>,
    ) -> Option<Channel> {
        let number = match &profile.phone {
            Some(id) => {
                let Some((phone, phone_path)) = phones.claim(id) else {
                    self.problem(
                        &child(path, "phone"),
                        format!(
                            "names phone {}, which the service does not have; channel left out",
                            shown(id)
                        ),
                    );
                    return None;
                };
                self.check_label(phone, "description", &profile.label, original, &phone_path);
                let Some(raw) = self.text(phone, "number", &phone_path) else {
                    self.problem(
                        &child(&phone_path, "number"),
                        "phone has no number; channel left out",
                    );
                    return None;
                };
                if profile.short_code.as_deref() == Some(raw) && !raw.starts_with('+') {
                    None
                } else {
                    match normalise_phone(raw) {
                        Ok(number) => Some(number),
                        Err(message) => {
                            self.problem(&child(&phone_path, "number"), message);
                            return None;
                        }
                    }
                }
            }
            None => profile.number.clone(),
        };
        let address = match &profile.contact {
            Some(id) => {
                let Some((contact, contact_path)) = contacts.claim(id) else {
                    self.problem(
                        &child(path, "contact"),
                        format!(
                            "names contact {}, which the service does not have; channel left out",
                            shown(id)
                        ),
                    );
                    return None;
                };
                self.check_label(contact, "name", &profile.label, original, &contact_path);
                let Some(email) = self.text(contact, "email", &contact_path) else {
                    self.problem(
                        &child(&contact_path, "email"),
                        "contact has no email; channel left out",
                    );
                    return None;
                };
                Some(email.to_owned())
            }
            None => profile.address.clone(),
        };
        Some(Channel {
            kind: profile.kind,
            number,
            short_code: profile.short_code.clone(),
            display: profile.display.clone(),
            from_abroad: profile.from_abroad,
            abroad_number: profile.abroad_number.clone(),
            callable_from: profile.callable_from.clone(),
            url: profile.url.clone(),
            address,
            label: profile.label.clone(),
            hours: profile.hours.clone(),
        })
    }

    /// Phones and e-mail addresses of a service or service_at_location that no profile channel used.
    fn gather<'a>(
        &mut self,
        object: &'a Map<String, Value>,
        path: &str,
        phones: &Entries<'a>,
        contacts: &Entries<'a>,
        sources: &mut ChannelSources<'a>,
    ) {
        for (index, phone) in phones.items.iter().enumerate() {
            if !phones.used.contains(&index) {
                sources.phones.push((phone, child(&phones.path, index)));
            }
        }
        for (index, contact) in contacts.items.iter().enumerate() {
            let contact_path = child(&contacts.path, index);
            let Some(contact) = self.object(contact, &contact_path, "an HSDS contact") else {
                continue;
            };
            if !contacts.used.contains(&index)
                && let Some(email) = self.text(contact, "email", &contact_path)
            {
                sources.emails.push((email, child(&contact_path, "email")));
            }
            for (phone_index, phone) in self
                .array(contact, "phones", &contact_path)
                .iter()
                .enumerate()
            {
                sources
                    .phones
                    .push((phone, child(&child(&contact_path, "phones"), phone_index)));
            }
        }
        if let Some(email) = self.text(object, "email", path) {
            sources.emails.push((email, child(path, "email")));
        }
    }

    /// Adds the channels of foreign HSDS sources that the service does not have yet.
    fn foreign_channels(&mut self, sources: &ChannelSources<'_>, channels: &mut Vec<Channel>) {
        for (phone, path) in &sources.phones {
            let Some(channel) = self.foreign_phone(phone, path) else {
                continue;
            };
            let same = |c: &Channel| c.kind == channel.kind && c.number == channel.number;
            if !channels.iter().any(same) {
                channels.push(channel);
            }
        }
        for (email, path) in &sources.emails {
            if !is_email(email) {
                self.problem(
                    path,
                    format!("{} is not an e-mail address; left out", shown(email)),
                );
                continue;
            }
            if !channels.iter().any(|c| {
                c.address
                    .as_deref()
                    .is_some_and(|a| a.eq_ignore_ascii_case(email))
            }) {
                channels.push(Channel {
                    address: Some((*email).to_owned()),
                    ..Channel::new(ChannelKind::Email)
                });
            }
        }
        for (url, path) in &sources.urls {
            if channels.iter().any(|c| c.url.as_deref() == Some(*url)) {
                continue;
            }
            if !is_web_url(url, &["https"]) {
                self.problem(
                    path,
                    format!("{} is not an https address; left out", shown(url)),
                );
                continue;
            }
            channels.push(Channel {
                url: Some((*url).to_owned()),
                ..Channel::new(ChannelKind::Web)
            });
        }
    }

    fn foreign_phone(&mut self, value: &Value, path: &str) -> Option<Channel> {
        let phone = self.object(value, path, "an HSDS phone")?;
        let Some(raw) = self.text(phone, "number", path) else {
            self.problem(&child(path, "number"), "phone has no number; left out");
            return None;
        };
        let kind = match self
            .text(phone, "type", path)
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            None | Some("voice" | "cell") => ChannelKind::Voice,
            Some("text" | "sms") => ChannelKind::Sms,
            Some(other) => {
                self.problem(
                    &child(path, "type"),
                    format!(
                        "phone type {} is not a channel the kiosk offers; left out",
                        shown(other)
                    ),
                );
                return None;
            }
        };
        let number = match normalise_phone(raw) {
            Ok(number) => number,
            Err(message) => {
                self.problem(&child(path, "number"), message);
                return None;
            }
        };
        if phone
            .get("extension")
            .is_some_and(|extension| !extension.is_null())
        {
            self.problem(
                &child(path, "extension"),
                "phone extensions are not supported; the number was imported without it",
            );
        }
        let label = imported_text(self.text(phone, "description", path));
        Some(Channel {
            number: Some(number),
            label,
            ..Channel::new(kind)
        })
    }

    /// Reports the schedules of a foreign service: an unverified entry shows no hours.
    fn foreign_schedules(&mut self, object: &Map<String, Value>, path: &str) {
        for (index, schedule) in self.array(object, "schedules", path).iter().enumerate() {
            let schedule_path = child(&child(path, "schedules"), index);
            let Some(schedule) = self.object(schedule, &schedule_path, "an HSDS schedule") else {
                continue;
            };
            if let Some(offset) = schedule.get("timezone").filter(|tz| tz.is_number()) {
                self.problem(
                    &child(&schedule_path, "timezone"),
                    format!("timezone is a UTC offset ({offset}), not an IANA time zone; ignored"),
                );
            }
            let reading = match weekly_rule(schedule, self.today) {
                Ok(rule) => format!("it reads as `{rule}`"),
                Err(why) => format!("it cannot be read as weekly hours ({why})"),
            };
            self.problem(
                &schedule_path,
                format!("schedule not imported: imported entries are unverified and show no hours until an admin checks them; {reading}"),
            );
        }
    }

    /// Provenance of a foreign record: unverified, its source an https page it names or [`NO_SOURCE`].
    fn foreign_provenance(
        &mut self,
        sources: Vec<String>,
        dates: Vec<Date>,
        hsds_id: Option<&str>,
        kind: &str,
        path: &str,
    ) -> Provenance {
        let source = match sources.into_iter().next() {
            Some(source) => source,
            None => {
                self.problem(path, format!("no https page to cite as the {kind}'s source; imported as unverified with source {NO_SOURCE:?}"));
                NO_SOURCE.to_owned()
            }
        };
        let verified_on = match dates.into_iter().filter(|date| *date <= self.today).max() {
            Some(date) => date,
            None => {
                self.problem(
                    path,
                    format!(
                        "no date the {kind} was last checked (metadata or assured_date); {} used",
                        self.today
                    ),
                );
                self.today
            }
        };
        let note = match hsds_id {
            Some(id) => format!("imported from HSDS {kind} {}", shown(id)),
            None => format!("imported from HSDS {kind}"),
        };
        Provenance {
            source,
            verified_on: verified_on.to_string(),
            status: Verification::Unverified,
            note: Some(note),
        }
    }

    /// Reports HSDS fields that differ from what the profile projects into them.
    fn check_projections(
        &mut self,
        object: &Map<String, Value>,
        expected: &Map<String, Value>,
        keys: &[&str],
        path: &str,
    ) {
        for key in keys {
            let given = object.get(*key).filter(|value| !value.is_null());
            if given != expected.get(*key) {
                self.problem(
                    &child(path, key),
                    "differs from the Safety Compass profile, whose value was imported",
                );
            }
        }
    }

    /// Reports a phone `description` or contact `name` that differs from the channel label it shows.
    fn check_label(
        &mut self,
        entry: &Map<String, Value>,
        key: &str,
        label: &Text,
        original: Option<&str>,
        path: &str,
    ) {
        let mut expected = Map::new();
        insert_opt(&mut expected, key, projection(label, original));
        self.check_projections(entry, &expected, &[key], path);
    }

    // --- finishing ------------------------------------------------------------------------------

    /// Settles what depends on the whole document: whether an organisation is ours (profiled) decides
    /// whether its foreign services get a provenance of their own or add to the organisation's.
    fn finish(mut self) -> Imported {
        let drafts = std::mem::take(&mut self.drafts);
        let mut organizations = Vec::with_capacity(drafts.len());
        for mut draft in drafts {
            if draft.stub {
                self.problem(
                    &draft.path,
                    format!(
                        "the organization of this service is not in the document; imported under {} without a name",
                        shown(&draft.org.id)
                    ),
                );
            }
            let foreign_services = std::mem::take(&mut draft.foreign_services);
            if draft.profiled {
                // Under an organisation of ours, a foreign service needs its own (unverified) record
                // of where it came from and its own translation table.
                for foreign in foreign_services {
                    let provenance = self.foreign_provenance(
                        foreign.sources,
                        foreign.dates,
                        foreign.hsds_id.as_deref(),
                        "service",
                        &foreign.path,
                    );
                    if let Some(service) = draft.org.services.get_mut(foreign.index) {
                        service.translation = Some(imported_translation());
                        service.provenance = Some(provenance);
                    }
                }
                organizations.push(draft.org);
                continue;
            }
            for foreign in foreign_services {
                draft.dates.extend(foreign.dates);
                draft.sources.extend(foreign.sources);
            }
            if draft.org.country.is_empty() {
                match draft
                    .org
                    .locations
                    .iter()
                    .map(|l| l.country.clone())
                    .find(|c| !c.is_empty())
                {
                    Some(country) => draft.org.country = country,
                    None => self.problem(
                        &draft.path,
                        "no country (no address gives one); imported without one",
                    ),
                }
            }
            let dates = std::mem::take(&mut draft.dates);
            let sources = std::mem::take(&mut draft.sources);
            draft.org.provenance = self.foreign_provenance(
                sources,
                dates,
                draft.hsds_id.as_deref(),
                "organization",
                &draft.path,
            );
            organizations.push(draft.org);
        }
        let mut content = self.content;
        content.organizations = organizations;
        content.sort();
        Imported {
            content,
            problems: self.problems,
        }
    }
}

/// Replaced in [`Importer::finish`] for every foreign organisation.
fn placeholder_provenance() -> Provenance {
    Provenance {
        source: NO_SOURCE.to_owned(),
        verified_on: String::new(),
        status: Verification::Unverified,
        note: None,
    }
}

/// A foreign schedule as one of our weekly rules (`Th,Fr 10:00-18:00`), checked by the rule parser.
fn weekly_rule(schedule: &Map<String, Value>, today: Date) -> Result<String, String> {
    let text = |key: &str| schedule.get(key).and_then(Value::as_str);
    match text("freq") {
        None | Some("WEEKLY") => {}
        Some(other) => return Err(format!("freq {} is not WEEKLY", shown(other))),
    }
    if schedule
        .get("interval")
        .is_some_and(|interval| !interval.is_null() && interval.as_f64() != Some(1.0))
    {
        return Err("it repeats at an interval other than 1".to_owned());
    }
    for key in ["byweekno", "bymonthday", "byyearday", "count"] {
        if schedule.get(key).is_some_and(|value| !value.is_null()) {
            return Err(format!("{key} is not supported"));
        }
    }
    for key in ["valid_to", "until"] {
        if let Some(end) = text(key).and_then(leading_date)
            && end < today
        {
            return Err(format!("{key} {end} has passed"));
        }
    }
    let byday = text("byday").ok_or_else(|| "no byday".to_owned())?;
    let mut days = Vec::new();
    for code in byday.split(',') {
        let code = code.trim().to_ascii_uppercase();
        let day = DAYS
            .iter()
            .find(|(_, hsds, _)| *hsds == code)
            .ok_or_else(|| format!("byday {} is not a plain weekday", shown(&code)))?;
        days.push(day.2);
    }
    let time = |key: &str| -> Result<String, String> {
        let value = text(key).ok_or_else(|| format!("no {key}"))?;
        match value.len() {
            5 => Ok(value.to_owned()),
            8 if value.ends_with(":00") => Ok(value.get(..5).unwrap_or_default().to_owned()),
            _ => Err(format!("{key} {} is not HH:MM in local time", shown(value))),
        }
    };
    let rule = format!(
        "{} {}-{}",
        days.join(","),
        time("opens_at")?,
        time("closes_at")?
    );
    parse_weekly_rule(&rule)?;
    Ok(rule)
}
